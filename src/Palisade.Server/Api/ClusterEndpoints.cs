using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Connectivity;
using Palisade.Connectivity.Explain;
using Palisade.Net;
using Palisade.Reporting;
using Palisade.Reporting.Connlist;
using Palisade.Reporting.Explain;
using Palisade.Reporting.Findings;
using Palisade.Server.Watch;

namespace Palisade.Server.Api;

/// <summary><c>/api/v1/connectivity</c>, <c>/api/v1/eval</c> and <c>/api/v1/findings</c>: <c>connectivity</c>, <c>eval --explain</c> and <c>lint</c> on the live cluster.</summary>
public static class ClusterEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        app.MapRead("/api/v1/connectivity", context =>
        {
            Query.Only(context, "format", "at", "granularity");
            // The request is judged before the cluster: a malformed one is 400 even while the state is unavailable (503).
            var granularity = GranularityOf(context);
            var format = Query.Format(context, ConnlistFormats.All, "json");
            var snapshot = Snapshot(state, Query.Time(context, "at"));
            context.Response.Headers["X-Palisade-State"] = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // The watch keeps the workload report up to date; pods are analysed when asked, as the command does.
            var stream = granularity == Granularity.Pod
                ? ConnectivityAnalyzer.Stream(snapshot.Engine, Granularity.Pod)
                : ConnectivityStream.Of(snapshot.Report);
            return ApiResults.Text(context, format.ContentType, output => format.Write(stream, OutputContext.None, output));
        });
        app.MapRead("/api/v1/eval", context =>
        {
            Query.Only(context, "src", "dst", "port", "protocol");
            var protocolText = context.Request.Query["protocol"].ToString() is { Length: > 0 } p ? p.ToUpperInvariant() : "TCP";
            if (!Protocols.TryParse(protocolText, out var protocol))
                throw ApiProblem.BadRequest($"protocol: \"{protocolText}\" is not TCP, UDP or SCTP");
            var request = new EvalRequest(Query.Required(context, "src"), Query.Required(context, "dst"), Query.Required(context, "port")) { Protocol = protocol };
            var snapshot = Snapshot(state, null);
            var explanation = Guard(() => EvalUseCase.Run(snapshot.Engine, request));
            var text = new StringWriter();
            ExplanationWriter.WriteEval(explanation, sides: true, text);
            return ApiResults.Json(context, json =>
            {
                json.WriteStartObject();
                json.WriteBoolean("allowed", explanation.Allowed);
                json.WriteString("verdict", text.ToString().Split('\n')[0]);
                json.WriteString("explanation", text.ToString());
                json.WriteEndObject();
            });
        });
        app.MapRead("/api/v1/findings", context =>
        {
            Query.Only(context, "format");
            var format = Query.Format(context, FindingsFormats.All, "json");
            Snapshot(state, null);
            var findings = state.Posture!.Now();
            return ApiResults.Text(context, format.ContentType, output => format.Write(findings, new OutputContext(null, "live cluster"), output));
        });
    }

    /// <summary>
    /// The state now or at the time asked (by the query parameter <paramref name="parameter"/>); 503 before the first
    /// list is in, 400 for a time before the history kept.
    /// </summary>
    public static LiveSnapshot Snapshot(ServerState state, DateTimeOffset? at, string parameter = "at")
    {
        if (state.Live is null)
            throw new ApiProblem(503, "no cluster is watched (start with --kubeconfig, or in a pod)");
        var current = state.Live.Current ?? throw new ApiProblem(503, "the cluster is still being listed; try again shortly");
        if (at is not { } time)
            return current;
        if (time < state.Live.HistoryStart)
            throw ApiProblem.BadRequest($"{parameter}: the states kept begin at {Rfc3339.Format(state.Live.HistoryStart)}");
        return state.Live.At(time) ?? current;
    }

    /// <summary><c>granularity=workload|pod</c> in any case, as <c>palisade connectivity --granularity</c>; workload when absent.</summary>
    private static Granularity GranularityOf(HttpContext context)
    {
        var text = context.Request.Query["granularity"].ToString();
        return text.ToLowerInvariant() switch
        {
            "" or "workload" => Granularity.Workload,
            "pod" => Granularity.Pod,
            _ => throw ApiProblem.BadRequest($"granularity: \"{text}\" is not workload or pod"),
        };
    }

    /// <summary>Runs a use case, turning bad input or a bad request (an unknown endpoint, a bad port) into 400.</summary>
    public static T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (e is InvalidInputException or InvalidRequestException)
        {
            throw ApiProblem.BadRequest(e.Message);
        }
    }
}
