namespace Palisade.Cli.Commands;

/// <summary><c>--cluster-domain</c>: the cluster's DNS domain, as kubelet's flag of that name gives it.</summary>
internal static class ClusterDomain
{
    /// <summary>
    /// The domain, lower case without a leading or trailing dot. An empty or malformed one is bad usage: it would make
    /// every name, or none, the cluster's own, and change what is reported without a word.
    /// </summary>
    public static string Parse(string? value)
    {
        var domain = (value ?? "").Trim().Trim('.').ToLowerInvariant();
        if (!Labels.LabelSyntax.IsDnsSubdomain(domain))
            throw new InvalidInputException(null, null, "--cluster-domain", $"\"{value}\" is not a DNS domain (such as cluster.local)");
        return domain;
    }
}
