using Palisade.Connectivity.Exposure;

namespace Palisade.Reporting.Exposure;

/// <summary>The formats of the exposure analysis: np-guard's txt and json layouts.</summary>
public static class ExposureFormats
{
    /// <summary>txt and json.</summary>
    public static FormatRegistry<ExposureReport> All { get; } = new(
        new("txt", ContentTypes.Text, (report, _, output) => ExposureWriter.WriteText(report, output)),
        new("json", ContentTypes.Json, (report, _, output) => ExposureWriter.WriteJson(report, output)));
}
