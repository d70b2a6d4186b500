using System.Text;
using System.Text.Json.Nodes;
using Palisade.Audit.Detection;
using Palisade.Audit.Detectors;
using Palisade.Audit.Events;
using Palisade.Audit.Timeline;
using Palisade.Input;
using Palisade.Model;

namespace Palisade.Core.Tests.Audit;

/// <summary>
/// Runs audit lines (written with <see cref="Palisade.Testing.AuditLines"/>) through the reader, the replay and
/// the rules, as <c>palisade audit</c> does, from a starting store of hand-written bodies.
/// </summary>
internal static class Replaying
{
    /// <summary>The events of the lines, read as one log file; nothing in them may be malformed.</summary>
    public static List<AuditEvent> Events(params string[] lines)
    {
        var diagnostics = new ReadDiagnostics(strict: true);
        using var source = InputSource.FromStream("audit.log", new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", lines))));
        return [.. new AuditEventReader().Read(source, diagnostics)];
    }

    /// <summary>
    /// Replays the lines from <paramref name="initial"/> (complete: objects absent from it did not exist) with
    /// every rule of the catalogue, or none.
    /// </summary>
    public static AuditCheckResult Run(string[] lines, ObjectStore? initial = null, bool complete = true, AuditCheckContext? context = null, bool rules = true)
    {
        var check = new AuditCheck(context ?? new AuditCheckContext(new HashSet<string>()), rules ? AuditRuleCatalog.Create() : [], initial ?? ObjectStore.Empty, complete);
        foreach (var e in Events(lines))
            check.Add(e);
        return check.Run();
    }

    /// <summary>A store of the bodies, each keyed by its kind, namespace and name.</summary>
    public static ObjectStore Store(params string[] bodies) =>
        ObjectStore.Of(bodies.Select(b => JsonNode.Parse(b)!).Select(b => new KeyValuePair<ObjectKey, JsonNode>(KeyOf(b), b)));

    /// <summary><c>"NetworkPolicy data/db"</c> or <c>"Namespace data"</c> as a key.</summary>
    public static ObjectKey Key(string text)
    {
        var space = text.IndexOf(' ');
        var rest = text[(space + 1)..];
        var slash = rest.IndexOf('/');
        return slash < 0 ? new ObjectKey(text[..space], null, rest) : new ObjectKey(text[..space], rest[..slash], rest[(slash + 1)..]);
    }

    /// <summary>The alerts as <c>rule object</c>, in order.</summary>
    public static string[] Raised(AuditCheckResult result) => [.. result.Alerts.Select(a => $"{a.Rule} {a.Object}")];

    /// <summary>Asserts that the body is the JSON expected.</summary>
    public static void Same(string expected, JsonNode? actual)
    {
        Assert.NotNull(actual);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}\n     got {actual.ToJsonString()}");
    }

    private static ObjectKey KeyOf(JsonNode body) =>
        new(body["kind"]!.GetValue<string>(), body["metadata"]?["namespace"]?.GetValue<string>(), body["metadata"]!["name"]!.GetValue<string>());
}

/// <summary>A change evaluator that answers what it is told, and counts how often it was asked.</summary>
internal sealed class FixedEvaluator(params string[] opened) : IChangeEvaluator
{
    public int Calls { get; private set; }

    public void Observe(ReplayedRequest request)
    {
    }

    public ConnectivityChange Compare(ReplayedRequest request)
    {
        Calls++;
        return new ConnectivityChange(opened, []);
    }
}
