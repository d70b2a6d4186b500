using System.CommandLine;
using Palisade.Audit.Policy;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade audit-policy</c>: prints the recommended audit policy, which the audit-logging checks pass.</summary>
internal static class AuditPolicyCommand
{
    public static Command Create(CliIo io)
    {
        var command = new Command("audit-policy",
            "Print a recommended API server audit policy (--audit-policy-file): network policy, RBAC and Service changes, exec and port-forward, and the pod, namespace, workload, Ingress and node writes palisade audit replays recorded with their bodies; credentials at Metadata only; health checks, events and system reads dropped.");
        command.SetAction(_ => App.Guard(io, verbose: false, () =>
        {
            io.Out.Write(RecommendedAuditPolicy.Yaml);
            return ExitCodes.Success;
        }));
        return command;
    }
}
