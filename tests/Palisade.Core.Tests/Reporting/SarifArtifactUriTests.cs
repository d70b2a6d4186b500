using Palisade.Reporting.Sarif;

namespace Palisade.Core.Tests.Reporting;

/// <summary>
/// A SARIF artifact URI is a URI reference: characters a file name may hold but a URI may not (a space, '#', '%',
/// '&lt;') are percent-encoded, or code-scanning uploads read a '#' as the start of a fragment and refuse the rest.
/// </summary>
public sealed class SarifArtifactUriTests
{
    private static readonly string Base = Path.Combine(Path.GetTempPath(), "repo");

    [Theory]
    [InlineData("k8s/np.yaml", "k8s/np.yaml")]
    [InlineData("my charts/web app.yaml", "my%20charts/web%20app.yaml")]
    [InlineData("overlays/#1/np.yaml", "overlays/%231/np.yaml")]
    [InlineData("100%/np.yaml", "100%25/np.yaml")]
    [InlineData("<stdin>", "%3Cstdin%3E")]
    [InlineData("café/np.yaml", "caf%C3%A9/np.yaml")]
    public void A_file_under_the_base_is_a_relative_uri_reference_with_its_segments_encoded(string relative, string expected)
    {
        var uri = SarifWriter.ArtifactUri(Path.Combine(Base, relative), Base);

        Assert.Equal(expected, uri);
        Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Relative), uri);
    }

    [Fact]
    public void A_file_outside_the_base_is_an_absolute_file_uri()
    {
        var uri = SarifWriter.ArtifactUri(Path.Combine(Path.GetTempPath(), "other #dir", "np.yaml"), Base);

        Assert.StartsWith("file:///", uri, StringComparison.Ordinal);
        Assert.EndsWith("/other%20%23dir/np.yaml", uri, StringComparison.Ordinal);
        Assert.True(Uri.IsWellFormedUriString(uri, UriKind.Absolute), uri);
    }
}
