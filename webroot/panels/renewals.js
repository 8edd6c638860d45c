'use strict';
// Renewals panel: the "renewals" section of the admin snapshot (lifecycle.renewal.RenewalAdminSection).
juicePanels.push((s) => {
  const r = s.renewals;
  if (!r) return;
  if (unavailable(r, 'renewal-unavailable')) {
    filled('panel-renewals');
    return;
  }
  setText('renewal-count', String(r.renewals));
  setText('renewal-facilitated', String(r.facilitated) + ' / ' + (r.rewardsHundredths / 100).toFixed(2) + ' paid, '
    + String(r.rewardsPending) + ' owed');
  setText('renewal-notices', String(r.notices));
  setText('renewal-time', r.renewals ? ms(r.meanProcessingMs) : '–');
  const rows = r.byAge.filter((b) => b.succeeded + b.failed > 0).map((b) => el('tr', {}, [
    el('td', { text: b.age }),
    el('td', { text: String(b.succeeded) }),
    el('td', { text: String(b.failed) }),
    el('td', { text: b.successRate === null ? '–' : percent(b.successRate) }),
  ]));
  fillRows($('renewal-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '4', class: 'muted', text: 'no renewal yet' })])]);
  filled('panel-renewals');
});
