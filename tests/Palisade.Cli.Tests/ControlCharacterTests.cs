using System.Text;
using Palisade.Testing;

namespace Palisade.Cli.Tests;

/// <summary>
/// Control characters in a manifest are refused where they stand, as kubectl's YAML reader refuses them
/// (docs/semantics.md, "Control characters in manifests"); YAML's reader took a NUL for the end of the file.
/// </summary>
public sealed class ControlCharacterTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("quoted.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"a\0b\"\n", "4:11", "0000")]
    [InlineData("plain.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\0b\n", "4:10", "0000")]
    [InlineData("comment.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n# c\0\n", "5:4", "0000")]
    [InlineData("escape.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\u001b[0m\n", "4:10", "001B")]
    [InlineData("delete.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: é\u007f\n", "4:10", "007F")]
    // The fast reader read past a NUL line and YAML's stopped there: the two disagreed on what the file holds.
    [InlineData("between.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n\0\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n", "4:1", "0000")]
    [InlineData("ns.json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\0\"}}", "1:60", "0000")]
    public void A_control_character_is_refused_where_it_stands(string name, string text, string at, string code) =>
        AssertRefused(name, text, new UTF8Encoding(false), at, code);

    [Fact]
    public void A_byte_order_mark_is_no_column() =>
        AssertRefused("marked.json", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"a\0\"}}", new UTF8Encoding(true), "1:60", "0000");

    [Fact]
    public void A_control_character_in_utf16_text_is_refused_too() =>
        AssertRefused("wide.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\u0001\n", Encoding.Unicode, "4:10", "0001");

    [Fact]
    public void Tabs_and_carriage_returns_are_text()
    {
        var path = _dir.File("crlf.yaml");
        File.WriteAllText(path, "apiVersion: v1\r\nkind: Namespace\r\nmetadata:\r\n  name: a # a\tcomment\r\n");
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
    }

    private void AssertRefused(string name, string text, Encoding encoding, string at, string code)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text, encoding);
        var run = CliRun.Of("connectivity", path);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"error: {path}:{at}: malformed YAML/JSON: control character U+{code} is not allowed (a binary file, or text in another encoding?)\n", run.Error);
    }
}
