using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Palisade.Connectivity;
using Palisade.Connectivity.Diff;
using Palisade.Kubernetes;
using Palisade.Kubernetes.Replay;
using Palisade.Reporting;
using Palisade.Reporting.Diff;
using Palisade.Server.Api;

namespace Palisade.Server.Dashboard;

/// <summary>
/// <c>POST /api/v1/whatif</c>: the body holds manifests (YAML or JSON, several documents); each is applied to the live
/// cluster's objects as <c>kubectl apply</c> would (added, or replacing the object of the same kind, namespace and
/// name), and the answer is the connectivity diff from the cluster now to that one: <c>{"text": diff -o txt,
/// "diff": diff -o json}</c>. Nothing is changed. A manifest that cannot be read is 400 naming its line.
/// </summary>
public static class WhatIfEndpoint
{
    private const string FileName = "what-if.yaml";

    /// <summary>Maps the endpoint.</summary>
    public static void Map(WebApplication app, ServerState state)
    {
        app.MapPost("/api/v1/whatif", async context =>
        {
            var snapshot = ClusterEndpoints.Snapshot(state, null);
            string text;
            using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
                text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (text.Trim().Length == 0)
                throw ApiProblem.BadRequest("the body is empty: paste one or more manifests (YAML or JSON)");
            var report = Compare(snapshot, text);
            var txt = new StringWriter();
            DiffFormats.All.Find("txt")!.Write(report, new OutputContext(null, "what if"), txt);
            var json = new StringWriter();
            DiffFormats.All.Find("json")!.Write(report, new OutputContext(null, "what if"), json);
            await ApiResults.Json(context, writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("text", txt.ToString());
                writer.WritePropertyName("diff");
                using (var entries = JsonDocument.Parse(json.ToString()))
                    entries.RootElement.WriteTo(writer);
                writer.WriteEndObject();
            }).ConfigureAwait(false);
        });
    }

    private static DiffReport Compare(Watch.LiveSnapshot snapshot, string text)
    {
        var folder = Directory.CreateTempSubdirectory("palisade-whatif-");
        try
        {
            var file = Path.Combine(folder.FullName, FileName);
            File.WriteAllText(file, text);
            var (_, bodies) = Guard(folder.FullName, () => ManifestSource.LoadWithBodies([file], lenient: true));
            var after = snapshot.Bodies;
            foreach (var (key, body) in bodies)
                after = after.Set(key, body);
            var model = new ReplayModel();
            return DiffUseCase.Run(model.Build(snapshot.Bodies), model.Build(after), ConnectivityOptions.Default);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static T Guard<T>(string folder, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (InvalidInputException e)
        {
            throw ApiProblem.BadRequest(e.Message.Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
        }
    }
}
