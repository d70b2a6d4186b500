using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Palisade.Dashboard.Tests.Support;

namespace Palisade.Dashboard.Tests;

/// <summary>
/// The graph against <c>palisade connectivity examples/shop</c>: the namespace level aggregates exactly its edges, the
/// namespace levels together hold exactly its edges, and an edge (in the text and on the canvas) opens its explanation.
/// </summary>
public sealed class GraphTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private static (string Src, string Dst, string Conn)[] Expected() =>
        JsonNode.Parse(PalisadeCli.Run("connectivity", ShopCluster.Example, "-o", "json"))!.AsArray()
            .Select(e => (e!["src"]!.GetValue<string>(), e["dst"]!.GetValue<string>(), e["conn"]!.GetValue<string>())).ToArray();

    private static string Group(string name)
    {
        if (name.EndsWith("[External]", StringComparison.Ordinal))
            return "External";
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? name : name[..slash];
    }

    [Fact]
    public async Task The_namespace_level_aggregates_the_connectivity_edges_with_their_counts()
    {
        var expected = Expected()
            .Where(e => Group(e.Src) != Group(e.Dst))
            .GroupBy(e => (Group(e.Src), Group(e.Dst)))
            .Select(g => $"{g.Key.Item1} -> {g.Key.Item2}: {g.Count()}").Order().ToArray();
        var page = await fixture.SignedInAsync("#/graph");
        await Pages.OpenAsync(page, "#/graph");
        Assert.Equal("namespaces", await page.GetAttributeAsync("#graph", "data-level"));
        var edges = await page.Locator("#graph-edges li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.src + ' -> ' + i.dataset.dst + ': ' + i.dataset.count)");
        Assert.Equal(expected, edges.Order().ToArray());
        var nodes = await page.Locator("#graph-nodes li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.node)");
        Assert.Equal(Expected().SelectMany(e => new[] { Group(e.Src), Group(e.Dst) }).Distinct().Order(), nodes.Order());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_namespaces_drilled_into_hold_exactly_the_connectivity_edges()
    {
        var expected = Expected().Select(e => $"{e.Src} -> {e.Dst}: {e.Conn}").Order().ToArray();
        var page = await fixture.SignedInAsync("#/graph");
        await Pages.OpenAsync(page, "#/graph");
        var namespaces = await page.Locator("#graph-nodes li[data-kind=Namespace]").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.node)");
        Assert.Contains("shop-web", namespaces);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in namespaces)
        {
            await Pages.OpenAsync(page, "#/graph/" + ns);
            Assert.Equal(ns, await page.GetAttributeAsync("#graph", "data-namespace"));
            var edges = await page.Locator("#graph-edges li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.src + ' -> ' + i.dataset.dst + ': ' + i.dataset.conn)");
            seen.UnionWith(edges);
            var statuses = await page.Locator("#graph-edges li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.status)");
            Assert.All(statuses, s => Assert.Equal("allowed", s));
        }
        Assert.Equal(expected, seen.Order().ToArray());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_storefront_is_marked_exposed()
    {
        var page = await fixture.SignedInAsync("#/graph/shop-web");
        await Pages.OpenAsync(page, "#/graph/shop-web");
        Assert.Equal("true", await page.GetAttributeAsync("#graph-nodes li[data-node='shop-web/storefront[Deployment]']", "data-exposed"));
        Assert.Equal("false", await page.GetAttributeAsync("#graph-nodes li[data-node='shop-api/catalog[Deployment]']", "data-exposed"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_edge_opens_its_connections_and_the_policies_that_allow_it()
    {
        var page = await fixture.SignedInAsync("#/graph/shop-api");
        await Pages.OpenAsync(page, "#/graph/shop-api");
        var edge = page.Locator("#graph-edges li[data-src='shop-web/storefront[Deployment]'][data-dst='shop-api/catalog[Deployment]'] button");
        await edge.ClickAsync();
        await Assertions.Expect(page.Locator("#edge-title")).ToHaveTextAsync("shop-web/storefront[Deployment] → shop-api/catalog[Deployment]");
        await Assertions.Expect(page.Locator("#edge-explanation .allowed")).ToHaveTextAsync("allowed: shop-web/storefront[Deployment] => shop-api/catalog[Deployment] : TCP 50051");
        await Assertions.Expect(page.Locator("#edge-explanation pre")).ToContainTextAsync("NetworkPolicy shop-api/catalog-allow-ingress");
        await Pages.ScreenshotAsync(page, "graph-explanation");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clicking_an_edge_on_the_canvas_opens_it()
    {
        var page = await fixture.SignedInAsync("#/graph/shop-data");
        await Pages.OpenAsync(page, "#/graph/shop-data");
        // A point on the edge, in page coordinates, that no node and no other edge covers.
        var point = await page.EvaluateAsync<JsonElementPoint?>("""
            () => {
              const c = P.views.graph.canvas, rect = c.canvas.getBoundingClientRect();
              for (const e of c.level.edges) {
                for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
                  const x = e.src.x + t * (e.dst.x - e.src.x), y = e.src.y + t * (e.dst.y - e.src.y);
                  const clear = c.level.nodes.every(n => Math.hypot(n.x - x, n.y - y) > n.r + 12 / c.scale)
                    && c.level.edges.every(o => o === e || P.Graph.distance(x, y, o.src, o.dst) > 12 / c.scale);
                  if (clear) return { x: rect.left + c.tx + x * c.scale, y: rect.top + c.ty + y * c.scale, title: e.src.id + ' → ' + e.dst.id };
                }
              }
              return null;
            }
            """);
        Assert.NotNull(point);
        await page.Mouse.ClickAsync(point.x, point.y);
        await Assertions.Expect(page.Locator("#edge-title")).ToHaveTextAsync(point.title);
        await Assertions.Expect(page.Locator("#edge-explanation pre")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A point on the page and the title of the edge under it.</summary>
    public sealed class JsonElementPoint
    {
        /// <summary>Horizontal, in CSS pixels.</summary>
        public float x { get; set; }

        /// <summary>Vertical, in CSS pixels.</summary>
        public float y { get; set; }

        /// <summary>The edge's title in the panel.</summary>
        public string title { get; set; } = "";
    }
}
