// Palisade dashboard: the views, one per URL (#/overview, #/graph[/namespace], #/findings, #/alerts, #/changes,
// #/eval, #/whatif). Filters live in the URL's query so that a link shows the same rows.
'use strict';
const el = P.el;

P.setQuery = function (values) {
  const route = P.route();
  for (const [k, v] of Object.entries(values)) { if (v) route.query.set(k, v); else route.query.delete(k); }
  const q = route.query.toString();
  history.replaceState(null, '', '#/' + route.view + (route.arg ? '/' + encodeURIComponent(route.arg) : '') + (q ? '?' + q : ''));
};

P.views.overview = {
  // Alerts and changes come at once; the posture cards (a scan of the whole cluster, computed once per state on the
  // service) fill in when it answers, so a cold service on a big cluster still shows the page at once.
  async render() {
    const [alerts, changes] = await Promise.all([
      P.api('/api/v1/alerts?limit=200').catch(() => ({ alerts: [] })),
      P.api('/api/v1/changes?limit=200').catch(() => ({ changes: [] })),
    ]);
    const recentAlerts = alerts.alerts.slice(-5).reverse();
    const recentChanges = changes.changes.slice(-5).reverse();
    const posture = el('div', { class: 'cards', id: 'posture', 'aria-busy': 'true' },
      el('div', { class: 'card' }, el('p', { class: 'muted', text: 'Running the posture checks on the cluster…' })));
    P.overview().then(scan => posture.replaceChildren(...P.views.overview.cards(scan)), x => posture.replaceChildren(el('p', { class: 'error', role: 'alert', text: x.message })))
      .finally(() => posture.setAttribute('aria-busy', 'false'));
    return el('section', { 'aria-labelledby': 'overview-title' },
      el('h1', { id: 'overview-title', text: 'Overview' }),
      posture,
      el('div', { class: 'cards', style: 'margin-top:1rem' },
        el('div', { class: 'card', id: 'recent-alerts' }, el('h2', {}, el('a', { href: '#/alerts', text: 'Recent alerts' })),
          recentAlerts.length ? el('ul', {}, recentAlerts.map(a => el('li', {}, P.sev(a.severity || 'info'), ' ', a.detector || a.rule, ': ', a.message || ''))) : el('p', { class: 'muted', text: 'No alerts.' })),
        el('div', { class: 'card', id: 'recent-changes' }, el('h2', {}, el('a', { href: '#/changes', text: 'Recent policy changes' })),
          recentChanges.length ? el('ul', {}, recentChanges.map(ch => el('li', {}, P.time(ch.time), ': ', (ch.objects || []).map(o => o.verb + ' ' + o.object).join(', '),
            el('span', { class: 'opened', text: ' +' + ch.opened.length }), el('span', { class: 'closed', text: ' -' + ch.closed.length })))) : el('p', { class: 'muted', text: 'No changes recorded.' }))));
  },

  cards(scan) {
    const c = scan.coverage, s = scan.summary.bySeverity;
    return [
      el('div', { class: 'card', id: 'risk' }, el('h2', { text: 'Risk' }),
        el('div', { class: 'big risk-' + scan.risk.level, text: scan.risk.level }),
        el('div', { class: 'muted', text: 'score ' + scan.risk.score + (scan.risk.scale ? ' (' + scan.risk.scale + ')' : '') }),
        el('ul', {}, (scan.risk.factors || []).filter(f => f.points > 0).map(f => el('li', { text: f.name + ' +' + f.points + ': ' + f.detail })))),
      el('div', { class: 'card', id: 'coverage' }, el('h2', { text: 'Coverage' }),
        el('div', { class: 'big', text: c.ingressIsolated + ' / ' + c.workloads }),
        el('div', { class: 'muted', text: 'workloads isolated for ingress' }),
        el('div', { text: c.egressIsolated + ' / ' + c.workloads + ' isolated for egress' }),
        el('div', { text: c.namespacesWithPolicies + ' / ' + c.namespacesWithWorkloads + ' namespaces with policies' })),
      el('div', { class: 'card', id: 'exposure' }, el('h2', { text: 'Exposure' }),
        el('div', { class: 'big', text: String(scan.exposed.length) }),
        el('div', { class: 'muted', text: 'workloads reachable from outside the cluster' }),
        el('ul', {}, scan.exposed.slice(0, 8).map(x => el('li', {}, el('a', { href: '#/graph/' + encodeURIComponent(x.workload.split('/')[0]), text: x.workload }), ' ', x.connections, el('div', { class: 'muted', text: x.via }))))),
      el('div', { class: 'card', id: 'severity' }, el('h2', { text: 'Findings by severity' }),
        el('ul', {}, ['critical', 'high', 'medium', 'low', 'info'].map(k => el('li', {}, el('a', { href: '#/findings?severity=' + k }, P.sev(k)), ' ', String(s[k] || 0))))),
      el('div', { class: 'card', id: 'inventory' }, el('h2', { text: 'Cluster' }),
        el('ul', {}, Object.entries(scan.inventory).map(([k, v]) => el('li', { text: k + ': ' + v }))),
        el('div', { text: scan.connectivity.connections + ' connections, ' + scan.connectivity.crossNamespace + ' across namespaces' })),
    ];
  },
};

P.views.graph = {
  async render(route) {
    const [connections, flows] = await Promise.all([P.connectivity(), P.flows()]);
    const model = P.Graph.model(connections, flows.flows || []);
    const ns = route.arg || null;
    const level = P.Graph.level(model, ns);
    P.Graph.layout(level);
    const panel = el('aside', { class: 'panel', id: 'graph-panel', 'aria-live': 'polite' },
      el('p', { class: 'muted', text: ns ? 'Click an edge for its connections, the policies that allow it and the flows seen on it.' : 'Click a namespace to see its workloads, or an edge for the connections it aggregates.' }));
    const canvas = el('canvas', { role: 'img', 'aria-label': (ns ? 'Workloads of namespace ' + ns : 'Namespaces') + ': ' + level.nodes.length + ' nodes, ' + level.edges.length + ' edges; the same as text below' });
    const box = el('div', { class: 'graph-box' }, canvas);
    const show = item => item.src ? P.views.graph.edge(panel, item) : P.views.graph.node(panel, item, level);
    const text = P.views.graph.text(level, show);
    const view = el('section', { 'aria-labelledby': 'graph-title', id: 'graph', 'data-level': level.level, 'data-namespace': ns || '' },
      el('h1', { id: 'graph-title' }, ns ? el('span', { class: 'crumbs' }, el('a', { href: '#/graph', text: 'Namespaces' }), ' / ' + ns) : 'Graph: namespaces'),
      el('div', { class: 'legend' },
        el('span', { style: '--c:' + P.Graph.colors.allowed, text: 'allowed by policy' }),
        el('span', { style: '--c:' + P.Graph.colors.observed, text: 'observed in flows' }),
        el('span', { style: '--c:' + P.Graph.colors.denied, text: 'observed but denied' }),
        el('span', { style: '--c:#e08a00', text: 'exposed (reachable from outside)' })),
      el('div', { class: 'graph-wrap' }, box, panel), text);
    requestAnimationFrame(() => {
      const drawn = new P.Graph.Canvas(canvas, level, {
        node: n => n.isGroup && n.kind === 'Namespace' ? (location.hash = '#/graph/' + encodeURIComponent(n.id)) : show(n),
        edge: e => show(e),
      });
      P.views.graph.canvas = drawn;
      P.disposeView = () => drawn.dispose();
      view.dataset.drawn = 'true';
    });
    return view;
  },

  // The text equivalent: every node and edge of the level as a list item (links to drill in or open an edge).
  text(level, show) {
    const nodes = el('ul', { id: 'graph-nodes' }, level.nodes.map(n => el('li', {
      'data-node': n.id, 'data-kind': n.kind, 'data-exposed': n.exposed ? 'true' : 'false',
    }, n.isGroup && n.kind === 'Namespace'
      ? el('a', { href: '#/graph/' + encodeURIComponent(n.id), text: n.label + ' (' + n.workloads + ' workloads, ' + n.internal + ' connections inside)' })
      : n.isGroup ? n.label + ' (' + n.workloads + ')' : n.id, n.exposed ? ' (exposed)' : '')));
    const edges = el('ul', { id: 'graph-edges' }, level.edges.map(e => el('li', {
      'data-src': e.src.id, 'data-dst': e.dst.id, 'data-conn': e.conn || '', 'data-status': e.status, 'data-count': e.count || 1,
    }, el('button', { type: 'button', class: 'linklike', onclick: () => { P.views.graph.canvas && P.views.graph.canvas.select(e); show(e); } },
      e.aggregated ? e.src.id + ' → ' + e.dst.id + ': ' + e.count + ' connections (' + e.status + ')'
        : e.src.id + ' → ' + e.dst.id + ': ' + (e.conn || 'no connection allowed') + ' (' + e.status + ')'))));
    return el('details', { class: 'as-text', open: level.nodes.length <= 60 },
      el('summary', { text: 'Graph as text: ' + level.nodes.length + ' nodes, ' + level.edges.length + ' edges' }),
      el('h2', { text: 'Nodes' }), nodes, el('h2', { text: 'Edges' }), edges);
  },

  node(panel, n, level) {
    const touching = level.edges.filter(e => e.src === n || e.dst === n);
    panel.replaceChildren(el('h2', { text: n.id }),
      n.exposed ? el('p', { class: 'opened', text: 'Exposed: reachable from outside the cluster.' }) : null,
      n.ns && n.group !== level.ns ? el('p', {}, el('a', { href: '#/graph/' + encodeURIComponent(n.ns), text: 'Open namespace ' + n.ns })) : null,
      el('p', { text: touching.length + ' edges' }),
      el('ul', {}, touching.slice(0, 200).map(e => el('li', {}, el('button', { type: 'button', class: 'linklike', onclick: () => P.views.graph.edge(panel, e) },
        (e.src === n ? '→ ' + e.dst.id : '← ' + e.src.id) + ': ' + (e.conn || e.count + ' connections'))))));
  },

  async edge(panel, e) {
    if (e.aggregated) {
      panel.replaceChildren(el('h2', { text: e.src.id + ' → ' + e.dst.id }),
        el('p', { text: e.count + ' connections (' + e.status + ')' }),
        el('ul', { id: 'edge-members' }, e.members.map(m => el('li', {}, el('button', { type: 'button', class: 'linklike', onclick: () => P.views.graph.edge(panel, m) },
          m.src.id + ' → ' + m.dst.id + ': ' + (m.conn || 'denied') + ' (' + m.status + ')')))));
      return;
    }
    const explanation = el('div', { id: 'edge-explanation' });
    const src = P.Graph.endpoint(e.src), dst = P.Graph.endpoint(e.dst);
    // The ports to explain: those the connections name, else (an edge only flows made) those the flows used.
    const ports = e.conn ? P.Graph.ports(e.conn) : [];
    for (const f of e.flows) if (!e.conn && f.port != null && !ports.some(p => p.protocol === f.protocol && p.port === String(f.port))) ports.push({ protocol: f.protocol, port: String(f.port) });
    if (e.conn === 'All Connections' || ports.length === 0) ports.splice(0, ports.length, { protocol: 'TCP', port: '80' });
    const explain = async p => {
      explanation.replaceChildren(el('p', { class: 'muted', text: 'Explaining ' + p.protocol + ' ' + p.port + '…' }));
      try {
        const r = await P.api('/api/v1/eval?' + new URLSearchParams({ src, dst, port: p.port, protocol: p.protocol }));
        explanation.replaceChildren(el('p', { class: r.allowed ? 'allowed' : 'denied', text: r.verdict }), el('pre', { class: 'explanation', text: r.explanation }));
      } catch (x) {
        explanation.replaceChildren(el('p', { class: 'error', text: x.message }));
      }
    };
    panel.replaceChildren(el('h2', { id: 'edge-title', text: e.src.id + ' → ' + e.dst.id }),
      el('p', {}, 'Connections: ', el('strong', { text: e.conn || 'none allowed' }), ' (' + e.status + ')'),
      src && dst ? el('p', {}, 'Explain: ', ports.map(p => el('button', { type: 'button', onclick: () => explain(p), text: p.protocol + ' ' + p.port }))) :
        el('p', { class: 'muted', text: 'The ingress controller is not an address eval can take; the connection comes from the Ingress and its Service.' }),
      explanation,
      el('h2', { text: 'Flows seen (' + (e.seen + e.denied) + ')' }),
      e.flows.length ? el('table', {}, el('tr', {}, ['time', 'protocol', 'port', 'verdict', 'policy'].map(h => el('th', { text: h }))),
        e.flows.map(f => el('tr', {}, [P.time(f.time), f.protocol, f.port, f.verdict, f.policy].map(v => el('td', { text: v == null ? '' : String(v) })))))
        : el('p', { class: 'muted', text: 'No stored flow on this edge.' }));
    if (src && dst) await explain(ports[0]);
  },
};

P.views.findings = {
  async render(route) {
    const [result, overview] = await Promise.all([P.api('/api/v1/findings?format=json'), P.overview().catch(() => null)]);
    void overview;
    const all = result.findings;
    const q = route.query;
    const categories = [...new Set(all.map(f => f.category))].sort();
    const namespaces = [...new Set(all.map(f => f.resource && f.resource.namespace).filter(Boolean))].sort();
    const table = el('tbody');
    const detail = el('div', { id: 'finding-detail' });
    const severity = el('select', { id: 'filter-severity', 'aria-label': 'Severity' }, el('option', { value: '', text: 'any' }), ['critical', 'high', 'medium', 'low', 'info'].map(s => el('option', { value: s, text: s })));
    const category = el('select', { id: 'filter-category', 'aria-label': 'Category' }, el('option', { value: '', text: 'any' }), categories.map(s => el('option', { value: s, text: s })));
    const namespace = el('select', { id: 'filter-namespace', 'aria-label': 'Namespace' }, el('option', { value: '', text: 'any' }), namespaces.map(s => el('option', { value: s, text: s })));
    const search = el('input', { id: 'filter-text', type: 'search', placeholder: 'id, name, resource, message', 'aria-label': 'Search' });
    severity.value = q.get('severity') || ''; category.value = q.get('category') || ''; namespace.value = q.get('namespace') || ''; search.value = q.get('q') || '';
    const count = el('p', { id: 'findings-count', class: 'muted' });
    const resource = f => f.resource ? f.resource.kind + ' ' + (f.resource.namespace ? f.resource.namespace + '/' : '') + f.resource.name : '';
    const apply = () => {
      P.setQuery({ severity: severity.value, category: category.value, namespace: namespace.value, q: search.value });
      const text = search.value.toLowerCase();
      const rows = all.filter(f => (!severity.value || f.severity === severity.value) && (!category.value || f.category === category.value)
        && (!namespace.value || f.resource && f.resource.namespace === namespace.value)
        && (!text || [f.id, f.name, f.message, resource(f)].join(' ').toLowerCase().includes(text)));
      count.textContent = rows.length + ' of ' + all.length + ' findings';
      table.replaceChildren(...rows.map(f => el('tr', { class: 'selectable', tabindex: '0', 'data-id': f.id, onclick: () => show(f), onkeydown: ev => ev.key === 'Enter' && show(f) },
        el('td', {}, P.sev(f.severity)), el('td', { text: f.id }), el('td', { text: f.title }), el('td', { text: resource(f) }), el('td', { text: f.message }),
        el('td', { text: f.fix ? 'yes' : '' }))));
    };
    const show = f => detail.replaceChildren(el('div', { class: 'card' },
      el('h2', { text: f.id + ' ' + f.name + ': ' + f.title }), el('p', { text: f.message }),
      f.remediation ? el('p', {}, el('strong', { text: 'Remediation: ' }), f.remediation) : null,
      f.fix ? el('div', {}, el('h2', { text: 'Fix' }), el('pre', { class: 'fix', text: f.fix }),
        el('button', { type: 'button', onclick: () => navigator.clipboard && navigator.clipboard.writeText(f.fix), text: 'Copy' }), ' ',
        /^apiVersion:/m.test(f.fix) ? el('a', { href: '#/whatif', onclick: () => { P.whatIfText = f.fix; }, text: 'Try it in What if' }) : null) : null,
      f.references && f.references.length ? el('ul', {}, f.references.map(r => el('li', { text: r }))) : null));
    for (const input of [severity, category, namespace]) input.addEventListener('change', apply);
    search.addEventListener('input', apply);
    apply();
    return el('section', { 'aria-labelledby': 'findings-title' }, el('h1', { id: 'findings-title', text: 'Findings' }),
      el('div', { class: 'filters' }, el('label', {}, 'Severity', severity), el('label', {}, 'Category', category), el('label', {}, 'Namespace', namespace), el('label', {}, 'Search', search)),
      count, detail,
      el('table', { id: 'findings-table' }, el('thead', {}, el('tr', {}, ['severity', 'id', 'check', 'resource', 'message', 'fix'].map(h => el('th', { text: h })))), table));
  },
};

P.views.alerts = {
  async render(route) {
    const result = await P.api('/api/v1/alerts?limit=10000');
    const all = result.alerts.slice().reverse();
    const q = route.query;
    const names = [...new Set(all.map(a => a.detector || a.rule))].sort();
    const name = el('select', { id: 'filter-name', 'aria-label': 'Detector or rule' }, el('option', { value: '', text: 'any' }), names.map(s => el('option', { value: s, text: s })));
    const severity = el('select', { id: 'filter-severity', 'aria-label': 'Severity' }, el('option', { value: '', text: 'any' }), ['critical', 'high', 'medium', 'low', 'info'].map(s => el('option', { value: s, text: s })));
    const kind = el('select', { id: 'filter-source', 'aria-label': 'Source' }, el('option', { value: '', text: 'flows and audit' }), el('option', { value: 'flows', text: 'flows' }), el('option', { value: 'audit', text: 'audit' }));
    const search = el('input', { id: 'filter-text', type: 'search', 'aria-label': 'Search' });
    name.value = q.get('name') || ''; severity.value = q.get('severity') || ''; kind.value = q.get('source') || ''; search.value = q.get('q') || '';
    const table = el('tbody'), count = el('p', { id: 'alerts-count', class: 'muted' });
    const apply = () => {
      P.setQuery({ name: name.value, severity: severity.value, source: kind.value, q: search.value });
      const text = search.value.toLowerCase();
      const rows = all.filter(a => (!name.value || (a.detector || a.rule) === name.value) && (!severity.value || a.severity === severity.value)
        && (!kind.value || (kind.value === 'flows') === Boolean(a.detector)) && (!text || JSON.stringify(a).toLowerCase().includes(text)));
      count.textContent = rows.length + ' of ' + all.length + ' alerts';
      table.replaceChildren(...rows.map(a => el('tr', {},
        el('td', { text: P.time(a.last || a.time) }), el('td', {}, P.sev(a.severity || 'info')), el('td', { text: a.detector || a.rule }),
        el('td', { text: a.src || (a.user && (a.user.username || a.user)) || '' }), el('td', { text: a.dst || a.object || '' }),
        el('td', { text: a.message || '' }),
        el('td', {}, (a.policies || []).length ? el('ul', {}, a.policies.map(p => el('li', { text: p }))) : el('span', { class: 'muted', text: a.detector ? 'no policy selects it' : '' }),
          a.cause ? el('div', { class: 'muted', text: 'after ' + a.cause.verb + ' ' + a.cause.object + ' by ' + a.cause.user + ' at ' + P.time(a.cause.time) }) : null,
          (a.opened || []).length ? el('details', {}, el('summary', { text: a.opened.length + ' connections opened' }), el('ul', {}, a.opened.map(o => el('li', { class: 'opened', text: o })))) : null))));
    };
    for (const input of [name, severity, kind]) input.addEventListener('change', apply);
    search.addEventListener('input', apply);
    apply();
    return el('section', { 'aria-labelledby': 'alerts-title' }, el('h1', { id: 'alerts-title', text: 'Alerts' }),
      el('div', { class: 'filters' }, el('label', {}, 'Detector or rule', name), el('label', {}, 'Severity', severity), el('label', {}, 'Source', kind), el('label', {}, 'Search', search)),
      count,
      el('table', { id: 'alerts-table' }, el('thead', {}, el('tr', {}, ['time', 'severity', 'detector / rule', 'source', 'destination', 'message', 'policy in force'].map(h => el('th', { text: h })))), table));
  },
};

P.views.changes = {
  async render() {
    const result = await P.api('/api/v1/changes?limit=1000');
    const changes = result.changes.slice().reverse();
    const lines = (list, cls, sign) => list.length ? el('details', { open: list.length <= 10 }, el('summary', { class: cls, text: list.length + ' ' + (sign === '+' ? 'opened' : 'closed') }),
      el('ul', {}, list.map(l => el('li', { class: cls, text: sign + ' ' + l })))) : null;
    return el('section', { 'aria-labelledby': 'changes-title' }, el('h1', { id: 'changes-title', text: 'Changes' }),
      el('p', { class: 'muted', text: 'Each change to the cluster\'s network objects, with the connections it opened and closed. New changes appear as they happen.' }),
      changes.length ? el('ol', { class: 'timeline', id: 'changes-list' }, changes.map(ch => el('li', { 'data-sequence': ch.sequence },
        el('strong', { text: '#' + ch.sequence + ' ' }), el('time', { datetime: ch.time, text: P.time(ch.time) }),
        el('div', { text: (ch.objects || []).map(o => o.verb + ' ' + o.object).join(', ') }),
        lines(ch.opened || [], 'opened', '+'), lines(ch.closed || [], 'closed', '-'))))
        : el('p', { class: 'muted', id: 'changes-list', text: 'No change recorded yet.' }));
  },
};

P.views.eval = {
  async render(route) {
    const connections = await P.connectivity().catch(() => []);
    const names = new Set();
    for (const c of connections) for (const n of [c.src, c.dst]) { const p = P.Graph.endpoint(P.Graph.parse(n)); if (p && p.includes('/')) names.add(p); }
    const list = el('datalist', { id: 'workloads' }, [...names].sort().map(n => el('option', { value: n })));
    const q = route.query;
    const src = el('input', { id: 'eval-src', name: 'src', list: 'workloads', required: true, value: q.get('src') || '', placeholder: 'ns/name or an IP' });
    const dst = el('input', { id: 'eval-dst', name: 'dst', list: 'workloads', required: true, value: q.get('dst') || '', placeholder: 'ns/name or an IP' });
    const port = el('input', { id: 'eval-port', name: 'port', required: true, value: q.get('port') || '', placeholder: '8080 or a port name' });
    const protocol = el('select', { id: 'eval-protocol', name: 'protocol' }, ['TCP', 'UDP', 'SCTP'].map(p => el('option', { value: p, text: p })));
    protocol.value = q.get('protocol') || 'TCP';
    const result = el('div', { id: 'eval-result', 'aria-live': 'polite' });
    const run = async () => {
      P.setQuery({ src: src.value, dst: dst.value, port: port.value, protocol: protocol.value });
      result.replaceChildren(el('p', { class: 'muted', text: 'Evaluating…' }));
      try {
        const r = await P.api('/api/v1/eval?' + new URLSearchParams({ src: src.value, dst: dst.value, port: port.value, protocol: protocol.value }));
        result.replaceChildren(el('p', { class: r.allowed ? 'allowed' : 'denied', id: 'eval-verdict', text: r.verdict }), el('pre', { class: 'explanation', text: r.explanation }));
      } catch (x) {
        result.replaceChildren(el('p', { class: 'error', role: 'alert', text: x.message }));
      }
    };
    const form = el('form', { id: 'eval-form', class: 'filters', onsubmit: ev => { ev.preventDefault(); run(); } },
      el('label', {}, 'From', src), el('label', {}, 'To', dst), el('label', {}, 'Port', port), el('label', {}, 'Protocol', protocol),
      el('button', { type: 'submit', class: 'primary', text: 'Can it connect?' }));
    if (src.value && dst.value && port.value) run();
    return el('section', { 'aria-labelledby': 'eval-title' }, el('h1', { id: 'eval-title', text: 'Can A reach B?' }), list, form, result);
  },
};

P.views.whatif = {
  async render() {
    const text = el('textarea', { id: 'whatif-text', rows: 16, cols: 90, 'aria-label': 'Manifests to apply', placeholder: 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n...' });
    if (P.whatIfText) { text.value = P.whatIfText; P.whatIfText = null; }
    const result = el('div', { id: 'whatif-result', 'aria-live': 'polite' });
    const run = async () => {
      result.replaceChildren(el('p', { class: 'muted', text: 'Comparing…' }));
      try {
        const r = await P.api('/api/v1/whatif', { method: 'POST', body: text.value, headers: { 'Content-Type': 'application/yaml', 'X-Palisade-Dashboard': '1' } });
        const entries = Array.isArray(r.diff) ? r.diff : [];
        result.replaceChildren(el('p', { id: 'whatif-count', text: entries.length ? entries.length + ' connections would change' : 'No connection would change.' }),
          el('table', { id: 'whatif-diff' }, el('thead', {}, el('tr', {}, ['change', 'source', 'destination', 'now', 'after'].map(h => el('th', { text: h })))),
            el('tbody', {}, entries.map(d => el('tr', { 'data-type': d['diff-type'], 'data-src': d.source, 'data-dst': d.destination },
              el('td', { class: d['diff-type'] === 'added' ? 'opened' : d['diff-type'] === 'removed' ? 'closed' : '', text: d['diff-type'] }),
              el('td', { text: d.source }), el('td', { text: d.destination }), el('td', { text: d.ref1 }), el('td', { text: d.ref2 }))))),
          el('details', {}, el('summary', { text: 'As palisade diff prints it' }), el('pre', { text: r.text })));
      } catch (x) {
        result.replaceChildren(el('p', { class: 'error', role: 'alert', text: x.message }));
      }
    };
    return el('section', { 'aria-labelledby': 'whatif-title' }, el('h1', { id: 'whatif-title', text: 'What if' }),
      el('p', { class: 'muted', text: 'Paste policies (or any manifests): they are applied to a copy of the live cluster, as kubectl apply would, and the connections they would open and close are listed. Nothing is changed.' }),
      el('form', { id: 'whatif-form', onsubmit: ev => { ev.preventDefault(); run(); } }, text, el('div', {}, el('button', { type: 'submit', class: 'primary', text: 'Show the diff' }))), result);
  },
};
