'use strict';
// Eggs panel: the "eggs" section of the admin snapshot (EggAdminSection): eggs kept on this node
// per lifecycle stage, generations and their success rate, activations, and the maturing eggs' progress.
juicePanels.push((s) => {
  const e = s.eggs;
  if (!e) return;
  if (unavailable(e, 'egg-unavailable')) {
    filled('panel-eggs');
    return;
  }
  setText('egg-stages', Object.entries(e.byStage).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', '));
  setText('egg-generations', e.generations.ok + ' ok / ' + e.generations.failed + ' failed (' + percent(e.generations.successRate) + ')');
  setText('egg-activations', String(e.activations) + ' / ' + String(e.expirations));
  setText('egg-fertilizations', String(e.fertilizations));
  const rows = e.maturing.map((m) => el('tr', {}, [
    el('td', { text: m.eggId.slice(-16) }),
    el('td', { text: m.stage.toLowerCase() }),
    el('td', {}, [el('progress', { max: '100', value: String(m.percent) }), el('span', { text: ' ' + m.percent + ' %' })]),
    el('td', { text: new Date(m.nextDeadlineMs).toLocaleTimeString() }),
  ]));
  fillRows($('egg-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '4', class: 'muted', text: 'no egg maturing here' })])]);
  filled('panel-eggs');
});
