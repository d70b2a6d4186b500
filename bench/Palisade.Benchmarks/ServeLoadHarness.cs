using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Palisade.Benchmarks;

/// <summary>
/// <c>serve-load URL [--kind flows|audit] [--rate N] [--seconds S] [--batch B] [--connections C] [--token T] [--pid PID]</c>:
/// offers N records a second (open loop, in batches of B, at most C requests in flight) to a running <c>palisade serve</c> for S
/// seconds, counts what was acknowledged (202), refused (429) and failed, then (flows) waits until the store holds
/// them and checks that it holds every acknowledged flow exactly once (on an empty store, every flow unique). With
/// <c>--pid</c> it reports the server's peak RSS and CPU time from /proc. Prints one result line.
/// </summary>
public static class ServeLoadHarness
{
    public static int Run(string[] args, TextWriter output)
    {
        var url = new Uri(args[1].EndsWith('/') ? args[1] : args[1] + "/");
        string Option(string name, string otherwise) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : otherwise;
        var kind = Option("--kind", "flows");
        var rate = int.Parse(Option("--rate", "50000"), CultureInfo.InvariantCulture);
        var seconds = int.Parse(Option("--seconds", "60"), CultureInfo.InvariantCulture);
        var batch = int.Parse(Option("--batch", "500"), CultureInfo.InvariantCulture);
        var connections = int.Parse(Option("--connections", "64"), CultureInfo.InvariantCulture);
        var token = Option("--token", "");
        var pid = int.Parse(Option("--pid", "0"), CultureInfo.InvariantCulture);

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };
        if (token.Length > 0)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var path = kind == "audit" ? "api/v1/ingest/audit" : "api/v1/ingest/hubble";
        var before = kind == "flows" ? StoredFlows(client) : 0;
        var cpuBefore = pid > 0 ? CpuSeconds(pid) : 0;

        long offered = 0, acknowledged = 0, refused = 0, failed = 0;
        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        var end = TimeSpan.FromSeconds(seconds);
        var interval = TimeSpan.FromSeconds((double)batch / rate);
        // Open loop: batch n is due at n × interval whether or not earlier ones were answered, up to --connections
        // requests in flight; a batch that finds them all busy waits, and the offered rate drops (it is reported).
        using var slots = new SemaphoreSlim(connections);
        var inFlight = new List<Task>();
        for (long n = 0; interval * n < end; n++)
        {
            var wait = interval * n - clock.Elapsed;
            if (wait > TimeSpan.Zero)
                Thread.Sleep(wait);
            slots.Wait();
            var number = n;
            inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    Interlocked.Add(ref offered, batch);
                    var body = kind == "audit" ? AuditBody(number, batch) : HubbleBody(number, batch);
                    var sent = clock.Elapsed;
                    try
                    {
                        using var content = new ByteArrayContent(body);
                        content.Headers.ContentType = new MediaTypeHeaderValue(kind == "audit" ? "application/json" : "application/x-ndjson");
                        using var response = await client.PostAsync(path, content);
                        if (response.StatusCode == HttpStatusCode.Accepted)
                            Interlocked.Add(ref acknowledged, batch);
                        else if (response.StatusCode == HttpStatusCode.TooManyRequests)
                            Interlocked.Add(ref refused, batch);
                        else
                            Interlocked.Add(ref failed, batch);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Add(ref failed, batch);
                    }
                    lock (latencies)
                        latencies.Add((clock.Elapsed - sent).TotalMilliseconds);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        Task.WaitAll(inFlight);
        var wall = clock.Elapsed.TotalSeconds;
        var cpu = pid > 0 ? CpuSeconds(pid) - cpuBefore : 0;
        latencies.Sort();
        var p99 = latencies.Count == 0 ? 0 : latencies[(int)(latencies.Count * 0.99)];

        var check = "";
        if (kind == "flows")
        {
            // Acknowledged means committed (or, with --queue, stored in the stream): wait for the consumers to catch up,
            // until the count reaches what was acknowledged or has not moved for 15 s.
            var stored = StoredFlows(client) - before;
            var still = Stopwatch.StartNew();
            while (stored < acknowledged && still.Elapsed < TimeSpan.FromSeconds(15))
            {
                Thread.Sleep(1000);
                var now = StoredFlows(client) - before;
                if (now != stored)
                    still.Restart();
                stored = now;
            }
            Thread.Sleep(2000);
            stored = StoredFlows(client) - before;
            check = stored == acknowledged ? $", stored {stored:N0} = acknowledged" : $", STORED {stored:N0} != ACKNOWLEDGED {acknowledged:N0}";
            if (stored != acknowledged)
                Environment.ExitCode = 1;
        }
        var peak = pid > 0 ? PeakRss(pid) : "";
        var server = pid > 0 ? string.Create(CultureInfo.InvariantCulture, $"; server CPU {cpu:0.0} s (user+sys), peak RSS {peak}") : "";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kind}: offered {offered:N0} in {wall:0.0} s ({offered / wall:N0}/s); acknowledged {acknowledged:N0} ({acknowledged / wall:N0}/s); 429 {refused:N0} records ({refused / batch:N0} requests); failed {failed:N0}; p99 latency {p99:0} ms{check}{server}"));
        return Environment.ExitCode;
    }

    private static long StoredFlows(HttpClient client)
    {
        using var document = JsonDocument.Parse(client.GetStringAsync("api/v1/flows?limit=0").GetAwaiter().GetResult());
        return document.RootElement.GetProperty("total").GetInt64();
    }

    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string PeakRss(int pid) =>
        File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))?["VmHWM:".Length..].Trim() ?? "?";

    /// <summary>Hubble lines from 1,024 pod addresses to one public one, each unique by its time and source port (as real
    /// traffic is: many flows between few endpoints, so that detection's per-pair state stays that of a cluster).</summary>
    private static byte[] HubbleBody(long batch, int count)
    {
        var text = new StringBuilder(count * 260);
        var run = Environment.ProcessId;
        for (var i = 0; i < count; i++)
        {
            var n = batch * count + i;
            var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(n).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{{\"flow\":{{\"time\":\"{time}\",\"verdict\":\"FORWARDED\",\"IP\":{{\"source\":\"10.0.{n >> 8 & 3}.{n & 255}\",\"destination\":\"203.0.113.{run % 250}\"}},")
                .Append(CultureInfo.InvariantCulture, $"\"l4\":{{\"TCP\":{{\"source_port\":{1024 + n % 60000},\"destination_port\":443,\"flags\":{{\"SYN\":true}}}}}}}},\"node_name\":\"node-1\"}}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] AuditBody(long batch, int count)
    {
        var text = new StringBuilder(count * 700).Append("{\"kind\":\"EventList\",\"apiVersion\":\"audit.k8s.io/v1\",\"metadata\":{},\"items\":[");
        var run = Environment.ProcessId;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                text.Append(',');
            var n = batch * count + i;
            text.Append(CultureInfo.InvariantCulture, $"{{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"level\":\"Metadata\",\"auditID\":\"{run:x8}-{n:x12}\",\"stage\":\"ResponseComplete\",")
                .Append(CultureInfo.InvariantCulture, $"\"requestURI\":\"/api/v1/namespaces/ns{n % 50}/configmaps/c{n}\",\"verb\":\"get\",\"user\":{{\"username\":\"u{n % 7}\",\"groups\":[\"system:authenticated\"]}},\"sourceIPs\":[\"127.0.0.1\"],")
                .Append(CultureInfo.InvariantCulture, $"\"objectRef\":{{\"resource\":\"configmaps\",\"namespace\":\"ns{n % 50}\",\"name\":\"c{n}\",\"apiVersion\":\"v1\"}},\"responseStatus\":{{\"metadata\":{{}},\"code\":200}},")
                .Append("\"requestReceivedTimestamp\":\"2024-03-01T10:00:00.000000Z\",\"stageTimestamp\":\"2024-03-01T10:00:00.010000Z\"}");
        }
        return Encoding.UTF8.GetBytes(text.Append("]}").ToString());
    }
}
