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
        if (!IsDnsName(domain))
            throw new InvalidInputException(null, null, "--cluster-domain", $"\"{value}\" is not a DNS domain (such as cluster.local)");
        return domain;
    }

    private static bool IsDnsName(string domain)
    {
        if (domain.Length is 0 or > 253)
            return false;
        foreach (var label in domain.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
                return false;
            foreach (var c in label)
            {
                if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
                    return false;
            }
        }
        return true;
    }
}
