namespace Palisade.Reporting;

/// <summary>
/// The output formats of one report type, in the order offered: the CLI builds its <c>-o</c> choices from the
/// names, a server maps media types to them. Immutable; <see cref="With"/> adds a format of the caller's own,
/// such as the CLI's terminal table.
/// </summary>
public sealed class FormatRegistry<TReport>
{
    private readonly ReportFormat<TReport>[] _formats;

    /// <summary>A registry of the formats.</summary>
    public FormatRegistry(params ReportFormat<TReport>[] formats) => _formats = formats;

    /// <summary>The format names, in the order offered.</summary>
    public IReadOnlyList<string> Names => _formats.Select(f => f.Name).ToArray();

    /// <summary>The format of that name, or null.</summary>
    public ReportFormat<TReport>? Find(string name) =>
        _formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The first format of that media type, or null.</summary>
    public ReportFormat<TReport>? FindByContentType(string contentType) =>
        _formats.FirstOrDefault(f => string.Equals(f.ContentType, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>This registry with one more format, offered first.</summary>
    public FormatRegistry<TReport> With(ReportFormat<TReport> format) => new([format, .. _formats.Where(f => f.Name != format.Name)]);
}
