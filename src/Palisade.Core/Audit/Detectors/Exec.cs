using Palisade.Audit.Detection;
using Palisade.Audit.Timeline;
using Palisade.Findings;

namespace Palisade.Audit.Detectors;

/// <summary><c>exec</c>: a command run in, an attachment to, or a port forwarded from a pod (any verb: WebSocket clients are audited as get).</summary>
public sealed class Exec : IAuditRule
{
    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL903", "exec", "Exec, attach or port-forward into a pod", Severity.Medium, "audit",
            "A shell in a pod or a tunnel into it goes around every network policy: it is how intruders and hurried operators reach what the network forbids."),
        ["T1609"]);

    /// <inheritdoc />
    public void Observe(ReplayedRequest request, AuditCheckContext context)
    {
        if (request.Event.ObjectRef is not { Subresource: "exec" or "attach" or "portforward" } o)
            return;
        var what = o.Subresource switch
        {
            "exec" => "ran a command in",
            "attach" => "attached to",
            _ => "forwarded a port of",
        };
        var command = o.Subresource == "exec" ? Command(request.Event.RequestUri) : null;
        context.Raise(this, request, $"{request.Event.Actor} {what} {request.ObjectText}{(command is null ? "" : $" ({command})")}");
    }

    /// <summary>The command of an exec request, from its URI's <c>command</c> parameters.</summary>
    private static string? Command(string uri)
    {
        var query = uri.IndexOf('?');
        if (query < 0)
            return null;
        var parameters = uri.AsSpan(query + 1);
        System.Text.StringBuilder? command = null;
        foreach (var range in parameters.Split('&'))
        {
            var parameter = parameters[range];
            if (!parameter.StartsWith("command=", StringComparison.Ordinal))
                continue;
            if (command is null)
                command = new System.Text.StringBuilder();
            else
                command.Append(' ');
            command.Append(Uri.UnescapeDataString(parameter["command=".Length..].ToString().Replace('+', ' ')));
        }
        return command?.ToString();
    }
}
