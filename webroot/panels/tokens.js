// Tokens panel: mint success rate and latency through this node, tokens held here by denomination
// (bars), and the ownership chain of a chosen token (genesis → links → head) from
// GET /api/v1/tokens/{id}/history. Every value from the node is written with textContent.
'use strict';

(() => {
  const short = (hex) => (hex && hex.length > 12 ? hex.slice(0, 12) + '…' : hex || '—');

  function box(title, lines, ok) {
    const style = 'border:1px solid ' + (ok ? 'var(--line)' : '#c0392b') + ';border-radius:6px;padding:6px 8px;'
      + 'min-width:120px;background:' + (ok ? 'transparent' : '#fdecea') + ';';
    return el('div', { class: 'chain-box', style }, [
      el('strong', { text: title }),
      ...lines.map((l) => el('div', { class: 'small mono muted', text: l })),
    ]);
  }

  function arrow() {
    return el('span', { class: 'muted', style: 'align-self:center;font-size:18px;', text: '→' });
  }

  function drawChain(history) {
    const chain = $('tokens-chain');
    setText('tokens-chain-status', history.tokenId + ': ' + Number(history.transfers || 0) + ' transfer(s)');
    if (typeof window.drawTelomereChain === 'function') {
      // the telomere panel's drawing (composted → genesis → links → head), one look for both panels
      window.drawTelomereChain(chain, history);
      return;
    }
    const parts = [];
    (history.entries || []).forEach((e, i) => {
      if (i > 0) parts.push(arrow());
      const n = Number(e.transferNumber || 0);
      parts.push(box(n === 0 ? 'genesis' : 'transfer ' + n, [
        'owner ' + short(e.ownerKey),
        'signer ' + short(e.signerKey),
        e.txId ? 'tx ' + e.txId : (e.timestampMs && e.timestampMs !== '0' ? new Date(Number(e.timestampMs)).toLocaleString() : ''),
        'head ' + short(e.head),
      ].filter((l) => l), e.signatureValid !== false));
    });
    if (Number(history.composted || 0) > 0) {
      parts.splice(1, 0, arrow(), box('compost', [history.composted + ' link(s) folded', short(history.compost)], true));
    }
    parts.push(arrow(), box('head', [history.valid ? 'verified' : 'NOT VALID: ' + history.failure], history.valid));
    chain.replaceChildren(...parts);
  }

  function showChain(event) {
    event.preventDefault();
    const id = $('tokens-chain-id').value.trim();
    if (!id) return;
    setText('tokens-chain-status', 'loading ' + id + '…');
    fetch('/api/v1/tokens/' + encodeURIComponent(id) + '/history')
      .then((r) => r.json().then((body) => ({ ok: r.ok, body })))
      .then(({ ok, body }) => {
        if (!ok) {
          $('tokens-chain').replaceChildren();
          setText('tokens-chain-status', body.code + ': ' + body.message);
          return;
        }
        drawChain(body);
      })
      .catch((e) => setText('tokens-chain-status', 'failed: ' + e));
  }

  let wired = false;

  juicePanels.push((s) => {
    if (!wired) {
      $('tokens-chain-form').addEventListener('submit', showChain);
      wired = true;
    }
    const t = s.tokens;
    if (unavailable(t, 'tokens-unavailable') || !t) {
      badge('tokens-health', false, '', 'NO ANSWER');
      filled('panel-tokens');
      return;
    }
    const mint = t.mint;
    badge('tokens-health', mint.successRate >= 0.99, 'OK', 'FAILING');
    setText('tokens-location', t.location);
    setText('tokens-success', percent(mint.successRate) + ' of ' + (mint.ok + mint.failed));
    setText('tokens-latency', ms(mint.meanMs));
    $('tokens-latency').title = 'slowest: ' + ms(mint.maxMs);
    setText('tokens-held', String(t.tokensHeld) + (t.heldTruncated ? '+' : ''));
    setText('tokens-pending', String(t.indexPending));
    const most = Math.max(1, ...t.held.map((h) => h.count));
    $('tokens-denominations').replaceChildren(...t.held.map((h) => el('div', { class: 'bar', title: h.count + ' token(s) of ' + h.denomination }, [
      el('span', { class: 'bar-count small', text: String(h.count) }),
      el('div', { class: 'bar-fill', style: 'height:calc((100% - 32px) * ' + (h.count / most).toFixed(3) + ')' }),
      el('span', { class: 'bar-label small muted', text: String(h.denomination) }),
    ])));
    filled('panel-tokens');
  });
})();
