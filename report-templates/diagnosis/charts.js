/*
 * Fills the report shell with one report and draws its charts, deterministic for print: Chart.js with animation off,
 * fixed canvas sizes, device pixel ratio 2. The renderer calls window.__fill(content) (template.ts `ReportContent`) on
 * a shell page it loaded ahead of time; __fill sets window.__reportReady once the charts are drawn and the fonts are
 * loaded, and the renderer prints only after that flag.
 */
(function () {
  'use strict';
  var font = { family: '"DSD Print Heiti WQY", "WenQuanYi Micro Hei"', size: 11 };
  Chart.defaults.font = font;
  Chart.defaults.color = '#222';
  var common = { animation: false, responsive: false, devicePixelRatio: 2, events: [], plugins: { legend: { display: false }, tooltip: { enabled: false } } };
  // Opaque canvases painted white: Chromium then embeds each chart without a transparency mask (~40 % smaller).
  var white = {
    id: 'white',
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
  function draw(id, config) {
    var el = document.getElementById(id);
    if (!el) return;
    el.getContext('2d', { alpha: false });
    config.plugins = [white];
    new Chart(el, config);
  }
  function drawAll(data) {
  draw('chart-risk', {
    type: 'bar',
    data: { labels: data.riskCounts.labels, datasets: [{ data: data.riskCounts.counts, backgroundColor: ['#b3261e', '#e8710a', '#f2c12e', '#8bc34a'] }] },
    options: Object.assign({}, common, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false }, tooltip: { enabled: false }, title: { display: true, text: '风险条目数（按等级）', font: font } } }),
  });
  draw('chart-pa', {
    type: 'bar',
    data: { labels: data.processAreas.labels, datasets: [{ data: data.processAreas.levels, backgroundColor: '#3f6fb5' }] },
    options: Object.assign({}, common, { indexAxis: 'y', scales: { x: { min: 0, max: 3, ticks: { stepSize: 1 } }, y: { ticks: { autoSkip: false, font: { family: '"DSD Print Heiti WQY", "WenQuanYi Micro Hei"', size: 10 } } } } }),
  });
  draw('chart-dims', {
    type: 'radar',
    data: { labels: data.dimensions.labels, datasets: [{ data: data.dimensions.scores, backgroundColor: 'rgba(63,111,181,0.25)', borderColor: '#3f6fb5', pointRadius: 2 }] },
    options: Object.assign({}, common, { scales: { r: { min: 0, max: 100, ticks: { stepSize: 25, backdropColor: 'transparent', font: { size: 9 } }, pointLabels: { font: font, padding: 8 } } }, layout: { padding: 6 } }),
  });
  }
  window.__fill = function (content) {
    document.title = content.title;
    var style = document.createElement('style');
    style.textContent = content.css;
    document.head.appendChild(style);
    document.body.className = content.bodyClass;
    // The content is the template's escaped HTML; scripts in it would not run (innerHTML), and the CSP allows none.
    document.body.innerHTML = content.bodyHtml;
    // Draw once the heading font is loaded (canvas text does not re-render), then flag ready after every font.
    return document.fonts
      .load('11px "DSD Print Heiti WQY"')
      .then(function () { drawAll(content.charts); })
      .then(function () { return document.fonts.ready; })
      .then(function () { window.__reportReady = true; });
  };
})();
