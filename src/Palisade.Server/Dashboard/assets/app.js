// Palisade dashboard: the shell. API access, routing by URL fragment (#/view/arg?query), the live change stream.
'use strict';
const P = {
  views: {},
  cache: {},
  stateVersion: 0,
  listeners: [],
};

P.api = async function (path, options) {
  const r = await fetch(path, Object.assign({ credentials: 'same-origin' }, options || {}));
  if (r.status === 401) { location.href = '/login' + location.hash; throw new Error('not signed in'); }
  const type = r.headers.get('content-type') || '';
  const body = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new Error((body && body.error) || ('HTTP ' + r.status));
  return body;
};

// The cluster's connectivity, fetched once per change of state.
P.connectivity = function () {
  if (!P.cache.connectivity) P.cache.connectivity = P.api('/api/v1/connectivity?format=json');
  return P.cache.connectivity;
};
P.flows = function () {
  if (!P.cache.flows) P.cache.flows = P.api('/api/v1/flows?limit=10000').catch(() => ({ total: 0, flows: [] }));
  return P.cache.flows;
};
P.overview = function () {
  if (!P.cache.overview) P.cache.overview = P.api('/api/v1/overview');
  return P.cache.overview;
};

P.el = function (tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
};

P.sev = s => P.el('span', { class: 'sev sev-' + s, text: s });
P.time = t => t ? new Date(t).toLocaleString() : '';

// The route: #/view/arg?k=v
P.route = function () {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  const parts = path.split('/').map(decodeURIComponent);
  return { view: parts[0] || 'overview', arg: parts.slice(1).join('/'), query: new URLSearchParams(query || '') };
};

P.render = async function () {
  const route = P.route();
  const view = P.views[route.view] || P.views.overview;
  for (const a of document.querySelectorAll('nav a')) {
    if (a.dataset.view === route.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const main = document.getElementById('view');
  const token = (P.renderToken = (P.renderToken || 0) + 1);
  if (P.disposeView) { P.disposeView(); P.disposeView = null; }
  main.setAttribute('aria-busy', 'true');
  try {
    const content = await view.render(route);
    if (token !== P.renderToken) return;
    main.replaceChildren(content);
  } catch (x) {
    if (token !== P.renderToken) return;
    main.replaceChildren(P.el('p', { class: 'error', role: 'alert', text: x.message }));
  }
  main.setAttribute('aria-busy', 'false');
  main.dataset.view = route.view;
  main.dataset.rendered = String(token);
};

P.toast = function (text) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.classList.add('show');
  clearTimeout(P.toastTimer);
  P.toastTimer = setTimeout(() => t.classList.remove('show'), 4000);
};

// Live: each recorded change arrives on the server's event stream; the views that show the cluster are drawn again.
P.live = function () {
  const status = document.getElementById('live');
  const source = new EventSource('/api/v1/changes/stream');
  source.onopen = () => { status.dataset.state = 'live'; status.textContent = 'live'; };
  source.onerror = () => { status.dataset.state = 'down'; status.textContent = 'reconnecting'; };
  source.addEventListener('change', e => {
    const change = JSON.parse(e.data);
    P.cache = {};
    P.stateVersion++;
    document.body.dataset.changes = String(P.stateVersion);
    const what = (change.objects || []).map(o => o.verb + ' ' + o.object).join(', ');
    P.toast('Change ' + change.sequence + ': ' + what + ' (' + (change.opened || []).length + ' opened, ' + (change.closed || []).length + ' closed)');
    if (['overview', 'graph', 'changes', 'findings'].includes(P.route().view)) P.render();
  });
  // Each alert arrives on its own stream when it is stored (when it opens and each time it grows).
  const alerts = new EventSource('/api/v1/alerts/stream');
  alerts.addEventListener('alert', e => {
    const alert = JSON.parse(e.data);
    P.alertVersion = (P.alertVersion || 0) + 1;
    document.body.dataset.alerts = String(P.alertVersion);
    delete P.cache.overview;
    P.toast('Alert: ' + (alert.detector || alert.rule) + (alert.object ? ' on ' + alert.object : alert.src ? ' from ' + alert.src : ''));
    if (['alerts', 'overview'].includes(P.route().view)) P.render();
  });
};

window.addEventListener('hashchange', () => P.render());
window.addEventListener('DOMContentLoaded', () => {
  if (!location.hash) history.replaceState(null, '', '#/overview');
  P.render();
  P.live();
});
