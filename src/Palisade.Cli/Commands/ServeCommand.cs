using System.CommandLine;
using System.Globalization;
using Palisade.Server;

namespace Palisade.Cli.Commands;

/// <summary><c>palisade serve</c>: parses the options and runs the service (src/Palisade.Server) until SIGINT or SIGTERM.</summary>
internal static class ServeCommand
{
    public static Command Create(CliIo io)
    {
        var listen = new Option<string>("--listen") { Description = "ADDRESS:PORT to listen on.", DefaultValueFactory = _ => "127.0.0.1:8080" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The cluster to watch (default: KUBECONFIG, ~/.kube/config, or the pod's service account in a cluster)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context." };
        var noWatch = new Option<bool>("--no-watch") { Description = "Watch no cluster: ingestion and detection only." };
        var store = new Option<string?>("--store") { Description = "sqlite:FILE or postgres://user:password@host:port/database (default: sqlite:DATA-DIR/palisade.db)." };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the embedded store lives (default: $XDG_DATA_HOME/palisade or ~/.local/share/palisade)." };
        var queue = new Option<string?>("--queue") { Description = "nats://host:port[/NAME]: ingest through a JetStream stream that every replica consumes (NAME: a stream of its own on a shared server)." };
        var tokenFile = new Option<string?>("--token-file") { Description = "Static bearer tokens, one a line: TOKEN[,USER]." };
        var auth = new Option<string?>("--auth") { Description = "kubernetes: check bearer tokens with TokenReview and each request with SubjectAccessReview (resources of the palisade.io group)." };
        auth.AcceptOnlyFromAmong("kubernetes");
        var insecure = new Option<bool>("--insecure-no-auth") { Description = "Serve without authentication (only on a loopback address)." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "TLS certificate (PEM)." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "TLS private key (PEM)." };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "Largest request body (and decompressed body) accepted.", DefaultValueFactory = _ => 16L << 20 };
        var capacity = new Option<int>("--queue-capacity") { Description = "Records accepted but not yet committed, at most; beyond that ingestion answers 429.", DefaultValueFactory = _ => 200_000 };
        var retention = new Option<string>("--retention") { Description = "How long records, alerts and changes are kept: 7d, 12h, 0 (forever).", DefaultValueFactory = _ => "7d" };
        var retentionSize = new Option<long?>("--retention-max-bytes") { Description = "How large the record store may grow; the oldest records go first." };
        var trusted = AuditLogInput.TrustedUsers();
        var noDetect = new Option<bool>("--no-detect") { Description = "Do not run detection on this replica (another one does)." };
        var command = new Command("serve", "Run the service: watch the cluster, ingest flows and audit events, detect, answer the API (docs/api.md).");
        foreach (var option in new Option[] { listen, kubeconfig, context, noWatch, store, dataDir, queue, tokenFile, auth, insecure, tlsCert, tlsKey, maxBody, capacity, retention, retentionSize, trusted, noDetect })
            command.Options.Add(option);
        command.SetAction(parsed => App.Guard(io, false, () =>
        {
            var options = new ServeOptions
            {
                Listen = parsed.GetValue(listen)!,
                Kubeconfig = parsed.GetValue(kubeconfig),
                Context = parsed.GetValue(context),
                NoWatch = parsed.GetValue(noWatch),
                Store = parsed.GetValue(store),
                Queue = parsed.GetValue(queue),
                TokenFile = parsed.GetValue(tokenFile),
                KubernetesAuth = parsed.GetValue(auth) == "kubernetes",
                InsecureNoAuth = parsed.GetValue(insecure),
                TlsCert = parsed.GetValue(tlsCert),
                TlsKey = parsed.GetValue(tlsKey),
                MaxBodyBytes = parsed.GetValue(maxBody),
                QueueCapacity = parsed.GetValue(capacity),
                RetentionAge = Duration(parsed.GetValue(retention)!),
                RetentionBytes = parsed.GetValue(retentionSize),
                TrustedUsers = [.. AuditLogInput.Users(parsed, trusted)],
                Detect = !parsed.GetValue(noDetect),
            };
            if (parsed.GetValue(dataDir) is { } dir)
                options = options with { DataDirectory = dir };
            using var stop = new CancellationTokenSource();
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            ServerHost.RunAsync(options, stop.Token).GetAwaiter().GetResult();
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>7d, 12h, 30m, or 0 for no limit; bad input names --retention.</summary>
    private static TimeSpan? Duration(string text)
    {
        if (text == "0")
            return null;
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'd': return TimeSpan.FromDays(amount);
                case 'h': return TimeSpan.FromHours(amount);
                case 'm': return TimeSpan.FromMinutes(amount);
            }
        }
        throw new InvalidInputException(null, null, "--retention", $"\"{text}\" is not a duration (7d, 12h, 30m, or 0)");
    }
}
