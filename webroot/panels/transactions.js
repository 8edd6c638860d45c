// Transactions panel: this node's exchange sides by state, in doubt, success / abort rates,
// payer p50/p99, mean time in each state and abort causes (from the snapshot's `transactions`
// section, TX_STATS), and a live timeline of
// state changes of every exchange in the cluster (the `transfer` events of /admin/events),
// seeded with the snapshot's recent events. Every value from the node is written with textContent.
'use strict';

(() => {
  const TIMELINE = 25;
  const timeline = [];                 // newest first
  const seen = new Set();              // txId|role|state|atMs: an event once, from the stream or the snapshot

  function key(e) {
    return [e.txId, e.role, e.state, e.atMs].join('|');
  }

  function add(e) {
    const k = key(e);
    if (seen.has(k)) return false;
    seen.add(k);
    timeline.push(e);
    timeline.sort((a, b) => Number(b.atMs || 0) - Number(a.atMs || 0));
    timeline.splice(TIMELINE).forEach((gone) => seen.delete(key(gone)));
    return true;
  }

  function stateClass(state) {
    if (state === 'COMMITTED') return 'badge good';
    if (state === 'ABORTED' || state === 'FAILED' || state === 'IN_DOUBT') return 'badge bad';
    return 'badge';
  }

  function amount(h) {
    const n = Number(h || 0);
    return (n / 100).toFixed(2);
  }

  function renderTimeline() {
    if (timeline.length === 0) return;
    $('tx-timeline').replaceChildren(...timeline.map((e) => el('li', { class: 'tx-event' }, [
      el('span', { class: 'mono muted', text: new Date(Number(e.atMs || 0)).toLocaleTimeString() }),
      el('span', { class: stateClass(e.state), text: e.state || '?' }),
      el('strong', { text: (e.role || '?') + ' @ ' + (e.nodeId || '?') }),
      el('span', { class: 'mono small', text: e.txId || '' }),
      el('span', { class: 'small muted', text: amount(e.amountHundredths) + (e.errorCode ? ' · ' + e.errorCode : '')
        + (e.note ? ' · ' + e.note : '') }),
    ])));
  }

  let listening = false;

  function listen() {
    if (listening || !window.juiceListen) return;
    // through juiceListen: the listener moves to the new stream when the console reconnects
    window.juiceListen('transfer', (m) => {
      if (add(JSON.parse(m.data))) renderTimeline();
    });
    listening = true;
  }

  listen();

  juicePanels.push((s) => {
    listen();
    const t = s.transactions;
    if (unavailable(t, 'tx-unavailable') || !t) {
      badge('tx-health', false, '', 'NO ANSWER');
      renderTimeline();
      filled('panel-transactions');
      return;
    }
    badge('tx-health', t.inDoubt === 0 && t.successRate >= 0.99, 'OK', t.inDoubt > 0 ? 'IN DOUBT' : 'ABORTS');
    setText('tx-active', String(t.active));
    setText('tx-in-doubt', String(t.inDoubt) + (t.inDoubt > 0 ? ' (' + Math.round(t.oldestInDoubtMs / 1000) + ' s)' : ''));
    setText('tx-rates', percent(t.successRate) + ' / ' + percent(t.abortRate));
    setText('tx-totals', t.committed + ' / ' + t.aborted + ' / ' + t.failed);
    setText('tx-latency', ms(t.p50Ms) + ' / ' + ms(t.p99Ms));
    if (t.byState.length > 0) {
      fillRows($('tx-states'), t.byState.map((c) => el('tr', {}, [
        el('td', {}, [el('span', { class: stateClass(c.state), text: c.state })]),
        el('td', { text: String(c.count) }),
      ])));
    }
    if ((t.timeInState || []).length > 0) {
      fillRows($('tx-state-times'), t.timeInState.map((c) => el('tr', {}, [
        el('td', {}, [el('span', { class: stateClass(c.state), text: c.state })]),
        el('td', { text: ms(c.meanMs) }),
        el('td', { text: String(c.count) }),
      ])));
    }
    const causes = Object.entries(t.abortCauses || {});
    if (causes.length > 0) {
      fillRows($('tx-causes'), causes.map(([code, count]) => el('tr', {}, [
        el('td', { class: 'mono', text: code }),
        el('td', { text: String(count) }),
      ])));
    }
    (t.recent || []).forEach(add);
    renderTimeline();
    filled('panel-transactions');
  });
})();
