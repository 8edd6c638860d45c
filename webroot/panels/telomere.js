// Telomere panel: transformation success rate and latency, verification failures by reason, the
// latest failures (snapshot section `telomere`, see TelomereAdminSection), and drawTelomereChain
// for the token panel's chain view. Values from the node are written with textContent only.
'use strict';

(() => {
  const style = document.createElement('style');
  style.textContent = [
    '.tchain { display: flex; flex-wrap: wrap; align-items: stretch; gap: 4px; margin: 6px 0; }',
    '.tchain-box { border: 1px solid #c9cfdb; border-radius: 4px; padding: 4px 6px; font-size: 11px; min-width: 92px; background: #fff; }',
    '.tchain-box.composted { background: #eceef2; color: #6b7385; border-style: dashed; }',
    '.tchain-box.bad { border-color: #c0392b; }',
    '.tchain-box .tchain-title { font-weight: 600; display: block; }',
    '.tchain-arrow { align-self: center; color: #6b7385; }',
    '.treason-bar { display: inline-block; height: 8px; background: #c0392b; border-radius: 2px; margin-right: 6px; vertical-align: middle; }',
  ].join('\n');
  document.head.appendChild(style);
})();

/**
 * Draws a token's ownership chain into `container` (its children are replaced) and returns the row.
 *
 * Contract (for the token panel): `history` is the proto3 JSON of api/v1 TokenHistory as served by
 * GET /api/v1/tokens/{id}/history: {tokenId, transfers, composted, compost, entries: [{transferNumber,
 * ownerKey, signerKey, txId, timestampMs, head, signatureValid}], valid, failure}. int64 fields may
 * come as strings and default values may be absent (both handled). Draws, left to right: a greyed box
 * "N composted" when links were composted, the genesis (transfer 0), each retained link (transfer
 * number, owner key prefix, tx id, signature ok/bad), then the head box (valid or the failure).
 * Boxes carry class `tchain-box` (+ `composted`, `genesis`, `link`, `head`, `bad`); hovering shows the full keys.
 */
function drawTelomereChain(container, history) {
  const h = history || {};
  const num = (v) => Number(v || 0);
  const short = (hex) => (hex ? String(hex).slice(0, 10) + '…' : '–');
  const box = (cls, title, lines, tooltip) => el('div', { class: 'tchain-box ' + cls, title: tooltip || '' },
    [el('span', { class: 'tchain-title', text: title }), ...lines.map((l) => el('div', { text: l }))]);
  const items = [];
  const composted = num(h.composted);
  if (composted > 0) {
    items.push(box('composted', composted + ' composted', ['compost ' + short(h.compost)], 'compost ' + (h.compost || '')));
  }
  (h.entries || []).forEach((e) => {
    const n = num(e.transferNumber);
    const ok = !!e.signatureValid;
    if (items.length) items.push(el('span', { class: 'tchain-arrow', text: '→' }));
    items.push(box((n === 0 ? 'genesis' : 'link') + (ok ? '' : ' bad'), n === 0 ? 'genesis' : '#' + n, [
      'owner ' + short(e.ownerKey),
      n === 0 ? 'issuer ' + short(e.signerKey) : 'tx ' + (e.txId || '–'),
      ok ? 'signature ok' : 'signature BAD',
    ], 'owner ' + (e.ownerKey || '') + '\nsigner ' + (e.signerKey || '') + '\nhead ' + (e.head || '')));
  });
  const entries = h.entries || [];
  const head = entries.length ? entries[entries.length - 1].head : '';
  if (items.length) items.push(el('span', { class: 'tchain-arrow', text: '→' }));
  items.push(box('head' + (h.valid ? '' : ' bad'), 'head', [short(head), num(h.transfers) + ' transfers',
    h.valid ? 'valid' : 'INVALID ' + (h.failure || '')], 'head ' + head));
  const row = el('div', { class: 'tchain' }, items);
  container.replaceChildren(row);
  return row;
}
window.drawTelomereChain = drawTelomereChain;

juicePanels.push((s) => {
  const t = s.telomere;
  if (!t) return;
  if (unavailable(t, 'telomere-unavailable')) {
    badge('telomere-health', false, '', 'NO ANSWER');
    return;
  }
  const tr = t.transform;
  const ve = t.verify;
  badge('telomere-health', ve.failed === 0 && tr.failed === 0, 'CLEAN', 'FAILURES');
  setText('telomere-transform-success', tr.ok + tr.failed === 0 ? '–' : percent(tr.successRate) + ' of ' + (tr.ok + tr.failed));
  setText('telomere-transform-latency', ms(tr.meanMs) + ' / ' + ms(tr.maxMs));
  setText('telomere-verify-count', ve.ok + ' / ' + ve.failed);
  setText('telomere-verify-latency', ms(ve.meanMs) + ' / ' + ms(ve.maxMs));
  setText('telomere-tail', t.tailLinks + ' links · ≤ ' + t.maxEncodedBytes + ' B');
  const most = Math.max(1, ...t.failuresByReason.map((r) => r.count));
  const reasons = t.failuresByReason.map((r) => el('tr', {}, [
    el('td', { text: r.reason }),
    el('td', {}, [el('span', { class: 'treason-bar', style: 'width:' + Math.max(2, 120 * r.count / most).toFixed(0) + 'px' }),
      el('span', { class: 'small', text: String(r.count) })]),
  ]));
  fillRows($('telomere-reasons'), reasons.length ? reasons : [el('tr', {}, [el('td', { colspan: '2', class: 'muted', text: 'none' })])]);
  const items = t.recent.slice(0, 10).map((f) => el('li', {}, [
    el('span', { class: 'mono muted', text: new Date(f.atMs).toLocaleTimeString() }),
    el('span', { class: 'badge bad', text: f.reason }),
    el('strong', { text: f.operation + ' ' + f.tokenPrefix }),
    el('span', { class: 'muted small', text: (f.failedLink >= 0 ? 'link ' + f.failedLink + ' · ' : '') + f.detail }),
  ]));
  $('telomere-failures').replaceChildren(...(items.length ? items : [el('li', { class: 'muted', text: 'none' })]));
  filled('panel-telomere');
});
