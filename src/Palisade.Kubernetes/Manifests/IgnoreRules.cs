using System.Text;
using System.Text.RegularExpressions;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Globs of paths not to read, as <c>--exclude</c> gives them and <c>.palisadeignore</c> files hold them (one per
/// line, <c>#</c> comments, relative to the file's directory; --exclude's to the working directory): <c>*</c> and <c>?</c> within a path segment,
/// <c>**</c> across segments; a glob without <c>/</c> matches a file or directory name at any depth, a trailing
/// <c>/</c> matches directories only. Negation (<c>!</c>) is not supported.
/// </summary>
internal sealed class IgnoreRules
{
    /// <summary>The file name that holds ignore globs.</summary>
    public const string FileName = ".palisadeignore";

    private readonly List<(string Base, Regex Pattern, bool DirectoryOnly, bool Anchored)> _rules = [];

    /// <summary>
    /// Rules of globs relative to a base directory: --exclude's (<paramref name="file"/> null) relative to the working
    /// directory, a <c>.palisadeignore</c> file's to its own.
    /// </summary>
    /// <remarks>
    /// A glob these rules cannot read is an error; in a <c>.palisadeignore</c> file, given <paramref name="badGlob"/>, it
    /// goes there instead and the file's other lines still apply.
    /// </remarks>
    public IgnoreRules With(string baseDirectory, IEnumerable<string> globs, string? file = null, Action<InvalidInputException>? badGlob = null)
    {
        var copy = new IgnoreRules();
        copy._rules.AddRange(_rules);
        var line = 0;
        foreach (var raw in globs)
        {
            line++;
            var glob = raw.Trim();
            if (glob.Length == 0 || file is not null && glob.StartsWith('#'))
                continue;
            if (Unsupported(glob) is { } problem)
            {
                var error = new InvalidInputException(file is null ? new SourceLocation("--exclude") : new SourceLocation(file, line, raw.Length - raw.TrimStart().Length + 1), null, null, $"glob \"{glob}\": {problem}");
                if (file is null || badGlob is null)
                    throw error;
                badGlob(error);
                continue;
            }
            var directoryOnly = glob.EndsWith('/');
            glob = glob.TrimEnd('/');
            copy._rules.Add((Path.GetFullPath(baseDirectory), ToRegex(glob), directoryOnly, glob.Contains('/')));
        }
        return copy;
    }

    /// <summary>These rules and those of the directory's <c>.palisadeignore</c>, if it has one; its bad globs go to <paramref name="badGlob"/>.</summary>
    public IgnoreRules WithFileIn(string directory, Action<InvalidInputException> badGlob)
    {
        var file = Path.Combine(directory, FileName);
        return File.Exists(file) ? With(directory, File.ReadAllLines(file), file, badGlob) : this;
    }

    /// <summary>
    /// Why a glob cannot be read as meant, or null. Other tools give <c>[...]</c>, <c>{a,b}</c> and a leading
    /// <c>!</c> a meaning these globs do not have: read literally, such a glob would quietly exclude nothing.
    /// </summary>
    private static string? Unsupported(string glob) =>
        glob.StartsWith('!') ? "negation (!) is not supported"
        : glob.AsSpan().IndexOfAny("[]{}") >= 0 ? "character classes ([...]) and braces ({a,b}) are not supported; use *, ? and **"
        : null;

    /// <summary>Whether the file or directory is excluded.</summary>
    public bool Excludes(string path, bool isDirectory)
    {
        var full = Path.GetFullPath(path);
        foreach (var (baseDirectory, pattern, directoryOnly, anchored) in _rules)
        {
            if (directoryOnly && !isDirectory)
                continue;
            var relative = Path.GetRelativePath(baseDirectory, full).Replace('\\', '/');
            // A name glob matches at any depth, also outside the base directory (an --exclude for a path given elsewhere).
            var outside = relative.StartsWith("../", StringComparison.Ordinal);
            if (outside ? !anchored && pattern.IsMatch(full.Replace('\\', '/')) : pattern.IsMatch(relative))
                return true;
        }
        return false;
    }

    private static Regex ToRegex(string glob)
    {
        var anchored = glob.Contains('/');
        var text = new StringBuilder(anchored ? "^" : "^(.*/)?");
        var body = glob.TrimStart('/');
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '*' && i + 1 < body.Length && body[i + 1] == '*')
            {
                text.Append(".*");
                i++;
                if (i + 1 < body.Length && body[i + 1] == '/')
                    i++;
            }
            else if (c == '*')
                text.Append("[^/]*");
            else if (c == '?')
                text.Append("[^/]");
            else
                text.Append(Regex.Escape(c.ToString()));
        }
        return new Regex(text.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
