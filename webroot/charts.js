// Charts over time for the admin console: uPlot (served by the node from its WebJar at
// /admin/vendor/uplot/, nothing from elsewhere). Each chart keeps a bounded ring of points per
// series, fed by the `snapshot` events; rates come from the difference of two consecutive
// snapshots' totals (a total that went down — a restarted node — gives no point, not a spike).
// Each chart is added to the panel whose data it shows, so the HTML of the panels stays as it is.
'use strict';

(() => {
  const POINTS = 180;                    // three minutes at one snapshot a second
  const HEIGHT = 150;
  const COLOURS = ['#c45a12', '#1a6fb5', '#17804a', '#8a3fb0', '#a3252c', '#4d5566', '#0f7d86', '#8c6a00'];
  const times = [];                      // seconds since the epoch (uPlot's time scale)
  let previous = null;

  const section = (s, name) => (s && s[name] && s[name].available !== false ? s[name] : null);
  const rate = (now, before, dt) => (now === undefined || before === undefined || dt <= 0 || now < before ? null : (now - before) / dt);
  const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

  // id, panel it goes to, title (also the accessible name), unit, and the series values of one snapshot
  const definitions = [
    { id: 'chart-storage', panel: 'panel-storage', title: 'Storage operations per second', unit: 'op/s',
      values: (s, p, dt) => {
        const st = section(s, 'storage'), ps = section(p, 'storage');
        return { reads: st && ps ? rate(st.reads, ps.reads, dt) : null, writes: st && ps ? rate(st.writes + st.batches, ps.writes + ps.batches, dt) : null };
      } },
    { id: 'chart-dht', panel: 'panel-dht', title: 'DHT lookup latency', unit: 'ms',
      values: (s) => { const d = section(s, 'dht'); return { p50: d && num(d.getLatencyP50Ms), p99: d && num(d.getLatencyP99Ms) }; } },
    { id: 'chart-time', panel: 'panel-time', title: 'Time drift per source', unit: 'ms',
      values: (s) => {
        const t = section(s, 'time');
        const out = {};
        (t ? t.sources : []).forEach((src) => { out[src.name] = num(src.offsetMs); });
        return out;
      } },
    { id: 'chart-framing', panel: 'panel-framing', title: 'Framing parse success', unit: '%',
      values: (s, p) => {
        const f = section(s, 'framing'), pf = section(p, 'framing');
        let interval = null;
        if (f && pf && f.parsed >= pf.parsed && f.rejected >= pf.rejected && f.parsed + f.rejected > pf.parsed + pf.rejected) {
          interval = 100 * (f.parsed - pf.parsed) / (f.parsed - pf.parsed + f.rejected - pf.rejected);
        }
        return { overall: f ? 100 * f.parseSuccessRate : null, 'this interval': interval };
      } },
    { id: 'chart-pipes', panel: 'panel-pipes', title: 'Pipe throughput', unit: 'msg/s',
      values: (s, p, dt) => {
        const sum = (x, field) => (x ? x.pipes.reduce((a, pipe) => a + pipe[field], 0) : undefined);
        const pi = section(s, 'pipes'), pp = section(p, 'pipes');
        return { out: pi && pp ? rate(sum(pi, 'messagesSent'), sum(pp, 'messagesSent'), dt) : null,
          in: pi && pp ? rate(sum(pi, 'messagesReceived'), sum(pp, 'messagesReceived'), dt) : null };
      } },
    { id: 'chart-tokens', panel: 'panel-tokens', title: 'Tokens minted per second', unit: 'tokens/s',
      values: (s, p, dt) => {
        const t = section(s, 'tokens'), pt = section(p, 'tokens');
        return { minted: t && pt ? rate(t.minted, pt.minted, dt) : null };
      } },
    { id: 'chart-transactions', panel: 'panel-transactions', title: 'Transfer success and abort rate', unit: '%',
      values: (s) => {
        const t = section(s, 'transactions');
        return { success: t && 100 * t.successRate, abort: t && 100 * t.abortRate };
      } },
    { id: 'chart-attestations', panel: 'panel-attestations', title: 'Attestations per minute', unit: '/min',
      values: (s, p, dt) => {
        const a = section(s, 'attestations'), pa = section(p, 'attestations');
        const both = a && pa;
        return { created: both ? 60 * rate(a.created.ok, pa.created.ok, dt) : null,
          verified: both ? 60 * rate(a.verifications.valid + a.verifications.invalid, pa.verifications.valid + pa.verifications.invalid, dt) : null };
      } },
    { id: 'chart-eggs', panel: 'panel-eggs', title: 'Eggs by stage', unit: 'eggs',
      values: (s) => {
        const e = section(s, 'eggs');
        const out = {};
        Object.entries(e ? e.byStage : {}).forEach(([stage, n]) => { out[stage.toLowerCase()] = num(n); });
        return out;
      } },
    { id: 'chart-health', panel: 'panel-health', title: 'Component load', unit: '%',
      values: (s) => {
        const out = {};
        ((s.health && s.health.components) || []).forEach((c) => { out[c.id] = num(c.loadPercent); });
        return out;
      } },
  ];

  const charts = definitions.map((d) => ({ ...d, series: new Map(), plot: null, figure: null, host: null }));

  function figureFor(chart) {
    if (chart.figure) return chart.figure;
    const panel = document.getElementById(chart.panel);
    if (!panel) return null;
    const host = el('div', { class: 'chart-host', id: chart.id, role: 'img', 'aria-label': chart.title + ' over the last minutes (' + chart.unit + ')' });
    chart.figure = el('figure', { class: 'chart' }, [el('figcaption', { class: 'label', text: chart.title + ' (' + chart.unit + ')' }), host]);
    chart.host = host;
    panel.appendChild(chart.figure);
    new ResizeObserver(() => {
      if (chart.plot) chart.plot.setSize({ width: width(chart), height: HEIGHT });
    }).observe(chart.figure);
    return chart.figure;
  }

  function width(chart) {
    return Math.max(120, Math.floor(chart.figure.clientWidth));
  }

  function data(chart) {
    return [times, ...[...chart.series.values()]];
  }

  function build(chart) {
    if (chart.plot) chart.plot.destroy();
    const names = [...chart.series.keys()];
    chart.plot = new uPlot({
      width: width(chart),
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { show: false },
      scales: { x: { time: true } },
      axes: [{ stroke: '#4d5566', grid: { stroke: '#e3e6ec' } }, { stroke: '#4d5566', grid: { stroke: '#e3e6ec' }, size: 56 }],
      series: [{}, ...names.map((name, i) => ({ label: name, stroke: COLOURS[i % COLOURS.length], width: 1.5, spanGaps: false, points: { show: false } }))],
    }, data(chart), chart.host);
  }

  function record(s) {
    const dt = previous ? (s.atMs - previous.atMs) / 1000 : 0;
    times.push(s.atMs / 1000);
    const drop = times.length > POINTS ? 1 : 0;
    if (drop) times.shift();
    charts.forEach((chart) => {
      let values = {};
      try {
        values = chart.values(s, previous, dt) || {};
      } catch (e) {
        console.warn('chart ' + chart.id + ' skipped a snapshot', e);
      }
      let changed = false;
      Object.keys(values).forEach((name) => {
        if (!chart.series.has(name)) {
          chart.series.set(name, new Array(times.length - 1 + drop).fill(null));
          changed = true;
        }
      });
      chart.series.forEach((ring, name) => {
        ring.push(name in values ? values[name] : null);
        if (drop) ring.shift();
      });
      if (!figureFor(chart)) return;
      if (changed || !chart.plot) build(chart); else chart.plot.setData(data(chart));
    });
    previous = s;
  }

  // read by the browser tests and handy in the developer tools
  window.juiceCharts = () => charts.map((c) => ({
    id: c.id, panel: c.panel, series: [...c.series.keys()], points: times.length,
    values: [...c.series.values()].reduce((n, ring) => n + ring.filter((v) => v !== null).length, 0),
    canvas: Boolean(c.host && c.host.querySelector('canvas')),
  }));

  juicePanels.push(record);
})();
