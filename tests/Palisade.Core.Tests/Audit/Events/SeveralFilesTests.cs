using Palisade.Audit.Events;
using Palisade.Input;
using static Palisade.Testing.AuditLines;

namespace Palisade.Core.Tests.Audit.Events;

/// <summary>
/// Several logs of one cluster: each API server of a highly available control plane writes its own, and rotated logs are
/// named newest first (<c>audit.log audit.log.1</c>). Their events are taken side by side in time order, so that the
/// ordering of requests, which undoes disorder within a bounded number of requests, never has a whole file to undo.
/// </summary>
public sealed class SeveralFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("palisade-audit-files-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void The_logs_of_two_api_servers_are_read_side_by_side_in_time_order()
    {
        var first = Write("apiserver-1.log", Secret("a", "03:00"), Secret("c", "03:02"), Secret("e", "03:04"));
        var second = Write("apiserver-2.log", Secret("b", "03:01"), Secret("d", "03:03"));

        var events = Read(first, second);

        Assert.Equal(["a", "b", "c", "d", "e"], events.Select(e => e.ObjectRef!.Name));
        Assert.Equal(["apiserver-1.log:1", "apiserver-2.log:1", "apiserver-1.log:2", "apiserver-2.log:2", "apiserver-1.log:3"],
            events.Select(e => $"{Path.GetFileName(e.Location!.File)}:{e.Location.Line}"));
    }

    [Fact]
    public void Rotated_logs_listed_newest_first_are_read_oldest_first()
    {
        var current = Write("audit.log", Secret("c", "04:00"), Secret("d", "04:01"));
        var rotated = Write("audit.log.1", Secret("a", "03:00"), Secret("b", "03:01"));

        Assert.Equal(["a", "b", "c", "d"], Read(current, rotated).Select(e => e.ObjectRef!.Name));
    }

    [Fact]
    public void Each_files_own_order_is_kept()
    {
        // A long request (a watch) completes after later ones and is logged after them: its file keeps it there.
        var first = Write("apiserver-1.log", Secret("b", "03:01"), Secret("a", "03:00"), Secret("d", "03:03"));
        var second = Write("apiserver-2.log", Secret("c", "03:02"));

        Assert.Equal(["b", "a", "c", "d"], Read(first, second).Select(e => e.ObjectRef!.Name));
    }

    private static string Secret(string name, string at) => Event("get", "secrets", "kube-system", name, user: "alice", at: at, level: "Metadata");

    private string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, Log(lines));
        return path;
    }

    private static List<AuditEvent> Read(params string[] paths) => [.. new AuditEventReader().Read(paths, new ReadDiagnostics(strict: true))];
}
