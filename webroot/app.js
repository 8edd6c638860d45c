// JuiceTokens admin console: fills the panels from the node's Server-Sent Events.
// One `snapshot` event a second (node, health, cluster, storage, DHT, time, peers, framing, operations,
// recent errors) plus discrete `cluster` and `time` events. No framework, nothing external;
// every value from the node is written with textContent, never as HTML.
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const DRIFT_POINTS = 120;               // per source: the last two minutes at one snapshot a second
const driftHistory = new Map();         // source name -> [offsetMs...]
const clusterEvents = [];

const $ = (id) => document.getElementById(id);

function el(tag, attrs, children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  });
  (children || []).forEach((c) => node.appendChild(c));
  return node;
}

function setText(id, value) {
  $(id).textContent = value;
}

function badge(id, up, upText, downText) {
  const b = $(id);
  b.textContent = up ? (upText || 'UP') : (downText || 'DOWN');
  b.className = 'badge ' + (up ? 'good' : 'bad');
}

function percent(rate) {
  return (rate * 100).toFixed(rate >= 0.9995 || rate === 0 ? 0 : 1) + ' %';
}

function ms(value) {
  return value.toFixed(value < 10 ? 2 : 0) + ' ms';
}

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  return n.toFixed(i === 0 ? 0 : 1) + ' ' + units[i];
}

function fillRows(tbodyParent, rows) {
  const tbody = tbodyParent.querySelector('tbody');
  tbody.replaceChildren(...rows);
}

function filled(panelId) {
  $(panelId).dataset.filled = 'true';
}

function unavailable(section, id) {
  const box = $(id);
  if (section && section.available === false) {
    box.hidden = false;
    box.textContent = 'not answering: ' + section.error + ' — ' + section.message;
    return true;
  }
  box.hidden = true;
  return false;
}

// UP good, DEGRADED fair, DOWN bad; a snapshot without a status (older node) falls back to up/down
function statusBadge(id, status, up) {
  const b = $(id);
  const text = status || (up ? 'UP' : 'DOWN');
  b.textContent = text;
  b.className = 'badge ' + (text === 'UP' ? 'good' : text === 'DEGRADED' ? 'fair' : 'bad');
}

function loadText(load) {
  return load === null || load === undefined ? '–' : load.toFixed(1) + ' %';
}

function connectionCell(connected, local) {
  const text = local ? 'this node' : (connected ? 'connected' : 'disconnected');
  return el('td', {}, [el('span', { class: 'dot ' + (connected ? 'good' : 'bad') }), el('span', { text })]);
}

function renderCluster(s) {
  const dht = s.dht && s.dht.available !== false ? s.dht : null;
  const cluster = s.cluster || {};
  setText('cluster-size', dht ? dht.clusterSize : (cluster.members ?? '–'));
  setText('cluster-state', dht ? dht.clusterState : (cluster.state || (cluster.running ? 'running' : 'stopped')));
  let rows;
  if (dht) {
    rows = dht.members.map((m) => el('tr', {}, [
      el('td', { text: m.nodeId }), el('td', { class: 'mono', text: m.address }), connectionCell(m.connected || m.local, m.local)]));
  } else {
    rows = (cluster.memberNodeIds || []).map((id) => el('tr', {}, [
      el('td', { text: id }), el('td', { class: 'muted', text: '–' }), connectionCell(true, id === s.nodeId)]));
  }
  fillRows($('cluster-members'), rows);
  filled('panel-cluster');
}

function renderStorage(s) {
  const st = s.storage;
  if (unavailable(st, 'storage-unavailable')) {
    badge('storage-health', false, '', 'NO ANSWER');
    return;
  }
  badge('storage-health', st.up);
  setText('storage-success', percent(st.successRate));
  setText('storage-errors', String(st.errors));
  setText('storage-ops', String(st.operations));
  setText('storage-size', bytes(st.sizeOnDiskBytes));
  setText('storage-util', percent(st.utilisation) + ' of ' + bytes(st.sizeOnDiskBytes + st.diskFreeBytes));
  $('storage-util-bar').style.width = (st.utilisation * 100).toFixed(1) + '%';
  $('storage-success-bar').style.width = (st.successRate * 100).toFixed(1) + '%';
  setText('storage-success-detail', percent(st.successRate));
  setText('storage-activity', st.reads + ' reads · ' + st.writes + ' writes · ' + st.deletes + ' deletes · '
    + st.batches + ' batches · ' + st.syncs + ' syncs');
  filled('panel-storage');
}

function renderDht(s) {
  const d = s.dht;
  if (unavailable(d, 'dht-unavailable')) {
    badge('dht-health', false, '', 'NO ANSWER');
    return;
  }
  badge('dht-health', d.up);
  setText('dht-p50', ms(d.getLatencyP50Ms));
  setText('dht-p99', ms(d.getLatencyP99Ms));
  setText('dht-put', ms(d.putLatencyP50Ms) + ' / ' + ms(d.putLatencyP99Ms));
  setText('dht-success', percent(d.successRate));
  const most = Math.max(1, ...d.members.map((m) => m.ownedEntries));
  fillRows($('dht-members'), d.members.map((m) => el('tr', {}, [
    el('td', { text: m.nodeId + (m.local ? ' (this node)' : '') }),
    connectionCell(m.connected || m.local, false),
    el('td', {}, [el('div', { class: 'inline-meter' }, [
      el('div', { class: 'meter-fill', style: 'width:' + (100 * m.ownedEntries / most).toFixed(0) + '%' })]),
    el('span', { class: 'small', text: String(m.ownedEntries) })]),
    el('td', { text: String(m.backupEntries) }),
  ])));
  filled('panel-dht');
}

function sparkline(values) {
  const w = 180, h = 30, pad = 2;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
  svg.setAttribute('class', 'spark');
  svg.setAttribute('preserveAspectRatio', 'none');
  const lo = Math.min(-1, ...values), hi = Math.max(1, ...values);
  const y = (v) => pad + (h - 2 * pad) * (hi - v) / (hi - lo);
  const zero = document.createElementNS(SVG_NS, 'line');
  zero.setAttribute('x1', 0); zero.setAttribute('x2', w);
  zero.setAttribute('y1', y(0)); zero.setAttribute('y2', y(0));
  zero.setAttribute('class', 'spark-zero');
  svg.appendChild(zero);
  const line = document.createElementNS(SVG_NS, 'polyline');
  // anchored right; while few points exist, they spread over the width (a shape, not a dot)
  const span = Math.max(values.length, 20);
  const step = w / (span - 1);
  const offset = span - values.length;
  line.setAttribute('points', values.map((v, i) => ((offset + i) * step).toFixed(1) + ',' + y(v).toFixed(1)).join(' '));
  line.setAttribute('class', 'spark-line');
  svg.appendChild(line);
  return svg;
}

function renderTime(t) {
  if (unavailable(t, 'time-unavailable')) {
    const b = $('time-status');
    b.textContent = 'NO ANSWER';
    b.className = 'badge bad';
    return;
  }
  const b = $('time-status');
  b.textContent = t.status;
  b.className = 'badge ' + ({ VERIFIED: 'good', CONSENSUS: 'fair' }[t.status] || 'bad');
  setText('time-confidence', t.confidence + ' / 100');
  setText('time-offset', t.consensusOffsetMs + ' ms');
  setText('time-reason', (t.jumpSuspected ? 'jump suspected · ' : '') + (t.reason || '–'));
  const rows = t.sources.map((src) => {
    const history = driftHistory.get(src.name) || [];
    return el('tr', { class: src.excluded ? 'excluded' : '' }, [
      el('td', { text: src.name }),
      el('td', { text: src.type }),
      el('td', { class: 'mono', text: src.offsetMs + ' ms' }),
      el('td', { class: 'mono', text: src.roundTripMs + ' ms' }),
      el('td', { text: String(src.confidence) + (src.excluded ? ' (excluded)' : '') + (src.error ? ' · ' + src.error : '') }),
      el('td', {}, [sparkline(history)]),
    ]);
  });
  fillRows($('time-sources'), rows);
  filled('panel-time');
}

function recordDrift(t) {
  if (!t || t.available === false) return;
  t.sources.forEach((src) => {
    const history = driftHistory.get(src.name) || [];
    history.push(src.offsetMs);
    if (history.length > DRIFT_POINTS) history.shift();
    driftHistory.set(src.name, history);
  });
}

function renderOperations(s) {
  const layers = s.operations.layers;
  if (layers.length > 0) {
    fillRows($('ops-table'), layers.map((l) => el('tr', {}, [
      el('td', { text: l.tag }),
      el('td', { text: String(l.ok) }),
      el('td', { class: l.failed > 0 ? 'warn' : '', text: String(l.failed) }),
      el('td', {}, [el('div', { class: 'inline-meter' }, [
        el('div', { class: 'meter-fill ' + (l.successRate < 0.99 ? 'warn-fill' : 'ok'), style: 'width:' + (l.successRate * 100).toFixed(1) + '%' })]),
      el('span', { class: 'small', text: percent(l.successRate) })]),
      el('td', { class: 'mono', text: ms(l.meanMs) }),
    ])));
  }
  filled('panel-operations');
}

function renderErrors(s) {
  const errors = s.recentErrors || [];
  const items = errors.slice(0, 12).map((e) => el('li', {}, [
    el('span', { class: 'mono muted', text: new Date(e.atMs).toLocaleTimeString() }),
    el('span', { class: 'badge bad', text: e.error }),
    el('strong', { text: e.layer + ' ' + e.operation }),
    el('span', { class: 'muted small', text: e.detail }),
  ]));
  $('errors-list').replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: 'none' })]));
  filled('panel-errors');
}

function renderClusterEvents() {
  $('cluster-events').replaceChildren(...clusterEvents.map((e) => el('li', {}, [
    el('span', { class: 'mono muted', text: e.at }),
    el('span', { class: 'badge ' + (e.event === 'added' ? 'good' : 'bad'), text: e.event }),
    el('strong', { text: e.nodeId || '?' }),
  ])));
}

// Panels of later layers live in panels/*.js, each pushing its render function here:
// juicePanels.push((snapshot) => { ... }). They may use the helpers above (el, setText, fillRows...).
const juicePanels = [];
window.juicePanels = juicePanels;

function onSnapshot(s) {
  recordDrift(s.time);
  renderHealth(s);
  renderCluster(s);
  renderStorage(s);
  renderDht(s);
  renderTime(s.time);
  renderOperations(s);
  renderErrors(s);
  juicePanels.forEach((render) => {
    try {
      render(s);
    } catch (e) {
      console.error('panel failed', e);
    }
  });
  setText('updated-at', new Date(s.atMs).toLocaleTimeString());
}

// Staleness: a page whose last snapshot is older than two intervals says so (a banner read out by
// screen readers); the stream is re-opened with back-off when the browser gave up on it (CLOSED:
// e.g. a 503 while the node starts) or when it stays silent although "open" (a half-dead connection).
const stream = { source: null, lastAtMs: 0, lastNodeAtMs: 0, intervalMs: 1000, backoffMs: 0, retryTimer: null, openedAtMs: 0 };
const BACKOFF_MAX_MS = 10000;

function streamState(text, cls) {
  const state = $('stream-state');
  state.textContent = text;
  state.className = 'badge ' + cls;
}

function checkStale() {
  const banner = $('stale-banner');
  const now = Date.now();
  const since = stream.lastAtMs || stream.openedAtMs;
  const stale = since > 0 && now - since > 2 * stream.intervalMs;
  if (stale) {
    // no running count in the text: a live region re-reads every change
    const text = (stream.lastAtMs ? 'Stale since ' + new Date(stream.lastNodeAtMs).toLocaleTimeString() : 'No data from the node yet')
      + (stream.source && stream.source.readyState === EventSource.OPEN ? '' : ' — reconnecting…');
    const box = banner.querySelector('.stale-text');
    if (box.textContent !== text) box.textContent = text;
    banner.hidden = false;
    document.body.classList.add('stale');
  } else if (!banner.hidden) {
    banner.hidden = true;
    document.body.classList.remove('stale');
  }
  // open but silent for five intervals: the connection is dead without the browser noticing
  if (stale && stream.source && stream.source.readyState === EventSource.OPEN && now - since > 5 * stream.intervalMs) {
    reconnectLater();
  }
}

function reconnectLater() {
  if (stream.source) {
    stream.source.close();
    stream.source = null;
  }
  if (stream.retryTimer) return;
  stream.backoffMs = Math.min(BACKOFF_MAX_MS, stream.backoffMs ? stream.backoffMs * 2 : 500);
  streamState('reconnecting in ' + (stream.backoffMs / 1000).toFixed(1) + ' s', 'bad');
  stream.retryTimer = setTimeout(() => {
    stream.retryTimer = null;
    connect();
  }, stream.backoffMs);
}

function connect() {
  const events = new EventSource('/admin/events');
  stream.source = events;
  stream.openedAtMs = stream.openedAtMs || Date.now();
  // panels listening to discrete events (e.g. `transfer`) add their listeners to this one stream
  window.juiceEventSource = events;
  juiceStreamListeners.forEach(([type, listener]) => events.addEventListener(type, listener));
  events.onopen = () => streamState('live', 'good');
  events.onerror = () => {
    if (events.readyState === EventSource.CLOSED) {
      reconnectLater();            // the browser will not retry by itself
    } else {
      streamState('reconnecting', 'bad');   // the browser retries by itself
    }
  };
  events.addEventListener('snapshot', (e) => {
    const s = JSON.parse(e.data);
    stream.lastAtMs = Date.now();
    stream.lastNodeAtMs = s.atMs;
    stream.intervalMs = s.intervalMs || stream.intervalMs;
    stream.backoffMs = 0;
    streamState('live', 'good');
    onSnapshot(s);
    checkStale();
  });
  events.addEventListener('cluster', (e) => {
    const change = JSON.parse(e.data);
    clusterEvents.unshift({ at: new Date().toLocaleTimeString(), event: change.event, nodeId: change.nodeId });
    clusterEvents.splice(10);
    renderClusterEvents();
  });
  events.addEventListener('time', (e) => renderTime(JSON.parse(e.data)));
}

// Listeners of discrete events that survive a reconnection (a new EventSource):
// juiceListen('transfer', (e) => ...). Panels that add listeners to window.juiceEventSource
// directly keep them for the first connection only.
const juiceStreamListeners = [];
window.juiceListen = (type, listener) => {
  juiceStreamListeners.push([type, listener]);
  if (stream.source) stream.source.addEventListener(type, listener);
};

// Landmarks: every panel is a region named by its heading, and the nav lists them (a phone
// user jumps to a panel instead of scrolling through all of them).
function buildNav() {
  const links = [...document.querySelectorAll('main section.panel')].map((panel) => {
    const heading = panel.querySelector('h2');
    if (!heading) return null;
    heading.id = heading.id || panel.id + '-title';
    panel.setAttribute('aria-labelledby', heading.id);
    const name = heading.firstChild ? heading.firstChild.textContent.trim() : panel.id;
    return el('li', {}, [el('a', { href: '#' + panel.id, text: name })]);
  }).filter((l) => l);
  $('panel-nav-list').replaceChildren(...links);
}

window.addEventListener('DOMContentLoaded', buildNav);
setInterval(checkStale, 500);
connect();
