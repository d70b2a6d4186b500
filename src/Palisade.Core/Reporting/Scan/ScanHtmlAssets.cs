namespace Palisade.Reporting.Scan;

/// <summary>The inline stylesheet and script of the HTML report; neither contains <c>&lt;</c> or <c>&amp;</c>, so the page stays well-formed XML.</summary>
internal static class ScanHtmlAssets
{
    public const string Style = """
        body { font-family: system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
        header { background: #1d2330; color: #fff; padding: 16px 24px; }
        header h1 { margin: 0; font-size: 22px; }
        main { padding: 16px 24px; }
        section { margin-bottom: 28px; }
        .cards { display: flex; flex-wrap: wrap; gap: 16px; }
        .card { background: #fff; border-radius: 8px; padding: 12px 16px; min-width: 220px; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
        .card h2 { font-size: 15px; margin: 0 0 8px; }
        .big { font-size: 36px; margin: 0; } .big small { font-size: 14px; color: #667; }
        .muted { color: #667; }
        .counts { list-style: none; padding: 0; margin: 0; }
        .sev.critical { color: #8b0000; font-weight: bold; } .sev.high { color: #c62828; } .sev.medium { color: #b26a00; }
        .sev.low { color: #1565c0; } .sev.info { color: #607d8b; }
        .risk.critical, .risk.high { border-left: 6px solid #c62828; } .risk.medium { border-left: 6px solid #f9a825; }
        .risk.low, .risk.info, .risk.none { border-left: 6px solid #2e7d32; }
        table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; margin-bottom: 12px; }
        th, td { border: 1px solid #dde; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #eef0f4; }
        tr.exposed td:first-child { color: #c62828; font-weight: bold; }
        pre { background: #f3f3f3; padding: 8px; overflow-x: auto; }
        summary { cursor: pointer; font-weight: bold; margin: 6px 0; }
        .filter { margin: 6px 0 10px; padding: 4px 8px; width: 320px; }
        .graph { overflow: auto; background: #fff; border-radius: 8px; max-height: 80vh; }
        .graph svg { max-width: 100%; height: auto; }
        td { overflow-wrap: anywhere; }
        .node.namespace rect { fill: #eef3ff; }
        .drill { margin-top: 12px; }
        .box rect { fill: #f0f3f8; stroke: #b8c2d6; }
        .box text { font-size: 12px; font-weight: bold; fill: #445; }
        .node rect { fill: #fff; stroke: #5c6bc0; stroke-width: 1.5; }
        .node.outside rect { fill: #fff3e0; stroke: #ef6c00; }
        .node.exposed rect { stroke: #c62828; stroke-width: 3; }
        .node text { font-size: 11px; fill: #1d2330; }
        .node { cursor: pointer; }
        .edge { fill: none; stroke: #9aa3b5; stroke-width: 1.2; opacity: .7; }
        .edge.outside { stroke: #c62828; }
        marker path { fill: #9aa3b5; }
        svg.focused .edge { opacity: .05; } svg.focused .edge.on { opacity: 1; stroke-width: 2; }

        """;

    public const string Script = """
        document.querySelectorAll('input.filter').forEach(function (input) {
          input.addEventListener('input', function () {
            var text = input.value.toLowerCase();
            document.getElementById(input.dataset.target).querySelectorAll('tbody tr').forEach(function (row) {
              row.style.display = row.textContent.toLowerCase().indexOf(text) === -1 ? 'none' : '';
            });
          });
        });
        var graph = document.getElementById('graph');
        var focused = null;
        if (graph) {
          graph.querySelectorAll('g.node').forEach(function (node) {
            node.addEventListener('click', function () {
              if (node.dataset.drill) {
                document.querySelectorAll('div.drill').forEach(function (d) { d.hidden = d.id !== node.dataset.drill || !d.hidden; });
              }
              focused = focused === node.id ? null : node.id;
              graph.classList.toggle('focused', focused !== null);
              graph.querySelectorAll('path.edge').forEach(function (edge) {
                var on = focused !== null ? (edge.dataset.from === focused || edge.dataset.to === focused) : false;
                edge.classList.toggle('on', on);
              });
            });
          });
        }

        """;
}
