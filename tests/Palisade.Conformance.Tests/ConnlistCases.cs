using System.Text.RegularExpressions;
using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>
/// The np-guard connlist cases this suite runs: rows of connlist-cases.tsv without focus or exposure
/// options whose inputs use only the kinds Palisade analyses so far.
/// </summary>
public static partial class ConnlistCases
{
    /// <summary>Kinds whose presence puts a case out of scope until the issue that adds them.</summary>
    public static readonly string[] UnsupportedKinds =
    [

        "UserDefinedNetwork", "ClusterUserDefinedNetwork", "NetworkAttachmentDefinition", "MultiNetworkPolicy",
        "VirtualMachine", "VirtualMachineInstance", "DataVolume", "DataSource",
    ];

    /// <summary>
    /// Cases where Palisade deliberately differs from np-guard, by name, with the reason (see docs/semantics.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> DeliberateDifferences = new Dictionary<string, string>
    {
    };

    /// <summary>(directory, focus, format) for the rows with only a focus workload option, and golden files.</summary>
    public static TheoryData<string, string, string> Focused()
    {
        var data = new TheoryData<string, string, string>();
        if (!RepoPaths.CorpusPresent)
        {
            data.Add("(corpus missing)", "x", "txt");
            return data;
        }
        var root = Path.Combine(RepoPaths.CorpusRoot, "np-guard");
        foreach (var cells in File.ReadLines(Path.Combine(root, "connlist-cases.tsv")).Skip(1).Select(l => l.Split('\t')))
        {
            if (cells.Length < 8 || cells[2] == "" || cells[3] != "" || cells[4] != "" || cells[5] != "" || cells[6] != "false" ||
                UsesUnsupportedKinds(Path.Combine(root, "tests", cells[0])))
                continue;
            var formats = cells[1] switch { "" => new[] { "txt", "json", "csv", "md", "dot" }, "output.DefaultFormat" => ["txt"], var listed => listed.Split(',') };
            foreach (var format in formats)
            {
                if (File.Exists(FocusGolden(cells[0], cells[2], format)))
                    data.Add(cells[0], cells[2], format);
            }
        }
        return data;
    }

    /// <summary>The golden file of a focus case: the focus names joined by '_', '/' written as '_'.</summary>
    public static string FocusGolden(string dir, string focus, string format) =>
        Path.Combine(RepoPaths.CorpusRoot, "np-guard", "expected", "connlist",
            $"{dir}_focus_workload_{focus.Replace('/', '_').Replace(',', '_')}_connlist_output.{format}");

    /// <summary>
    /// (directory, format) for every case in scope whose golden file exists; one placeholder when the
    /// corpus is missing. The corpus holds no svg goldens, and the rows of exposure_test_with_anp_11..16
    /// lost their exposure flag in the table (their goldens are exposure outputs), see docs/semantics.md.
    /// </summary>
    public static TheoryData<string, string> All()
    {
        var data = new TheoryData<string, string>();
        if (!RepoPaths.CorpusPresent)
        {
            data.Add("(corpus missing)", "txt");
            return data;
        }
        foreach (var (dir, formats) in Rows())
        {
            foreach (var format in formats)
            {
                if (File.Exists(Path.Combine(RepoPaths.CorpusRoot, "np-guard", "expected", "connlist", $"{dir}_connlist_output.{format}")))
                    data.Add(dir, format);
            }
        }
        return data;
    }

    /// <summary>The rows in scope, with their formats.</summary>
    public static IEnumerable<(string Dir, string[] Formats)> Rows()
    {
        var root = Path.Combine(RepoPaths.CorpusRoot, "np-guard");
        foreach (var line in File.ReadLines(Path.Combine(root, "connlist-cases.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 8 || cells[2] != "" || cells[3] != "" || cells[4] != "" || cells[5] != "" || cells[6] != "false" || cells[7] != "default")
                continue;
            var dir = cells[0];
            if (DeliberateDifferences.ContainsKey(dir) || UsesUnsupportedKinds(Path.Combine(root, "tests", dir)))
                continue;
            var formats = cells[1] switch
            {
                "" => new[] { "txt", "json", "csv", "md", "dot" },
                "output.DefaultFormat" => ["txt"],
                var listed => listed.Split(','),
            };
            yield return (dir, formats);
        }
    }

    /// <summary>Whether any manifest under the directory declares a kind out of scope.</summary>
    public static bool UsesUnsupportedKinds(string dir)
    {
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            foreach (Match match in KindPattern().Matches(File.ReadAllText(file)))
            {
                if (UnsupportedKinds.Contains(match.Groups[1].Value))
                    return true;
            }
        }
        return false;
    }

    [GeneratedRegex("""["']?kind["']?\s*:\s*["']?([A-Za-z]+)""")]
    private static partial Regex KindPattern();
}
