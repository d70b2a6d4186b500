using System.Diagnostics;
using System.Net;
using System.Text;
using Palisade.Testing;

namespace Palisade.EndToEnd.Tests.Serve;

/// <summary>
/// <c>palisade serve</c> as a child process (the built <c>palisade.dll</c> under <c>dotnet</c>), on a free loopback port
/// without authentication or a cluster, so that a test can kill it with SIGKILL and start it again on the same store.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>Where it listens.</summary>
    public Uri Address { get; }

    /// <summary>What it wrote so far (standard output and error).</summary>
    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    /// <summary>Starts it on the store and waits until <c>/healthz</c> answers.</summary>
    public static async Task<ServeProcess> StartAsync(string store, string dataDirectory, params string[] extra)
    {
        var port = LoopbackPorts.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "palisade.dll"), "serve", "--listen", $"127.0.0.1:{port}",
                     "--insecure-no-auth", "--no-watch", "--store", store, "--data-dir", dataDirectory, .. extra])
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet palisade.dll serve");
        var served = new ServeProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => served.Append(e.Data);
        process.ErrorDataReceived += (_, e) => served.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = served.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var health = await probe.GetAsync("healthz", TestContext.Current.CancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                    return served;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        var log = served.Log;
        await served.DisposeAsync();
        throw new InvalidOperationException($"palisade serve did not answer /healthz within 60 s:\n{log}");
    }

    /// <summary>SIGKILL, as <c>kill -9</c>: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
