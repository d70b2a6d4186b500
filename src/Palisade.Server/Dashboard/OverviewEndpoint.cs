using Microsoft.AspNetCore.Builder;
using Palisade.Connectivity;
using Palisade.Posture;
using Palisade.Reporting;
using Palisade.Reporting.Scan;
using Palisade.Scan;
using Palisade.Server.Api;
using Palisade.Server.Watch;

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
        Tuple<long, Lazy<string>>? cached = null;
        app.MapRead("/api/v1/overview", context =>
        {
            var snapshot = ClusterEndpoints.Snapshot(state, null);
            var known = Volatile.Read(ref cached);
            if (known is null || known.Item1 != snapshot.Version)
            {
                // One computation per state, shared by the requests that arrive while it runs.
                var fresh = Tuple.Create(snapshot.Version, new Lazy<string>(() => Scan(state, snapshot)));
                known = Interlocked.CompareExchange(ref cached, fresh, known) == known ? fresh : Volatile.Read(ref cached)!;
            }
            context.Response.Headers["X-Palisade-State"] = known.Item1.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Text(context, ContentTypes.Json, output => output.Write(known.Item2.Value));
        });
    }

    /// <summary>The scan report, reusing the posture findings the service keeps for this state.</summary>
    private static string Scan(ServerState state, LiveSnapshot snapshot)
    {
        var findings = state.Posture?.Now() ?? PostureRunner.Lint(snapshot);
        var report = ScanBuilder.Build(new PostureContext(snapshot.Cluster, ConnectivityOptions.Default), findings);
        var text = new StringWriter();
        ScanFormats.All.Find("json")!.Write(report, new OutputContext(null, "live cluster"), text);
        return text.ToString();
    }
}
