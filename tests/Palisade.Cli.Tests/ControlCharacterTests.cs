using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// Control characters in a manifest are refused where they stand, as kubectl's YAML reader refuses them
/// (docs/semantics.md, "Control characters in manifests"); YAML's reader took a NUL for the end of the file.
/// </summary>
public sealed class ControlCharacterTests : IDisposable
{
    private const string Problem = "malformed YAML/JSON: control character U+{0} is not allowed (a binary file, or text in another encoding?)";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("quoted", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"a\0b\"\n", "4:11", "0000")]
    [InlineData("plain", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\0b\n", "4:10", "0000")]
    [InlineData("comment", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n# c\0\n", "5:4", "0000")]
    [InlineData("escape", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\u001b[0m\n", "4:10", "001B")]
    [InlineData("delete", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: é\u007f\n", "4:10", "007F")]
    public void A_control_character_in_yaml_is_refused_where_it_stands(string name, string text, string at, string code)
    {
        var path = _dir.File(name + ".yaml");
        File.WriteAllText(path, text);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:{at}: {string.Format(null, Problem, code)}\n", run.Error);
    }

    [Fact]
    public void A_nul_line_between_documents_does_not_hide_the_rest()
    {
        // The fast reader read past it and YAML's stopped there: the two disagreed on what the file holds.
        var path = _dir.File("between.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n\0\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:4:1: {string.Format(null, Problem, "0000")}\n", run.Error);
    }

    [Fact]
    public void A_control_character_in_utf16_text_is_refused_too()
    {
        var path = _dir.File("wide.yaml");
        File.WriteAllText(path, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\u0001\n", System.Text.Encoding.Unicode);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:4:10: {string.Format(null, Problem, "0001")}\n", run.Error);
    }

    [Fact]
    public void Tabs_and_carriage_returns_are_text()
    {
        var path = _dir.File("crlf.yaml");
        File.WriteAllText(path, "apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a # a\tcomment\r\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void A_nul_in_a_json_string_is_refused_where_it_stands()
    {
        var path = _dir.File("ns.json");
        File.WriteAllText(path, "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\0\"}}");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:1:60: {string.Format(null, Problem, "0000")}\n", run.Error);
    }
}
