using System.Text;

namespace Palisade.Cli.Rendering;

/// <summary>Text wrapped on word boundaries: a word longer than the width stands alone on its line, never cut.</summary>
internal static class WordWrap
{
    /// <summary>The lines of the text, each starting with the indent, within the width where the words allow.</summary>
    public static IEnumerable<string> Lines(string text, int width, string indent = "")
    {
        var line = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }
            if (line.Length == 0)
                line.Append(indent).Append(word);
            else
                line.Append(' ').Append(word);
        }
        if (line.Length > 0)
            yield return line.ToString();
    }
}
