using Palisade.Findings;
using Palisade.Flows.Detection;
using Palisade.Flows.Dns;

namespace Palisade.Flows.Detectors;

/// <summary>
/// <c>dns-exfiltration</c>: one pod querying at least the threshold of distinct names under one registered
/// domain within the interval, or a name with a label longer than the limit (data encoded in the name).
/// Names are counted per pod (replicas resolving a few names each are not one exfiltrating pod); the alert
/// names the pod's workload. Names under the cluster's own domain never leave its DNS service, nor names under the
/// top-level domains the clouds' search paths append (<c>.internal</c>, reserved by ICANN for private use;
/// <c>.local</c>, multicast DNS's; and Azure's <c>internal.cloudapp.net</c>, which its own resolver answers): no
/// authoritative server outside answers them, so they carry nothing out and
/// are not counted; nor are the reverse names of private, loopback and link-local addresses, which resolvers answer
/// themselves (a server resolving its clients' addresses asks one such name per client). <c>dst</c> is <c>*</c>.
/// Needs L7 DNS records (Hubble).
/// </summary>
public sealed class DnsExfiltration : IFlowDetector
{
    private const int PruneEvery = 1 << 16;
    private readonly Dictionary<(string Namespace, string Pod, string Domain), DnsNameWindow> _windows = [];
    // Until when a key that fired has its queries join the alert: those within one interval with a burst's worth of names.
    private readonly Dictionary<(string Namespace, string Pod, string Domain), long> _fired = [];
    private long _seen;

    /// <inheritdoc />
    public DetectionRule Info { get; } = new(
        new RuleInfo("PAL809", "dns-exfiltration", "Data exfiltration over DNS", Severity.High, "flows",
            "A pod encoded data in DNS names (many distinct names under one domain, or very long labels), which passes most egress controls through the cluster's resolver."),
        ["T1048.003", "T1071.004"]);

    /// <inheritdoc />
    public void Observe(in JudgedFlow flow, FlowCheckContext context)
    {
        if (flow.Record.Dns is not { IsResponse: false } dns || flow.Source.Pod is not { } pod)
            return;
        var name = Normalise(dns.Query);
        if (name.Length == 0 || InDomain(name, context.Options.ClusterDomain) || InDomain(name, "internal") || InDomain(name, "local")
            || InDomain(name, "internal.cloudapp.net")
            || ReverseNames.IsLocallyServed(name))
            return;
        var domain = RegisteredDomains.Of(name);
        var names = AlertBook.Names.Of(flow.Source.Name, "*");
        var counted = flow.CountedByL7();
        if (LongestLabel(name) > context.Options.DnsLabelLength)
        {
            context.Alerts.Raise(this, counted, context, names, flow.Port).Details.Add($"a label over {context.Options.DnsLabelLength} characters under {domain}");
            return;
        }
        var key = (pod.Namespace, pod.Name, domain);
        if (!_windows.TryGetValue(key, out var window))
            _windows[key] = window = new DnsNameWindow(context.Options.DnsWindow.Ticks);
        // A fired key's queries join its alert while they lie in one interval with a burst's worth of its names; later ones
        // join only when they make a burst again (counting the names not yet joined), so a lookup under the domain an hour
        // later is not the exfiltration.
        if (_fired.TryGetValue(key, out var joinUntil) && flow.Ticks <= joinUntil)
        {
            context.Alerts.Raise(this, counted, context, names, flow.Port);
            window.AddJoined(flow, name);
        }
        else if (window.Add(flow, name, context.Options.DnsNameThreshold))
        {
            Open(window, flow, context, names, $"{window.Count} distinct names under {domain} within {context.Options.DnsWindow.TotalSeconds:0} s");
            _fired[key] = window.Join(context.Options.DnsNameThreshold) + context.Options.DnsWindow.Ticks;
        }
        if (++_seen % PruneEvery == 0)
            Prune(flow.Ticks, context.Options.DnsWindow.Ticks);
    }

    /// <summary>
    /// Opens the alert with the names that made it, each protocol's under its own: an alert carries its records' protocol,
    /// so the queries that went over UDP and those retried over TCP are two alerts. The alert may be open already (another
    /// domain's names, another replica's, a long label: one alert per workload and protocol): the names add to its count.
    /// </summary>
    private void Open(DnsNameWindow window, in JudgedFlow flow, FlowCheckContext context, AlertBook.Names names, string detail)
    {
        foreach (var (latest, count, first, last) in window.Parts(flow.Ticks))
        {
            var part = latest.Protocol == flow.Protocol ? flow.CountedByL7() : latest with { NewConnection = false, NewL7Connection = false };
            var counted = context.Alerts.Counted(this, part, names);
            var draft = context.Alerts.Raise(this, part, context, names, latest.Port);
            draft.Details.Add(detail);
            draft.First = Math.Min(draft.First, first);
            draft.Last = Math.Max(draft.Last, last);
            draft.Count = Math.Max(draft.Count, counted + count);
        }
    }

    /// <inheritdoc />
    public string Describe(AlertDraft alert) =>
        $"{alert.Source} sent DNS queries that carry data: {string.Join("; ", alert.Details)}";

    private static string Normalise(string query) => query.TrimEnd('.').ToLowerInvariant();

    private static bool InDomain(string name, string domain) =>
        name.Equals(domain, StringComparison.Ordinal)
        || name.EndsWith(domain, StringComparison.Ordinal) && name.Length > domain.Length && name[^(domain.Length + 1)] == '.';

    /// <summary>
    /// The longest label in octets, as DNS measures it. Hubble writes the query in presentation format (RFC 1035 5.1, as
    /// Cilium's DNS proxy gets it): <c>\.</c> is a dot inside a label and <c>\DDD</c> one octet (iodine's base128 labels
    /// carry bytes above 127), so a label is not cut at an escaped dot nor lengthened fourfold by its escapes.
    /// </summary>
    private static int LongestLabel(string name)
    {
        int longest = 0, length = 0;
        for (var i = 0; i < name.Length; i++)
        {
            if (name[i] == '.')
            {
                longest = Math.Max(longest, length);
                length = 0;
                continue;
            }
            if (name[i] == '\\' && i + 1 < name.Length)
                i += i + 3 < name.Length && char.IsAsciiDigit(name[i + 1]) && char.IsAsciiDigit(name[i + 2]) && char.IsAsciiDigit(name[i + 3]) ? 3 : 1;
            length++;
        }
        return Math.Max(longest, length);
    }

    private void Prune(long now, long window)
    {
        foreach (var (key, scan) in _windows)
        {
            if (scan.Newest < now - window)
                _windows.Remove(key);
        }
        foreach (var (key, joinUntil) in _fired)
        {
            if (joinUntil < now - window)
                _fired.Remove(key);
        }
    }
}
