using System.CommandLine;
using Palisade.Connectivity;
using Palisade.Model;
using Palisade.Reporting.Explain;
using Palisade.Net;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade eval</c>: can this source reach that destination on this port, and why (not)?</summary>
internal static class EvalCommand
{
    public static Command Create(CliIo io)
    {
        var common = new CommonOptions();
        var source = new Option<string>("--src") { Description = "Source: ns/name of a workload or pod, or an IP address.", Required = true };
        var destination = new Option<string>("--dst") { Description = "Destination: ns/name of a workload or pod, or an IP address.", Required = true };
        var port = new Option<string>("--port") { Description = "Destination port: a number, or a container port name of the destination.", Required = true };
        var protocol = new Option<string>("--protocol") { Description = "TCP, UDP or SCTP.", DefaultValueFactory = _ => "TCP" };
        protocol.AcceptOnlyFromAmong("TCP", "UDP", "SCTP", "tcp", "udp", "sctp");
        var explain = new Option<bool>("--explain") { Description = "Say which policies and rules decide, on each side." };
        var command = new Command("eval", "Evaluate one connection; exit 0 whether it is allowed or denied.");
        common.AddTo(command);
        command.Options.Add(source);
        command.Options.Add(destination);
        command.Options.Add(port);
        command.Options.Add(protocol);
        command.Options.Add(explain);
        command.SetAction(parsed => App.Guard(io, parsed.GetValue(common.Verbose), () =>
        {
            var engine = new PolicyEngine(common.Load(parsed, io).Snapshot, common.EngineOptions(parsed));
            var sources = EndpointResolver.Resolve(engine, parsed.GetValue(source)!, "--src");
            var destinations = EndpointResolver.Resolve(engine, parsed.GetValue(destination)!, "--dst");
            Protocols.TryParse(parsed.GetValue(protocol)!.ToUpperInvariant(), out var parsedProtocol);
            var portText = parsed.GetValue(port)!;
            var result = EndpointResolver.ExplainAny(engine, sources, destinations, d => EndpointResolver.ResolvePort(portText, parsedProtocol, d));
            io.Out.Write(ExplanationWriter.Verdict(result, Name(result.Verdict.Source), Name(result.Verdict.Destination)) + "\n");
            if (parsed.GetValue(explain))
                ExplanationWriter.WriteSides(result, io.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Name(Endpoint endpoint) => endpoint switch
    {
        ExternalEndpoint e => e.Range.ToShortString(),
        _ => endpoint.DisplayName,
    };
}
