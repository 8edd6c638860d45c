// Transport panels of the admin console: peers (discovery), framing and pipes.
// Uses the helpers of app.js (el, setText, badge, percent, ms, bytes, fillRows, filled, unavailable).
'use strict';

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

juicePanels.push(renderPeers, renderFraming, renderPipes);
