// Palisade dashboard: the graph. A model built from the connectivity report and the stored flows, drawn on one
// canvas (aggregated by namespace first, level of detail by zoom and size), with the same nodes and edges as text.
'use strict';
P.Graph = {};

P.Graph.parse = function (name) {
  const m = /^(.*)\[([^\]]+)\]$/.exec(name);
  if (!m) return { id: name, label: name, ns: null, kind: 'peer', group: name };
  const base = m[1], kind = m[2];
  if (kind === 'External') return { id: name, label: base, ns: null, kind, group: 'External' };
  const slash = base.indexOf('/');
  if (slash < 0) return { id: name, label: base, ns: null, kind, group: base };
  return { id: name, label: base.slice(slash + 1), ns: base.slice(0, slash), kind, group: base.slice(0, slash) };
};

// The whole model: nodes by id, edges (allowed by policy, observed in flows, observed but denied).
P.Graph.model = function (connections, flows) {
  const nodes = new Map();
  const node = name => {
    let n = nodes.get(name);
    if (!n) { n = P.Graph.parse(name); n.exposed = false; nodes.set(name, n); }
    return n;
  };
  const edges = new Map();
  for (const c of connections) {
    const s = node(c.src), d = node(c.dst);
    edges.set(c.src + '\u0000' + c.dst, { src: s, dst: d, conn: c.conn, allowed: true, seen: 0, denied: 0, flows: [] });
    if (s.kind === 'External' || s.kind === 'peer') d.exposed = true;
  }
  for (const f of flows) {
    if (!f.src || !f.dst) continue;
    const key = f.src + '\u0000' + f.dst;
    let e = edges.get(key);
    if (!e) {
      if (f.policy !== 'denied' || !/\]$|^\{/.test(f.src) || !/\]$|^\{/.test(f.dst)) continue;
      e = { src: node(f.src), dst: node(f.dst), conn: '', allowed: false, seen: 0, denied: 0, flows: [] };
      edges.set(key, e);
    }
    if (f.policy === 'denied') e.denied++; else e.seen++;
    if (e.flows.length < 50) e.flows.push(f);
  }
  for (const e of edges.values()) e.status = !e.allowed || e.denied > 0 && e.seen === 0 ? 'denied' : e.seen > 0 ? 'observed' : 'allowed';
  return { nodes, edges: [...edges.values()] };
};

// One level of the graph: the namespaces (and external peers) with aggregated edges, or one namespace's workloads
// with every peer they talk to.
P.Graph.level = function (model, ns) {
  if (!ns) {
    const groups = new Map();
    const group = n => {
      let g = groups.get(n.group);
      if (!g) { g = { id: n.group, label: n.group, group: n.group, kind: n.ns ? 'Namespace' : n.kind, workloads: 0, internal: 0, exposed: false, isGroup: true }; groups.set(n.group, g); }
      return g;
    };
    for (const n of model.nodes.values()) { const g = group(n); g.workloads++; if (n.exposed) g.exposed = true; }
    const agg = new Map();
    for (const e of model.edges) {
      const s = group(e.src), d = group(e.dst);
      if (s === d) { s.internal++; continue; }
      const key = s.id + '\u0000' + d.id;
      let a = agg.get(key);
      if (!a) { a = { src: s, dst: d, count: 0, members: [], seen: 0, denied: 0, aggregated: true }; agg.set(key, a); }
      a.count++; a.members.push(e);
      if (e.status === 'observed') a.seen++;
      if (e.status === 'denied') a.denied++;
    }
    for (const a of agg.values()) a.status = a.denied > 0 ? 'denied' : a.seen > 0 ? 'observed' : 'allowed';
    return { level: 'namespaces', nodes: [...groups.values()], edges: [...agg.values()] };
  }
  const inside = [], outside = new Set(), edges = [];
  for (const n of model.nodes.values()) if (n.group === ns) inside.push(n);
  for (const e of model.edges) {
    if (e.src.group !== ns && e.dst.group !== ns) continue;
    edges.push(e);
    if (e.src.group !== ns) outside.add(e.src);
    if (e.dst.group !== ns) outside.add(e.dst);
  }
  inside.sort((a, b) => a.label.localeCompare(b.label));
  const peers = [...outside].sort((a, b) => (a.group + a.label).localeCompare(b.group + b.label));
  return { level: 'workloads', ns, nodes: inside.concat(peers), inside, peers, edges };
};

// Positions in world units: a sunflower (phyllotaxis) disc for the centre, a ring for the peers.
P.Graph.layout = function (level) {
  const disc = (list, spacing) => list.forEach((n, i) => {
    const r = spacing * Math.sqrt(i + 0.5), a = i * 2.39996;
    n.x = r * Math.cos(a); n.y = r * Math.sin(a);
  });
  if (level.level === 'namespaces') {
    for (const n of level.nodes) n.r = 10 + Math.min(30, 3 * Math.sqrt(n.workloads));
    const sorted = [...level.nodes].sort((a, b) => b.workloads - a.workloads);
    disc(sorted, level.nodes.length < 12 ? 120 : 80);
    return;
  }
  for (const n of level.nodes) n.r = 8;
  disc(level.inside, 40);
  const inner = 40 * Math.sqrt(level.inside.length + 1) + 120;
  const ring = Math.max(inner, level.peers.length * 22 / (2 * Math.PI));
  level.peers.forEach((n, i) => {
    const a = 2 * Math.PI * i / Math.max(1, level.peers.length) - Math.PI / 2;
    n.x = ring * Math.cos(a); n.y = ring * Math.sin(a);
  });
};

P.Graph.colors = { allowed: '#7a8699', observed: '#1a8f3c', denied: '#c62828' };

// The canvas view of one level: pan (drag), zoom (wheel), click a node or an edge.
P.Graph.Canvas = class {
  constructor(canvas, level, handlers) {
    this.canvas = canvas; this.level = level; this.handlers = handlers; this.selected = null;
    this.scale = 1; this.tx = 0; this.ty = 0;
    this.resize = () => this.fit();
    window.addEventListener('resize', this.resize);
    let drag = null;
    canvas.addEventListener('mousedown', e => { drag = { x: e.clientX, y: e.clientY, tx: this.tx, ty: this.ty, moved: false }; });
    window.addEventListener('mouseup', this.up = e => {
      if (drag && !drag.moved && e.target === canvas) this.click(e);
      drag = null;
    });
    canvas.addEventListener('mousemove', e => {
      if (!drag) return;
      const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      this.tx = drag.tx + dx; this.ty = drag.ty + dy; this.draw();
    });
    canvas.addEventListener('wheel', e => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect(), mx = e.clientX - rect.left, my = e.clientY - rect.top;
      const k = Math.exp(-e.deltaY * 0.0015);
      this.tx = mx - (mx - this.tx) * k; this.ty = my - (my - this.ty) * k; this.scale *= k;
      this.draw();
    }, { passive: false });
    this.fit();
  }
  dispose() { window.removeEventListener('resize', this.resize); window.removeEventListener('mouseup', this.up); }
  fit() {
    const rect = this.canvas.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.max(1, rect.width * dpr); this.canvas.height = Math.max(1, rect.height * dpr);
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (const n of this.level.nodes) { minX = Math.min(minX, n.x - n.r); maxX = Math.max(maxX, n.x + n.r); minY = Math.min(minY, n.y - n.r); maxY = Math.max(maxY, n.y + n.r); }
    if (!isFinite(minX)) { minX = minY = -1; maxX = maxY = 1; }
    const pad = 60;
    this.scale = Math.min((rect.width - 2 * pad) / Math.max(1, maxX - minX), (rect.height - 2 * pad) / Math.max(1, maxY - minY), 2.5);
    this.tx = rect.width / 2 - this.scale * (minX + maxX) / 2;
    this.ty = rect.height / 2 - this.scale * (minY + maxY) / 2;
    this.draw();
  }
  draw() {
    const ctx = this.canvas.getContext('2d'), dpr = window.devicePixelRatio || 1, s = this.scale;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    ctx.setTransform(dpr * s, 0, 0, dpr * s, dpr * this.tx, dpr * this.ty);
    const edges = this.level.edges, many = edges.length > 1500;
    // Level of detail: one path per colour; arrows and widths only when the edges are few enough to read.
    for (const status of ['allowed', 'observed', 'denied']) {
      ctx.beginPath();
      for (const e of edges) {
        if (e.status !== status || e === this.selected) continue;
        ctx.moveTo(e.src.x, e.src.y); ctx.lineTo(e.dst.x, e.dst.y);
        if (!many) this.arrow(ctx, e);
      }
      ctx.strokeStyle = P.Graph.colors[status];
      ctx.globalAlpha = many ? 0.35 : 0.8;
      ctx.lineWidth = (status === 'allowed' ? 1.2 : 2) / s;
      ctx.setLineDash(status === 'denied' ? [6 / s, 4 / s] : []);
      ctx.stroke();
    }
    ctx.globalAlpha = 1; ctx.setLineDash([]);
    if (this.selected && this.selected.src) {
      const e = this.selected;
      ctx.beginPath(); ctx.moveTo(e.src.x, e.src.y); ctx.lineTo(e.dst.x, e.dst.y); this.arrow(ctx, e);
      ctx.strokeStyle = '#1f5fbf'; ctx.lineWidth = 4 / s; ctx.stroke();
    }
    const labels = this.level.nodes.length <= 150 || s > 0.8;
    ctx.font = (12 / s) + 'px system-ui,sans-serif';
    ctx.textAlign = 'center';
    for (const n of this.level.nodes) {
      ctx.beginPath(); ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
      ctx.fillStyle = n.kind === 'External' || n.kind === 'peer' ? '#fde7c4' : n.isGroup ? '#dce7fa' : n.group === this.level.ns ? '#dce7fa' : '#eceff3';
      ctx.fill();
      ctx.lineWidth = (n.exposed ? 3 : 1) / s;
      ctx.strokeStyle = n === this.selected ? '#1f5fbf' : n.exposed ? '#e08a00' : '#52607a';
      ctx.stroke();
      if (labels) {
        ctx.fillStyle = '#1d2430';
        const text = n.isGroup ? n.label + ' (' + n.workloads + ')' : this.level.level === 'workloads' && n.group !== this.level.ns && n.ns ? n.ns + '/' + n.label : n.label;
        ctx.fillText(text, n.x, n.y + n.r + 13 / s);
      }
    }
  }
  arrow(ctx, e) {
    const dx = e.dst.x - e.src.x, dy = e.dst.y - e.src.y, len = Math.hypot(dx, dy) || 1;
    const ux = dx / len, uy = dy / len, tipX = e.dst.x - ux * e.dst.r, tipY = e.dst.y - uy * e.dst.r, size = 7 / this.scale;
    ctx.moveTo(tipX, tipY); ctx.lineTo(tipX - ux * size - uy * size * 0.5, tipY - uy * size + ux * size * 0.5);
    ctx.moveTo(tipX, tipY); ctx.lineTo(tipX - ux * size + uy * size * 0.5, tipY - uy * size - ux * size * 0.5);
  }
  click(event) {
    const rect = this.canvas.getBoundingClientRect();
    const x = (event.clientX - rect.left - this.tx) / this.scale, y = (event.clientY - rect.top - this.ty) / this.scale;
    for (const n of this.level.nodes) {
      if (Math.hypot(n.x - x, n.y - y) <= n.r + 2 / this.scale) { this.select(n); this.handlers.node(n); return; }
    }
    let best = null, bestDistance = 6 / this.scale;
    for (const e of this.level.edges) {
      const d = P.Graph.distance(x, y, e.src, e.dst);
      if (d < bestDistance) { best = e; bestDistance = d; }
    }
    if (best) { this.select(best); this.handlers.edge(best); }
  }
  select(item) { this.selected = item; this.draw(); }
};

P.Graph.distance = function (x, y, a, b) {
  const dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy || 1;
  const t = Math.max(0, Math.min(1, ((x - a.x) * dx + (y - a.y) * dy) / len2));
  return Math.hypot(a.x + t * dx - x, a.y + t * dy - y);
};

// The ports an edge's connections name, as (protocol, port) pairs to evaluate: "TCP 443,8443-8445,UDP 53".
P.Graph.ports = function (conn) {
  const out = [];
  let protocol = 'TCP';
  for (const token of (conn || '').split(',')) {
    const m = /^\s*(TCP|UDP|SCTP)?\s*(\d+)?/.exec(token);
    if (m && m[1]) protocol = m[1];
    if (m && m[2]) out.push({ protocol, port: m[2] });
    else if (m && m[1]) out.push({ protocol, port: '1' });
  }
  return out;
};

// What eval accepts for a node: ns/name for a workload, an address inside an external range; null otherwise.
P.Graph.endpoint = function (n) {
  if (n.ns) return n.ns + '/' + n.label;
  if (n.kind === 'External') {
    const [first, last] = n.label.split('-');
    if (first.includes(':')) return first;
    const ip = t => t.split('.').reduce((a, b) => a * 256 + Number(b), 0);
    const text = v => [24, 16, 8, 0].map(k => Math.floor(v / 2 ** k) % 256).join('.');
    const lo = ip(first), hi = ip(last || first);
    return text(lo > 0 ? lo : Math.max(Math.min(hi, ip('8.8.8.8')), Math.min(hi, 1)));
  }
  return null;
};
