// The health panel: overall status and load, the node's resources, and one line per component
// (status badge, load, reason, data). Called by app.js for every snapshot; uses app.js's helpers.

function renderResources(h) {
  const r = h.resources;
  if (!r) {
    setText('health-resources', 'resources: not measured');
    return;
  }
  const cpu = r.processCpuPercent < 0 ? '?' : r.processCpuPercent.toFixed(1) + ' %';
  const heap = bytes(r.heapUsedBytes) + (r.heapMaxBytes > 0 ? ' of ' + bytes(r.heapMaxBytes) : '');
  const files = r.openFiles < 0 ? '?' : r.openFiles + ' of ' + r.maxFiles;
  const delay = h.eventLoopDelayMs === undefined ? '' : '  ·  event-loop delay ' + ms(h.eventLoopDelayMs);
  setText('health-resources', 'cpu ' + cpu + '  ·  heap ' + heap + '  ·  open files ' + files + delay);
}

function renderHealth(s) {
  setText('node-id', s.nodeId);
  statusBadge('health-overall', s.health.status, s.health.up);
  setText('health-load', 'load ' + loadText(s.health.loadPercent));
  renderResources(s.health);
  const components = [...(s.health.components || [])].sort((a, b) => a.id.localeCompare(b.id));
  const items = components.map((c) => {
    const summary = Object.entries(c.data || {})
      .filter(([k, v]) => typeof v !== 'object' && k !== 'status' && k !== 'loadPercent' && k !== 'reason')
      .map(([k, v]) => k + '=' + v).join('  ');
    const status = c.status || (c.up ? 'UP' : 'DOWN');
    return el('li', {}, [
      el('span', { class: 'badge ' + (status === 'UP' ? 'good' : status === 'DEGRADED' ? 'fair' : 'bad'), text: status }),
      el('strong', { text: c.id }),
      el('span', { class: 'load mono', text: loadText(c.loadPercent) }),
      el('span', { class: 'muted small', text: (c.reason ? c.reason + ' — ' : '') + summary }),
    ]);
  });
  $('health-components').replaceChildren(...items);
  filled('panel-health');
}
