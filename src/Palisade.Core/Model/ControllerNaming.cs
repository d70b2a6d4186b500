namespace Palisade.Model;

/// <summary>
/// How Kubernetes names what a controller makes, read back to find the maker when the input lacks the object between a
/// pod and it: a Deployment names its ReplicaSets <c>NAME-HASH</c> (the pod template hash, which the pods carry as their
/// <c>pod-template-hash</c> label), a CronJob its Jobs <c>NAME-MINUTES</c> (the scheduled time in minutes since 1970).
/// The one reader of that naming for the model, the audit replay and baseline keys. Stateless and thread-safe.
/// </summary>
public static class ControllerNaming
{
    /// <summary>Kubernetes' SafeEncodeString alphabet (no vowels, no 0, 1 or 3), in which a template hash is written.</summary>
    private const string HashAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>
    /// The Deployment or CronJob whose naming <paramref name="made"/> (a ReplicaSet or Job) follows, or null. A ReplicaSet
    /// qualifies when <paramref name="templateHash"/> (its pods' label, when known) ends its name, or, without the label,
    /// when its last segment is written in the hash alphabet (1 to 10 characters: the decimal digits of a 32-bit hash, each
    /// encoded); a Job when its last segment is 8 digits or more. Whether that maker exists is the caller's to judge.
    /// </summary>
    public static WorkloadRef? MakerOf(WorkloadRef made, string? templateHash = null)
    {
        var (kind, suffix) = made.Kind switch
        {
            "ReplicaSet" => ("Deployment", templateHash is null ? HashSuffix(made.Name) : LabelSuffix(made.Name, templateHash)),
            "Job" => ("CronJob", ScheduledSuffix(made.Name)),
            _ => ("", 0),
        };
        return suffix == 0 ? null : new WorkloadRef(made.Namespace, made.Name[..^(suffix + 1)], kind);
    }

    private static int LabelSuffix(string name, string hash) =>
        hash.Length > 0 && name.Length > hash.Length + 1 && name.EndsWith(hash, StringComparison.Ordinal) && name[^(hash.Length + 1)] == '-'
            ? hash.Length
            : 0;

    private static int HashSuffix(string name)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || name.Length - dash - 1 is < 1 or > 10)
            return 0;
        for (var i = dash + 1; i < name.Length; i++)
        {
            if (!HashAlphabet.Contains(name[i], StringComparison.Ordinal))
                return 0;
        }
        return name.Length - dash - 1;
    }

    private static int ScheduledSuffix(string name)
    {
        var dash = name.LastIndexOf('-');
        if (dash <= 0 || name.Length - dash - 1 < 8)
            return 0;
        for (var i = dash + 1; i < name.Length; i++)
        {
            if (!char.IsAsciiDigit(name[i]))
                return 0;
        }
        return name.Length - dash - 1;
    }
}
