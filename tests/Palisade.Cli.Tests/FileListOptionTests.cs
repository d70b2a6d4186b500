using Palisade.Cli.Commands;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// The rule for values after an option naming files (<see cref="FileListSettling"/>, docs/semantics.md "Input
/// handling"): the first is the option's, each further one while its content is the option's kind, the first that is
/// not and all after it the command's own files; a single value is left exactly as given.
/// </summary>
public sealed class FileListOptionTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _manifest;
    private readonly string _manifest2;
    private readonly string _flows;
    private readonly string _flows2;
    private readonly string _log;
    private readonly string _log2;
    private readonly string _baseline;
    private readonly string _empty;

    public FileListOptionTests()
    {
        _manifest = Write("a.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        _manifest2 = Write("b.json", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"b"}}""");
        _flows = Write("f.csv", "time,src_ip,src_port,dst_ip,dst_port,protocol,bytes,verdict\n2024-05-01T10:00:00Z,10.0.0.1,1,10.0.0.2,2,TCP,3,FORWARDED\n");
        _flows2 = Write("g.jsonl", """{"flow":{"time":"2024-05-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.0.1","destination":"10.0.0.2"}}}""" + "\n");
        _log = Write("a.log", AuditLines.Log(AuditLines.Event("get", "pods", "web", "api")));
        _log2 = Write("b.log", AuditLines.Log(AuditLines.Event("get", "pods", "web", "db")));
        _baseline = Write("base.json", """{"kind": "PalisadeFlowBaseline", "version": 1, "edges": []}""");
        _empty = Write("empty.yaml", "");
        Directory.CreateDirectory(_temp.File("dir"));
    }

    public void Dispose() => _temp.Dispose();

    private string Write(string name, string text)
    {
        var path = _temp.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Settle(params string[] args) =>
        FileListSettling.Settle(App.Root(new CliIo(new StringReader(""), TextWriter.Null, TextWriter.Null)), args);

    [Fact]
    public void A_single_value_leaves_the_arguments_as_given()
    {
        string[] args = ["flows", "check", _flows, "--cluster", _manifest, "--audit=" + _log, "-o", "json"];
        Assert.Same(args, Settle(args));
    }

    [Fact]
    public void Further_manifests_after_cluster_are_its_own_before_or_after_the_flow_files()
    {
        Assert.Equal(["flows", "check", _flows, "--cluster", _manifest, "--cluster", _manifest2, "-o", "json"],
            Settle("flows", "check", _flows, "--cluster", _manifest, _manifest2, "-o", "json"));
        Assert.Equal(["flows", "check", "--cluster", _manifest, "--cluster", _manifest2, _flows, _flows2],
            Settle("flows", "check", "--cluster", _manifest, _manifest2, _flows, _flows2));
    }

    [Fact]
    public void A_directory_and_live_are_manifests()
    {
        Assert.Equal(["audit", "--cluster", _manifest, "--cluster", _temp.File("dir"), "--cluster", "live", _log],
            Settle("audit", "--cluster", _manifest, _temp.File("dir"), "live", _log));
    }

    [Fact]
    public void The_first_value_of_another_kind_ends_the_list_and_the_rest_are_the_commands()
    {
        // b.json is a manifest, but after the flow file: the list ended there.
        Assert.Equal(["flows", "check", "--cluster", _manifest, _flows, _manifest2],
            Settle("flows", "check", "--cluster", _manifest, _flows, _manifest2));
    }

    [Fact]
    public void The_first_value_is_the_options_whatever_it_holds()
    {
        string[] args = ["flows", "check", _flows, "--cluster", _flows2];
        Assert.Same(args, Settle(args));
    }

    [Fact]
    public void Audit_logs_after_audit_are_its_own_and_manifests_after_them_the_commands()
    {
        Assert.Equal(["connectivity", "--audit", _log, "--audit", _log2, _temp.File("dir"), "--at", "2024-05-01T03:00:00Z"],
            Settle("connectivity", "--audit", _log, _log2, _temp.File("dir"), "--at", "2024-05-01T03:00:00Z"));
        Assert.Equal(["flows", "baseline", _flows, "--cluster", _manifest, "--audit", _log, "--audit", _log2, "-o", "-"],
            Settle("flows", "baseline", _flows, "--cluster", _manifest, "--audit", _log, _log2, "-o", "-"));
    }

    [Fact]
    public void Logs_after_cluster_are_the_audit_commands_own()
    {
        Assert.Equal(["timeline", "--cluster", _manifest, "--cluster", _manifest2, _log, _log2],
            Settle("timeline", "--cluster", _manifest, _manifest2, _log, _log2));
    }

    [Fact]
    public void Only_baselines_join_baseline_a_flow_file_of_a_learning_period_needs_its_own_flag()
    {
        var second = Write("second.json", """{"kind":"PalisadeFlowBaseline","version":1,"edges":[]}""");
        Assert.Equal(["flows", "check", _flows, "--cluster", _manifest, "--baseline", _baseline, "--baseline", second, _flows2],
            Settle("flows", "check", _flows, "--cluster", _manifest, "--baseline", _baseline, second, _flows2));
    }

    [Fact]
    public void Standard_input_a_missing_path_and_an_empty_file_are_never_taken_after_the_first_value()
    {
        foreach (var value in new[] { "-", _temp.File("missing.yaml"), _empty })
        {
            string[] args = ["flows", "check", "--cluster", _manifest, value];
            Assert.Same(args, Settle(args));
        }
    }

    [Fact]
    public void A_double_dash_ends_the_list()
    {
        string[] args = ["audit", "--cluster", _manifest, "--", _manifest2];
        Assert.Same(args, Settle(args));
    }

    [Fact]
    public void Without_files_of_its_own_a_command_gives_every_value_to_the_option()
    {
        Assert.Equal(["generate", "--flows", _flows, "--flows", _flows2, "--flows", _manifest, "--cluster", _manifest, "--cluster", _flows2],
            Settle("generate", "--flows", _flows, _flows2, _manifest, "--cluster", _manifest, _flows2));
    }

    [Theory]
    [InlineData("a.yaml", "Manifests")]
    [InlineData("b.json", "Manifests")]
    [InlineData("f.csv", "FlowLogs")]
    [InlineData("g.jsonl", "FlowLogs")]
    [InlineData("a.log", "AuditLogs")]
    [InlineData("base.json", "Baseline")]
    [InlineData("dir", "Manifests")]
    [InlineData("empty.yaml", null)]
    [InlineData("missing", null)]
    public void Content_tells_the_kind(string name, string? kind) => Assert.Equal(kind, InputKinds.Of(_temp.File(name))?.ToString());

    [Fact]
    public void A_gzipped_audit_log_is_told_by_its_content()
    {
        var path = _temp.File("a.log.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
            gzip.Write(File.ReadAllBytes(_log));
        Assert.Equal(InputKind.AuditLogs, InputKinds.Of(path));
    }
}
