'use strict';
// Identities panel: the "identities" section of the admin snapshot (IdentityAdminSection).
juicePanels.push((s) => {
  const id = s.identities;
  if (!id) return;
  if (unavailable(id, 'identity-unavailable')) {
    badge('identity-health', false, '', 'NO ANSWER');
    filled('panel-identity');
    return;
  }
  badge('identity-health', id.up, 'KEYS OK', 'NO MASTER KEY');
  setText('identity-homed', String(id.homed));
  const c = id.creation;
  setText('identity-success', c.ok + c.failed === 0 ? '–' : percent(c.successRate) + ' of ' + (c.ok + c.failed));
  setText('identity-latency', c.ok + c.failed === 0 ? '–' : ms(c.meanMs) + ' / ' + ms(c.maxMs));
  setText('identity-keygen', ms(id.keyGeneration.meanMs) + ' / ' + ms(id.keyGeneration.maxMs));
  setText('identity-verifications', id.verifications.valid + ' / ' + id.verifications.rejected);
  const reasons = Object.entries(id.verifications.byReason || {}).map(([k, v]) => k + ' ' + v);
  setText('identity-rejections', reasons.length ? reasons.join(', ') : 'none');
  const rows = id.latest.map((i) => el('tr', {}, [
    el('td', { text: i.idPrefix + '…' }),
    el('td', { text: i.name }),
    el('td', { text: String(i.sequence) }),
    el('td', {}, [el('span', { class: 'badge ' + (i.status === 'ACTIVE' ? 'good' : 'bad'), text: i.status.toLowerCase() })]),
    el('td', { text: new Date(i.updatedAtMs).toLocaleTimeString() }),
  ]));
  fillRows($('identity-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '5', class: 'muted', text: 'no identity homed here' })])]);
  filled('panel-identity');
});
