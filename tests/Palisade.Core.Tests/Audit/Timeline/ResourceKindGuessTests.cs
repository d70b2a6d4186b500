using Palisade.Audit.Timeline;

namespace Palisade.Core.Tests.Audit.Timeline;

/// <summary>
/// The Kind of a resource nothing lists and no body names is guessed back from its plural, as Kubernetes guesses the
/// plural from the Kind: a Kind ending in "s" takes "es", one ending in "y" takes "ies", any other takes "s".
/// </summary>
public sealed class ResourceKindGuessTests
{
    [Theory]
    [InlineData("databases", "Database")]
    [InlineData("policies", "Policy")]
    [InlineData("classes", "Class")]
    [InlineData("addresses", "Address")]
    [InlineData("statuses", "Status")]
    [InlineData("buses", "Bus")]
    [InlineData("licenses", "License")]
    [InlineData("widgets", "Widget")]
    [InlineData("s", "s")]
    public void The_kind_is_the_singular_kubernetes_would_have_made_the_plural_from(string resource, string kind) =>
        Assert.Equal(kind, ResourceKinds.KindOf(resource));
}
