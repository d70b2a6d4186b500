using Palisade.Testing;

namespace Palisade.Conformance.Tests;

/// <summary>np-guard's diff cases (diff-cases.tsv) whose two inputs use only the kinds analysed so far.</summary>
public static class DiffCases
{
    /// <summary>Cases where Palisade deliberately differs, by name, with the reason (see docs/semantics.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> DeliberateDifferences = new Dictionary<string, string>();

    /// <summary>(ref1, ref2, format) for every case in scope; one placeholder when the corpus is missing.</summary>
    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        if (!RepoPaths.CorpusPresent)
        {
            data.Add("(corpus missing)", "(corpus missing)", "txt");
            return data;
        }
        var root = Path.Combine(RepoPaths.CorpusRoot, "np-guard");
        foreach (var line in File.ReadLines(Path.Combine(root, "diff-cases.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 3 || DeliberateDifferences.ContainsKey($"{cells[0]} {cells[1]}") ||
                ConnlistCases.UsesUnsupportedKinds(Path.Combine(root, "tests", cells[0])) ||
                ConnlistCases.UsesUnsupportedKinds(Path.Combine(root, "tests", cells[1])))
                continue;
            var formats = cells[2] switch
            {
                "ValidDiffFormats" => new[] { "txt", "csv", "md", "dot" },
                "output.DefaultFormat" => ["txt"],
                var listed => listed.Split(','),
            };
            foreach (var format in formats)
                data.Add(cells[0], cells[1], format);
        }
        return data;
    }
}
