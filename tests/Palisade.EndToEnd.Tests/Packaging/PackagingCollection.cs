namespace Palisade.EndToEnd.Tests.Packaging;

/// <summary>The packaging tests: slow Release builds, run one after another in one shared workspace.</summary>
[CollectionDefinition(Name)]
public sealed class PackagingCollection : ICollectionFixture<PackagingWorkspace>
{
    public const string Name = "packaging";
}
