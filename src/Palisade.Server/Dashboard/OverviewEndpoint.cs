using Microsoft.AspNetCore.Builder;
using Palisade.Posture;
using Palisade.Reporting;
using Palisade.Reporting.Scan;
using Palisade.Scan;
using Palisade.Server.Api;

namespace Palisade.Server.Dashboard;

/// <summary>
/// <c>GET /api/v1/overview</c>: <c>scan -o json</c> of the live cluster (inventory, coverage, risk, exposure,
/// connectivity summary, findings), for the dashboard's first page. Computed once per cluster state.
/// </summary>
public static class OverviewEndpoint
{
    /// <summary>Maps the endpoint.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        Tuple<long, string>? cached = null;
        app.MapGet("/api/v1/overview", context =>
        {
            var snapshot = ClusterEndpoints.Snapshot(state, null);
            var known = Volatile.Read(ref cached);
            if (known is null || known.Item1 != snapshot.Version)
            {
                var report = ScanUseCase.Run(snapshot.Cluster, new LintOptions());
                var text = new StringWriter();
                ScanFormats.All.Find("json")!.Write(report, new OutputContext(null, "live cluster"), text);
                known = Tuple.Create(snapshot.Version, text.ToString());
                Volatile.Write(ref cached, known);
            }
            context.Response.Headers["X-Palisade-State"] = snapshot.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Text(context, ContentTypes.Json, output => output.Write(known.Item2));
        });
    }
}
