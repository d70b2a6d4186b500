using System.Text.Json.Nodes;
using Palisade.Testing;
using Palisade.Testing.FakeApi;

namespace Palisade.Cli.Tests.Live;

/// <summary>A fake API server holding examples/shop, and kubeconfigs for it in a temporary folder.</summary>
public sealed class ShopOnFakeApi : IAsyncLifetime
{
    private readonly TempDirectory folder = new();

    public FakeApiServer Api { get; private set; } = null!;

    /// <summary>The example's folder.</summary>
    public static string Example => RepoPaths.InRepo("examples", "shop");

    /// <summary>The admin kubeconfig.</summary>
    public string Kubeconfig { get; private set; } = "";

    public string Folder => folder.Path;

    public async ValueTask InitializeAsync()
    {
        Api = await FakeApiServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        foreach (var file in Directory.EnumerateFiles(Example, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            Api.AddManifests(File.ReadAllText(file));
        Kubeconfig = Api.WriteKubeconfig(folder.File("admin"));
    }

    /// <summary>A new user, as a service account of that name, and its kubeconfig: what a test forbids it stays its own.</summary>
    public (string User, string Kubeconfig) NewUser(string name)
    {
        var user = $"system:serviceaccount:palisade:{name}";
        Api.AddUser(name + "-token", user);
        return (user, Api.WriteKubeconfig(folder.File(name), name + "-token"));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        folder.Dispose();
    }

    /// <summary>
    /// A JSON report without what only a file can have: the <c>location</c> of each finding (a live object has no
    /// file or line).
    /// </summary>
    public static string WithoutLocations(string json)
    {
        var root = JsonNode.Parse(json)!;
        JsonProperties.RemoveEverywhere(root, "location");
        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
