'use strict';
// Extensions panel: the "extensions" section of the admin snapshot (extension.ExtensionAdminSection):
// the registry with each extension's state (and why, for ERROR / DISABLED), its capabilities with
// their impact, and the runtime's usage figures (invocations, errors, latency, breaker).
juicePanels.push((s) => {
  const x = s.extensions;
  if (!x) return;
  if (unavailable(x, 'extension-unavailable')) {
    filled('panel-extensions');
    return;
  }
  setText('extension-states', Object.entries(x.byState).map(([k, v]) => k.toLowerCase() + ' ' + v).join(', '));
  const usage = (u) => {
    const entries = Object.entries(u || {});
    if (!entries.length) return '–';
    return entries.map(([k, v]) => k + ' ' + (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : v)).join(', ');
  };
  const rows = x.extensions.map((e) => el('tr', {}, [
    el('td', { text: e.id + ' ' + e.version, title: e.name }),
    el('td', { text: e.state.toLowerCase() + (e.reason ? ': ' + e.reason : ''), class: e.state === 'ERROR' ? 'bad' : '' }),
    el('td', { text: e.capabilities.map((c) => c.name + ' (' + c.impact.toLowerCase() + ')').join(', ') || '–' }),
    el('td', { text: usage(e.usage) }),
  ]));
  fillRows($('extension-table'), rows.length ? rows : [el('tr', {}, [el('td', { colspan: '4', class: 'muted', text: 'no extension registered' })])]);
  filled('panel-extensions');
});
