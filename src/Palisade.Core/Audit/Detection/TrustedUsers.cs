using System.IO.Enumeration;
using Palisade.Audit.Events;

namespace Palisade.Audit.Detection;

/// <summary>
/// The users of <c>--trusted-users</c>: a name, a name with <c>*</c> standing for any characters
/// (<c>system:serviceaccount:argocd:*</c>, every service account of a GitOps controller's namespace), or
/// <c>group:NAME</c> for every member of a group the authenticator asserted (patterns allowed in NAME too). A pattern is
/// matched as the base library matches simple file-name expressions, case-sensitively (<c>?</c> in one stands for one character).
/// </summary>
public sealed class TrustedUsers
{
    private const string GroupPrefix = "group:";

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<string> _namePatterns = [];
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _groupPatterns = [];

    /// <summary>Reads each entry as a name, a pattern or a group.</summary>
    public TrustedUsers(IEnumerable<string> entries)
    {
        foreach (var entry in entries)
        {
            var isGroup = entry.StartsWith(GroupPrefix, StringComparison.Ordinal);
            var text = isGroup ? entry[GroupPrefix.Length..] : entry;
            if (text.Contains('*', StringComparison.Ordinal))
                (isGroup ? _groupPatterns : _namePatterns).Add(text);
            else
                (isGroup ? _groups : _names).Add(text);
        }
    }

    /// <summary>Whether the user is trusted by name or by one of its groups.</summary>
    public bool Trusts(AuditUser user)
    {
        if (_names.Contains(user.Username) || AnyMatches(_namePatterns, user.Username))
            return true;
        foreach (var group in user.Groups)
        {
            if (_groups.Contains(group) || AnyMatches(_groupPatterns, group))
                return true;
        }
        return false;
    }

    private static bool AnyMatches(List<string> patterns, string text)
    {
        foreach (var pattern in patterns)
        {
            if (FileSystemName.MatchesSimpleExpression(pattern, text, ignoreCase: false))
                return true;
        }
        return false;
    }
}
