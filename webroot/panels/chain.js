'use strict';
// Personal chains panel: the "chains" section of the admin snapshot (ChainAdminSection).
juicePanels.push((s) => {
  const c = s.chains;
  if (!c) return;
  if (unavailable(c, 'chain-unavailable')) {
    filled('panel-chain');
    return;
  }
  const types = Object.entries(c.appendsByType || {}).map(([k, v]) => k.toLowerCase() + ' ' + v);
  setText('chain-appends', types.length ? types.join(', ') : 'none yet');
  setText('chain-duplicates', String(c.duplicates) + ' / ' + String(c.appendFailures));
  const rows = c.latestVerifications.map((v) => el('tr', {}, [
    el('td', { text: v.idPrefix + '…' }),
    el('td', {}, [el('span', { class: 'badge ' + (v.valid ? 'good' : 'bad'), text: v.valid ? 'valid' : 'broken at ' + v.firstBrokenSequence })]),
    el('td', { text: String(v.length) }),
    el('td', { text: new Date(v.atMs).toLocaleTimeString() }),
  ]));
  fillRows($('chain-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '4', class: 'muted', text: 'no verification yet' })])]);
  filled('panel-chain');
});
