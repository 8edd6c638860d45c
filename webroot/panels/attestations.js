'use strict';
// Attestations panel: the "attestations" section of the admin snapshot (AttestationAdminSection): cluster
// totals, creations per type (peer types, system, community) and one row per member.
// Rates per minute come from the difference between this snapshot's totals and the previous one's.
(() => {
  let previous = null;
  const perMinute = (now, before, dtMs) => (before == null || dtMs <= 0 ? '–' : ((now - before) * 60000 / dtMs).toFixed(1) + '/min');
  juicePanels.push((s) => {
    const a = s.attestations;
    if (!a) return;
    if (unavailable(a, 'attestation-unavailable')) {
      badge('attestation-health', false, '', 'NO ANSWER');
      filled('panel-attestations');
      return;
    }
    const now = Date.now();
    const created = a.created.ok + a.created.refused + a.created.failed;
    const verified = a.verifications.valid + a.verifications.invalid;
    const dt = previous ? now - previous.at : 0;
    badge('attestation-health', a.verifications.invalid === 0, 'ALL VALID', a.verifications.invalid + ' INVALID');
    setText('attestation-created', a.created.ok + ' ok / ' + a.created.refused + ' refused / ' + a.created.failed + ' failed');
    setText('attestation-create-rate', perMinute(created, previous && previous.created, dt));
    setText('attestation-verifications', a.verifications.valid + ' / ' + a.verifications.invalid);
    setText('attestation-verify-rate', perMinute(verified, previous && previous.verified, dt));
    const reasons = Object.entries(a.verifications.byReason || {}).map(([k, v]) => k + ' ' + v);
    setText('attestation-reasons', reasons.length ? reasons.join(', ') : 'none');
    const rows = Object.entries(a.created.byType || {}).map(([type, n]) => el('tr', {}, [
      el('td', { text: type }), el('td', { text: String(n) }),
      el('td', { text: a.created.ok === 0 ? '–' : percent(n / a.created.ok) }),
    ]));
    fillRows($('attestation-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '3', class: 'muted', text: 'none created yet' })])]);
    const nodes = (a.nodes || []).map((n) => el('tr', {}, n.answered ? [
      el('td', { text: n.node }), el('td', { text: String(n.created) }),
      el('td', { text: Object.entries(n.byType || {}).map(([k, v]) => k + ' ' + v).join(', ') || '–' }),
      el('td', { text: n.valid + ' / ' + n.invalid }),
    ] : [el('td', { text: n.node }), el('td', { colspan: '3', class: 'warn', text: 'no answer: ' + n.error })]));
    fillRows($('attestation-nodes'), nodes.length ? nodes : [el('tr', {}, [el('td', { colspan: '4', class: 'muted', text: 'no member answered yet' })])]);
    previous = { at: now, created, verified };
    filled('panel-attestations');
  });
})();
