using System.CommandLine;
using Palisade.Connectivity.Explain;
using Palisade.Net;
using Palisade.Reporting.Explain;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade eval</c>: can this source reach that destination on this port, and why (not)?</summary>
internal static class EvalCommand
{
    private static readonly Dictionary<string, string> Flags = new() { ["source"] = "--src", ["destination"] = "--dst", ["port"] = "--port" };

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
            var cluster = common.Load(parsed, io, common.PathsOf(parsed)).Cluster;
            Protocols.TryParse(parsed.GetValue(protocol)!.ToUpperInvariant(), out var parsedProtocol);
            var request = new EvalRequest(parsed.GetValue(source)!, parsed.GetValue(destination)!, parsed.GetValue(port)!)
            {
                Protocol = parsedProtocol,
                Options = common.EngineOptions(parsed),
            };
            ExplanationWriter.WriteEval(EvalUseCase.Run(cluster, request), parsed.GetValue(explain), io.Out);
            return ExitCodes.Success;
        }, Flags));
        return command;
    }
}
