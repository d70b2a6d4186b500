using System.CommandLine;
using Palisade.Flows.Detection;

namespace Palisade.Cli.Commands;

/// <summary>The detectors' thresholds, overridable; the defaults are the detection contract's.</summary>
internal sealed class FlowThresholds
{
    private readonly Option<int> _scan = new("--scan-threshold") { Description = "Distinct ports (or destinations) that make a port scan.", DefaultValueFactory = _ => FlowCheckOptions.Default.ScanThreshold };
    private readonly Option<int> _scanWindow = new("--scan-window") { Description = "Seconds a port scan must fit in.", DefaultValueFactory = _ => (int)FlowCheckOptions.Default.ScanWindow.TotalSeconds };
    private readonly Option<int> _dns = new("--dns-threshold") { Description = "Distinct names under one domain, from one pod, that make DNS exfiltration.", DefaultValueFactory = _ => FlowCheckOptions.Default.DnsNameThreshold };
    private readonly Option<int> _dnsWindow = new("--dns-window") { Description = "Seconds those queries must fit in.", DefaultValueFactory = _ => (int)FlowCheckOptions.Default.DnsWindow.TotalSeconds };
    private readonly Option<int> _label = new("--dns-label-length") { Description = "A DNS label longer than this is exfiltration by itself.", DefaultValueFactory = _ => FlowCheckOptions.Default.DnsLabelLength };
    private readonly Option<string> _domain = new("--cluster-domain") { Description = "The cluster's DNS domain, whose names are never exfiltration.", DefaultValueFactory = _ => FlowCheckOptions.Default.ClusterDomain };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _scan, _scanWindow, _dns, _dnsWindow, _label, _domain })
            command.Options.Add(option);
    }

    /// <summary>The options the flags give; a threshold below 1 is bad usage.</summary>
    public FlowCheckOptions Options(ParseResult parsed)
    {
        foreach (var option in new[] { _scan, _scanWindow, _dns, _dnsWindow, _label })
        {
            if (parsed.GetValue(option) < 1)
                throw new InvalidInputException(null, null, option.Name, "must be at least 1");
        }
        return new FlowCheckOptions
        {
            ScanThreshold = parsed.GetValue(_scan),
            ScanWindow = TimeSpan.FromSeconds(parsed.GetValue(_scanWindow)),
            DnsNameThreshold = parsed.GetValue(_dns),
            DnsWindow = TimeSpan.FromSeconds(parsed.GetValue(_dnsWindow)),
            DnsLabelLength = parsed.GetValue(_label),
            ClusterDomain = Commands.ClusterDomain.Parse(parsed.GetValue(_domain)),
        };
    }
}
