using System.Text;
using Palisade.Flows.Baseline;

namespace Palisade.Core.Tests.Flows.Baseline;

/// <summary>
/// A bad edge in a baseline edited by hand is reported at its line, as every other input error is: a baseline of a
/// busy cluster holds thousands of edges, and <c>edges[2841]</c> alone leaves the operator counting.
/// </summary>
public sealed class BaselineErrorLocationTests
{
    private const string Good = """{"src": "shop/web[Deployment]", "dst": "203.0.113.0/24", "protocol": "TCP", "port": 443}""";

    private static InvalidInputException Read(string text) =>
        Assert.Throws<InvalidInputException>(() => BaselineJson.Read("baseline.json", new MemoryStream(Encoding.UTF8.GetBytes(text)), new FlowBaseline()));

    [Fact]
    public void A_bad_field_is_located_at_its_line_and_column()
    {
        var error = Read($$"""
            {
              "kind": "PalisadeFlowBaseline",
              "version": 1,
              "edges": [
                {{Good}},
                {
                  "src": "shop/web[Deployment]",
                  "dst": "example.com",
                  "protocol": "TCP",
                  "port": 443
                }
              ]
            }
            """);

        Assert.Equal(new SourceLocation("baseline.json", 8, 7), error.Location);
        Assert.Equal("edges[1].dst", error.Field);
    }

    [Fact]
    public void A_missing_field_is_located_at_its_edge()
    {
        var error = Read($$"""
            {"kind": "PalisadeFlowBaseline", "version": 1, "edges": [
              {{Good}},
              {{Good}},
              {"src": "shop/web[Deployment]", "dst": "203.0.113.0/24", "port": 443}
            ]}
            """);

        Assert.Equal(new SourceLocation("baseline.json", 4, 3), error.Location);
        Assert.Equal("edges[2].protocol", error.Field);
    }

    [Fact]
    public void A_bad_item_of_a_ports_list_is_located_at_the_list()
    {
        var error = Read("\uFEFF" + """
            {"kind": "PalisadeFlowBaseline", "edges": [
              {"src": "shop/web[Deployment]", "dst": "203.0.113.9", "protocol": "TCP",
               "ports": [443, 0]}
            ]}
            """);

        Assert.Equal(new SourceLocation("baseline.json", 3, 4), error.Location);
        Assert.Equal("edges[0].ports[1]", error.Field);
    }

    [Fact]
    public void Edges_that_are_not_a_list_are_located_at_the_property()
    {
        var error = Read("""
            {
              "kind": "PalisadeFlowBaseline",
              "edges": {}
            }
            """);

        Assert.Equal(new SourceLocation("baseline.json", 3, 3), error.Location);
    }
}
