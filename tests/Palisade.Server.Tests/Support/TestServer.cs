using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Palisade.Server.Tests.Support;

/// <summary>A <c>palisade serve</c> started in-process on a free loopback port with a fresh SQLite store (unless the options say otherwise), and a client for it.</summary>
public sealed class TestServer : IAsyncDisposable
{
    /// <summary>A token the servers started with <see cref="WithTokens"/> accept.</summary>
    public const string Token = "test-token-0123456789abcdef";

    private TestServer(RunningServer server, string directory)
    {
        Server = server;
        Directory = directory;
        Client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The running server.</summary>
    public RunningServer Server { get; }

    /// <summary>A folder of its own (the SQLite file, the token file).</summary>
    public string Directory { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>Options listening on a free loopback port, without authentication, with a SQLite file in <paramref name="directory"/>.</summary>
    public static ServeOptions Options(string directory) => new()
    {
        Listen = "127.0.0.1:0",
        InsecureNoAuth = true,
        NoWatch = true,
        DataDirectory = directory,
    };

    /// <summary>A token file accepting <see cref="Token"/>, written in the folder.</summary>
    public static ServeOptions WithTokens(ServeOptions options, string directory)
    {
        var file = Path.Combine(directory, "tokens");
        File.WriteAllText(file, $"{Token},tester\n");
        return options with { InsecureNoAuth = false, TokenFile = file };
    }

    /// <summary>Starts a server; <paramref name="configure"/> changes the default options.</summary>
    public static async Task<TestServer> StartAsync(Func<ServeOptions, string, ServeOptions>? configure = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("palisade-serve-").FullName;
        var options = Options(directory);
        if (configure is not null)
            options = configure(options, directory);
        var server = await ServerHost.StartAsync(options, TestContext.Current.CancellationToken, logging => logging.SetMinimumLevel(LogLevel.Warning));
        return new TestServer(server, directory);
    }

    /// <summary>
    /// Starts a server watching the fake API server (its kubeconfig in the server's own folder, which goes with it) and
    /// waits for the first snapshot of the cluster.
    /// </summary>
    public static async Task<TestServer> WatchingAsync(Palisade.Testing.FakeApi.FakeApiServer api)
    {
        var server = await StartAsync((o, directory) => o with
        {
            NoWatch = false,
            Kubeconfig = api.WriteKubeconfig(Path.Combine(directory, "kubeconfig")),
            WatchTimeout = TimeSpan.FromSeconds(1),
        });
        await Until(() => server.Server.State.Live!.Current is not null);
        return server;
    }

    /// <summary>Waits for the condition, failing the test after 20 s.</summary>
    public static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 20 s");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A client sending the token.</summary>
    public HttpClient Authorized(string token = Token)
    {
        var client = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open for a moment; a leftover temp folder is harmless.
        }
    }
}
