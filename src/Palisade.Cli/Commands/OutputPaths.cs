namespace Palisade.Cli.Commands;

/// <summary>
/// Files and directories the user names for output. Checked before the command does its work, so a long run does
/// not end in an error, and refused in one line naming the option rather than in the runtime's words.
/// </summary>
internal static class OutputPaths
{
    /// <summary>Throws unless <paramref name="path"/> can be created or replaced as a file.</summary>
    public static void CheckFile(string option, string path)
    {
        if (Directory.Exists(path))
            throw new InvalidInputException(new SourceLocation(path), null, option, "is a directory; name the file to write");
        CheckAncestors(option, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Throws unless <paramref name="path"/> is, or can be created as, a directory.</summary>
    public static void CheckDirectory(string option, string path)
    {
        if (File.Exists(path))
            throw new InvalidInputException(new SourceLocation(path), null, option, "is a file; name the directory to write into");
        CheckAncestors(option, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    /// <summary>Creates <paramref name="path"/> for writing, with the directories above it.</summary>
    public static FileStream CreateFile(string option, string path)
    {
        CheckFile(option, path);
        return Guarded(option, path, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            return File.Create(path);
        });
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="relative"/> under <paramref name="directory"/>.</summary>
    public static void WriteUnder(string option, string directory, string relative, string text)
    {
        var full = Path.Combine(directory, relative);
        CheckAncestors(option, full, Path.GetDirectoryName(Path.GetFullPath(full)));
        Guarded(option, full, () =>
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(full))!);
            File.WriteAllText(full, text);
            return 0;
        });
    }

    /// <summary>A file where a directory must be made is the usual mistake; the runtime calls it "part of the path".</summary>
    private static void CheckAncestors(string option, string path, string? folder)
    {
        for (var dir = folder; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir))
                throw new InvalidInputException(new SourceLocation(path), null, option, $"cannot be written: {dir} is a file, not a directory");
            if (Directory.Exists(dir))
                return;
        }
    }

    private static T Guarded<T>(string option, string path, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidInputException(new SourceLocation(path), null, option, $"cannot be written: {e.Message}", e);
        }
    }
}
