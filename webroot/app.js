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

function renderHealth(s) {
  setText('node-id', s.nodeId);
  badge('health-overall', s.health.up);
  const components = [...(s.health.components || [])].sort((a, b) => a.id.localeCompare(b.id));
  const items = components.map((c) => {
    const summary = Object.entries(c.data || {})
      .filter(([, v]) => typeof v !== 'object')
      .map(([k, v]) => k + '=' + v).join('  ');
    return el('li', {}, [
      el('span', { class: 'badge ' + (c.up ? 'good' : 'bad'), text: c.up ? 'UP' : 'DOWN' }),
      el('strong', { text: c.id }),
      el('span', { class: 'muted small', text: summary }),
    ]);
  });
  $('health-components').replaceChildren(...items);
  filled('panel-health');
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

function renderPeers(s) {
  const d = s.discovery;
  if (!d) return;
  if (unavailable(d, 'peers-unavailable')) {
    badge('peers-health', false, '', 'NO ANSWER');
    return;
  }
  badge('peers-health', d.up);
  setText('peers-active', String(d.activePeers));
  setText('peers-success', percent(d.successRate) + ' of ' + d.rounds + ' rounds');
  setText('peers-duration', ms(d.lastDurationMs) + ' / ' + ms(d.meanDurationMs));
  setText('peers-by-method', Object.entries(d.foundByMethod).map(([m, n]) => m + ' ' + n).join(' · ') || '–');
  const refused = Object.entries(d.rejected).filter(([, n]) => n > 0).map(([r, n]) => r + ' ' + n).join(' · ');
  setText('peers-rejected', refused || 'none');
  const rows = d.peers.map((p) => el('tr', {}, [
    el('td', { text: p.id }),
    el('td', { text: p.method }),
    el('td', { class: 'mono', text: p.pipeEndpoint }),
    el('td', { class: 'mono', text: Math.max(0, (s.atMs - p.lastSeenMs) / 1000).toFixed(1) + ' s ago' }),
    el('td', {}, [el('div', { class: 'inline-meter' }, [
      el('div', { class: 'meter-fill ' + (p.reliability < 0.9 ? 'warn-fill' : 'ok'), style: 'width:' + (p.reliability * 100).toFixed(0) + '%' })]),
    el('span', { class: 'small', text: percent(p.reliability) })]),
    el('td', { class: 'muted', text: p.version || '–' }),
  ]));
  fillRows($('peers-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '6', class: 'muted', text: 'no peer known yet' })])]);
  filled('panel-peers');
}

function sizeLabel(leBytes) {
  return leBytes === 0 ? '> 1 MiB' : '≤ ' + bytes(leBytes).replace('.0 ', ' ');
}

function renderFraming(s) {
  const f = s.framing;
  if (unavailable(f, 'framing-unavailable')) {
    badge('framing-health', false, '', 'NO ANSWER');
    return;
  }
  badge('framing-health', f.parseSuccessRate >= 0.99, 'OK', 'REJECTING');
  setText('framing-success', percent(f.parseSuccessRate));
  setText('framing-rejected', String(f.rejected));
  setText('framing-parsed', String(f.parsed));
  setText('framing-built', String(f.built));
  const most = Math.max(1, ...f.sizes.map((b) => b.built + b.parsed));
  $('framing-sizes').replaceChildren(...f.sizes.map((b) => el('div', { class: 'bar', title: (b.built + b.parsed) + ' frames' }, [
    el('span', { class: 'bar-count small', text: String(b.built + b.parsed) }),
    el('div', { class: 'bar-fill', style: 'height:calc((100% - 32px) * ' + ((b.built + b.parsed) / most).toFixed(3) + ')' }),
    el('span', { class: 'bar-label small muted', text: sizeLabel(b.leBytes) }),
  ])));
  setText('framing-reasons', f.rejections.length ? f.rejections.map((r) => r.reason + ' ' + r.count).join(' · ') : 'none');
  const items = f.latest.map((e) => el('li', {}, [
    el('span', { class: 'mono muted', text: new Date(e.atMs).toLocaleTimeString() }),
    el('span', { class: 'badge bad', text: e.code }),
    el('strong', { text: e.reason }),
    el('span', { class: 'muted small', text: e.detail }),
  ]));
  $('framing-errors').replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: 'none' })]));
  filled('panel-framing');
}

// pipes: throughput from the difference between two snapshots, per pipe id
const pipeCounts = new Map();           // pipe id -> {atMs, sent, received}

function pipeRates(p, atMs) {
  const before = pipeCounts.get(p.id);
  pipeCounts.set(p.id, { atMs, sent: p.messagesSent, received: p.messagesReceived });
  if (!before || atMs <= before.atMs) return { out: 0, in: 0 };
  const seconds = (atMs - before.atMs) / 1000;
  return { out: (p.messagesSent - before.sent) / seconds, in: (p.messagesReceived - before.received) / seconds };
}

function renderPipes(s) {
  const ps = s.pipes;
  if (unavailable(ps, 'pipes-unavailable')) {
    badge('pipes-health', false, '', 'NO ANSWER');
    return;
  }
  badge('pipes-health', ps.up);
  setText('pipes-open', ps.open + ' of ' + ps.count);
  setText('pipes-reconnects', ps.reconnects + ' (' + ps.reconnectAttempts + ')');
  const ops = ps.instrumented || { ok: 0, failed: 0 };
  setText('pipes-success', ops.ok + ops.failed === 0 ? '–' : percent(ops.ok / (ops.ok + ops.failed)));
  let totalOut = 0;
  let totalIn = 0;
  const rows = ps.pipes.map((p) => {
    const rate = pipeRates(p, s.atMs);
    totalOut += rate.out;
    totalIn += rate.in;
    const good = p.state === 'OPEN';
    return el('tr', { title: p.lastError || p.endpoint || p.id }, [
      el('td', { text: (p.peerNodeId || '?') + (p.endpoint ? ' · ' + p.endpoint : '') }),
      el('td', { text: p.direction.toLowerCase() }),
      el('td', {}, [el('span', { class: 'badge ' + (good ? 'good' : 'bad'), text: p.state.toLowerCase() })]),
      el('td', { text: rate.out.toFixed(0) + ' / ' + rate.in.toFixed(0) }),
      el('td', { text: p.messagesSent + ' / ' + p.messagesReceived }),
      el('td', { text: ms(p.roundTripMs) }),
      el('td', { text: p.reconnects + ' (' + p.reconnectAttempts + ')' }),
      el('td', { text: String(p.inFlight + p.outbox) }),
    ]);
  });
  setText('pipes-rate', totalOut.toFixed(0) + ' / ' + totalIn.toFixed(0));
  fillRows($('pipes-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '8', class: 'muted', text: 'no pipe' })])]);
  filled('panel-pipes');
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
  renderPeers(s);
  renderFraming(s);
  renderPipes(s);
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

function connect() {
  const events = new EventSource('/admin/events');
  const state = $('stream-state');
  events.onopen = () => { state.textContent = 'live'; state.className = 'badge good'; };
  events.onerror = () => { state.textContent = 'reconnecting'; state.className = 'badge bad'; };
  events.addEventListener('snapshot', (e) => onSnapshot(JSON.parse(e.data)));
  events.addEventListener('cluster', (e) => {
    const change = JSON.parse(e.data);
    clusterEvents.unshift({ at: new Date().toLocaleTimeString(), event: change.event, nodeId: change.nodeId });
    clusterEvents.splice(10);
    renderClusterEvents();
  });
  events.addEventListener('time', (e) => renderTime(JSON.parse(e.data)));
}

connect();
