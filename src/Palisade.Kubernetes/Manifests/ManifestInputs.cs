using Palisade.Model;

namespace Palisade.Kubernetes.Manifests;

/// <summary>
/// Finds and reads the inputs: files, directories (recursively: .yaml, .yml, .json, sorted), <c>-</c> for standard
/// input; Helm charts and kustomize trees rendered (<see cref="ChartRenderer"/>); excluded paths skipped
/// (<see cref="IgnoreRules"/>); each file read once, by its real path, however many given paths cover it. Leniently,
/// a file that cannot be read (malformed, a template, a chart not rendered) is recorded and the rest is read.
/// The paths are walked first; the files are then read and parsed in parallel, and their results (or the first error,
/// when strict) taken in walk order, so the outcome does not depend on which file finished first.
/// </summary>
internal sealed class ManifestInputs
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private readonly InputOptions _options;
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _walked = new(StringComparer.Ordinal);
    private readonly List<ManifestObject> _objects = [];
    private readonly List<IgnoredObject> _ignored = [];
    private readonly List<string> _warnings = [];
    private readonly List<UnreadInput> _unread = [];
    private readonly List<ManifestObject> _extras = [];
    private readonly IReadOnlyDictionary<string, Type>? _extraKinds;
    private readonly List<Func<Action<ManifestInputs>>> _reads = [];
    private int _candidates;

    private ManifestInputs(InputOptions options, IReadOnlyDictionary<string, Type>? extraKinds)
    {
        _options = options;
        _extraKinds = extraKinds;
    }

    /// <summary>
    /// Reads every path; throws <see cref="InvalidInputException"/> on bad input (on any unreadable file when strict).
    /// Objects of the <paramref name="extraKinds"/> are read into <see cref="ManifestReadResult.Extras"/>.
    /// </summary>
    public static ManifestReadResult Read(IEnumerable<string> paths, TextReader standardInput, InputOptions options, IReadOnlyDictionary<string, Type>? extraKinds = null)
    {
        var inputs = new ManifestInputs(options, extraKinds);
        var given = paths.ToArray();
        var rules = new IgnoreRules().With(Environment.CurrentDirectory, options.Exclude);
        foreach (var path in given)
            inputs.ReadPath(path, standardInput, rules);
        inputs.RunReads();
        if (inputs._objects.Count == 0 && inputs._ignored.Count == 0 && inputs._extras.Count == 0)
        {
            // Say why nothing was found: the first unreadable file, else the first document skipped (a YAML list of objects, a scalar).
            var why = inputs._unread.Count > 0 ? $" ({inputs._unread[0]})" : inputs._warnings.Count > 0 ? $" ({inputs._warnings[0]})" : "";
            throw new InvalidInputException(null, null, null, $"no Kubernetes objects found in {string.Join(", ", given)}{why}");
        }
        return new ManifestReadResult(inputs._objects, inputs._ignored, inputs._warnings) { Unread = inputs._unread, Extras = inputs._extras };
    }

    private void ReadPath(string path, TextReader standardInput, IgnoreRules rules)
    {
        if (path == "-")
        {
            ReadText("<stdin>", standardInput.ReadToEnd());
            return;
        }
        if (Directory.Exists(path))
        {
            var real = RealPath(path);
            // Given again, or inside a directory given before: its files are read once, already.
            if (_walked.Contains(real))
                return;
            var before = _candidates;
            ReadDirectory(path, real, rules.WithFileIn(path, BadIgnoreGlob));
            if (_candidates == before)
                Fail(new InvalidInputException(new SourceLocation(path), null, null, "directory holds no .yaml, .yml or .json file (or all are excluded)"));
            return;
        }
        if (!File.Exists(path))
            Fail(new InvalidInputException(new SourceLocation(path), null, null, "no such file or directory"));
        else
            ReadFile(path, RealPath(path));
    }

    /// <summary>Runs the reads the walk queued, in parallel, then applies their outcomes in walk order.</summary>
    private void RunReads()
    {
        var outcomes = new Action<ManifestInputs>?[_reads.Count];
        var errors = new Exception?[_reads.Count];
        void Run(int i)
        {
            try
            {
                outcomes[i] = _reads[i]();
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        }
        // One file (a cluster dump, typically) is read on this thread: nothing to share.
        if (_reads.Count == 1)
            Run(0);
        else
            Parallel.For(0, _reads.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, Run);
        for (var i = 0; i < outcomes.Length; i++)
        {
            if (errors[i] is { } error)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
            outcomes[i]!(this);
        }
    }

    // An error met while walking is raised in walk order, after what earlier paths' files turn out to hold.
    private void Fail(Exception error) => _reads.Add(() => throw error);

    /// <summary>Walks a directory; <paramref name="real"/> is its path with every link resolved.</summary>
    private void ReadDirectory(string directory, string real, IgnoreRules rules)
    {
        // A link to a directory already walked (back to an ancestor, or a second way in) holds nothing new, and a loop
        // of links would otherwise be walked until the path grows too long, in as many branches as it has links.
        if (!_walked.Add(real))
            return;
        if (ChartRenderer.KindOf(directory) is { } kind)
        {
            Render(directory, real, kind);
            return;
        }
        string[] files, directories;
        try
        {
            files = Directory.GetFiles(directory);
            directories = Directory.GetDirectories(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var problem = $"cannot read the directory: {e.Message}";
            _reads.Add(() => inputs => inputs.Unreadable(new SourceLocation(directory), problem));
            return;
        }
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            if (Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) && !rules.Excludes(file, isDirectory: false))
                ReadFile(file, Resolved(Path.Combine(real, Path.GetFileName(file))), walked: true);
        }
        foreach (var sub in directories.Order(StringComparer.Ordinal))
        {
            if (!rules.Excludes(sub, isDirectory: true))
                ReadDirectory(sub, Resolved(Path.Combine(real, Path.GetFileName(sub))), rules.WithFileIn(sub, BadIgnoreGlob));
        }
    }

    /// <summary>
    /// A <c>.palisadeignore</c> line that cannot be read is an unreadable input: leniently reported while the line
    /// excludes nothing (more is read, never less), strictly an error in walk order.
    /// </summary>
    private void BadIgnoreGlob(InvalidInputException error) =>
        _reads.Add(() => inputs => inputs.Unreadable(error.Location!, error.Problem));

    private void Render(string directory, string real, string kind)
    {
        _candidates++;
        if (!_seen.Add(real))
            return;
        _reads.Add(() =>
        {
            var (text, problem) = ChartRenderer.Render(directory, kind, _options.ToolPath);
            return text is null
                ? inputs => inputs.Unreadable(new SourceLocation(directory), problem!)
                : Read($"{directory} ({kind}, rendered)", () => ManifestReader.ReadText($"{directory} ({kind}, rendered)", text, _extraKinds), () => text);
        });
    }

    /// <summary>
    /// Reads a file named or found; one found by a walk that reports no length is not opened: a named pipe would wait
    /// for a writer and a device such as /dev/zero never end, and an empty regular file holds nothing anyway.
    /// </summary>
    private void ReadFile(string file, string real, bool walked = false)
    {
        _candidates++;
        if (!_seen.Add(real))
            return;
        _reads.Add(() =>
        {
            byte[] bytes;
            try
            {
                bytes = walked && new FileInfo(file).Length == 0 ? [] : File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return inputs => inputs.Unreadable(new SourceLocation(file), $"cannot read: {e.Message}");
            }
            return Read(file, () => ManifestReader.ReadBytes(file, bytes, _extraKinds), () => ManifestReader.Decode(bytes));
        });
    }

    private void ReadText(string name, string text) => _reads.Add(() => Read(name, () => ManifestReader.ReadText(name, text, _extraKinds), () => text));

    /// <summary>Reads one input (on any thread); what it found is added to the inputs by the returned action, in walk order.</summary>
    private Action<ManifestInputs> Read(string name, Func<ManifestReadResult> read, Func<string> text)
    {
        try
        {
            var result = read();
            return inputs =>
            {
                inputs._objects.AddRange(result.Objects);
                inputs._extras.AddRange(result.Extras);
                inputs._ignored.AddRange(result.Ignored);
                inputs._warnings.AddRange(result.Warnings);
            };
        }
        catch (InvalidInputException e) when (!_options.Strict)
        {
            // A file that fails to read and holds template actions is a template: say so rather than how it fails.
            var unread = TemplateLine(text()) is { } line
                ? new UnreadInput(new SourceLocation(name, line), "a template ({{ ... }}), not a manifest: render it first (helm template, or the tool that owns it)")
                : new UnreadInput(e.Location ?? new SourceLocation(name), string.Join(": ", new[] { e.ObjectName, e.Field, e.Problem }.OfType<string>()));
            return inputs => inputs._unread.Add(unread);
        }
    }

    private void Unreadable(SourceLocation location, string problem)
    {
        if (_options.Strict)
            throw new InvalidInputException(location, null, null, problem);
        _unread.Add(new UnreadInput(location, problem));
    }

    /// <summary>The line of the first Go template action outside comments, if any (quoted ones in valid manifests are values).</summary>
    private static int? TemplateLine(string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
            return null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimStart();
            if (!line.StartsWith('#') && line.Contains("{{", StringComparison.Ordinal) && line.Contains("}}", StringComparison.Ordinal))
                return i + 1;
        }
        return null;
    }

    /// <summary>The absolute path with every link on it resolved, so that two ways to one file compare equal.</summary>
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full) ?? "";
        var real = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
            real = Resolved(Path.Combine(real, part));
        return real;
    }

    /// <summary>The path, or the final target of the link it names (its parent being resolved already).</summary>
    private static string Resolved(string path)
    {
        try
        {
            var info = Directory.Exists(path) ? (FileSystemInfo)new DirectoryInfo(path) : new FileInfo(path);
            return info.LinkTarget is null ? path : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }
}
