namespace Palisade.Reporting.Connlist;

/// <summary>CSV field quoting as Go's encoding/csv does it.</summary>
internal static class Csv
{
    /// <summary>The field, quoted when it holds a comma, quote or line break, or starts with a space.</summary>
    public static string Field(string value)
    {
        if (value.Length == 0 || value.IndexOfAny([',', '"', '\r', '\n']) < 0 && value[0] != ' ')
            return value;
        return "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
