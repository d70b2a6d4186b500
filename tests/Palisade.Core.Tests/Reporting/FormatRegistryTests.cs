using Palisade.Reporting;
using Palisade.Reporting.Connlist;
using Palisade.Reporting.Diff;
using Palisade.Reporting.Exposure;
using Palisade.Reporting.Findings;
using Palisade.Reporting.Scan;

namespace Palisade.Core.Tests.Reporting;

/// <summary>The format registries: what the CLI offers as <c>-o</c> and what a server maps media types to.</summary>
public sealed class FormatRegistryTests
{
    [Fact]
    public void Each_report_type_offers_its_formats_in_order()
    {
        Assert.Equal(["json", "sarif", "md"], FindingsFormats.All.Names);
        Assert.Equal(["json", "html"], ScanFormats.All.Names);
        Assert.Equal(["txt", "json", "csv", "md", "dot", "html"], ConnlistFormats.All.Names);
        Assert.Equal(["txt", "json"], ExposureFormats.All.Names);
        Assert.Equal(["txt", "csv", "md", "dot", "json", "sarif"], DiffFormats.All.Names);
        Assert.Equal(["txt", "md"], CheckCatalogFormats.All.Names);
    }

    [Fact]
    public void A_media_type_finds_its_format()
    {
        Assert.Equal("sarif", FindingsFormats.All.FindByContentType("application/sarif+json")?.Name);
        Assert.Equal("json", DiffFormats.All.FindByContentType("Application/JSON")?.Name);
        Assert.Null(ScanFormats.All.FindByContentType(ContentTypes.Csv));
    }

    [Fact]
    public void A_format_of_the_callers_own_is_offered_first_and_replaces_one_of_its_name()
    {
        var withTable = FindingsFormats.All.With(new("table", ContentTypes.Text, (_, _, output) => output.Write("table")));
        Assert.Equal(["table", "json", "sarif", "md"], withTable.Names);
        var replaced = withTable.With(new("json", ContentTypes.Json, (_, _, output) => output.Write("mine")));
        Assert.Equal(["json", "table", "sarif", "md"], replaced.Names);
        Assert.Equal(["json", "sarif", "md"], FindingsFormats.All.Names);
        Assert.Null(FindingsFormats.All.Find("table"));
    }
}
