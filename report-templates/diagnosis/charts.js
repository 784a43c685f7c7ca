/*
 * Fills the report shell with one report and draws its charts, deterministic for print: Chart.js with animation off,
 * fixed canvas sizes, device pixel ratio 2. Each chart is drawn again in `beforeprint`: Chromium records what a canvas
 * draws during that event and prints it as vector paths and text in the embedded fonts, instead of a bitmap (a
 * report's three charts went from about 125 KB of images to a few KB, and print sharp at any zoom). The renderer
 * calls window.__fill(content) (template.ts `ReportContent`) on a shell page it loaded ahead of time; __fill sets
 * window.__reportReady once the charts are drawn and the fonts are loaded, and the renderer prints only after that.
 */
(function () {
  'use strict';
  // The headings' 黑体 in the same order (print.css): chart text then embeds from the same small First copy.
  var family = '"DSD First Heiti WQY", "DSD Print Heiti WQY", "WenQuanYi Micro Hei"';
  var font = { family: family, size: 11 };
  Chart.defaults.font = font;
  Chart.defaults.color = '#222';
  var common = { animation: false, responsive: false, devicePixelRatio: 2, events: [], plugins: { legend: { display: false }, tooltip: { enabled: false } } };
  var charts = [];
  function draw(id, config) {
    var el = document.getElementById(id);
    if (!el) return;
    charts.push(new Chart(el, config));
  }
  window.addEventListener('beforeprint', function () {
    charts.forEach(function (chart) { chart.draw(); });
  });
  function drawAll(data) {
  draw('chart-risk', {
    type: 'bar',
    data: { labels: data.riskCounts.labels, datasets: [{ data: data.riskCounts.counts, backgroundColor: ['#b3261e', '#e8710a', '#f2c12e', '#8bc34a'] }] },
    options: Object.assign({}, common, { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false }, tooltip: { enabled: false }, title: { display: true, text: '风险条目数（按等级）', font: Object.assign({}, font, { weight: 'normal' }) } } }),
  });
  draw('chart-pa', {
    type: 'bar',
    data: { labels: data.processAreas.labels, datasets: [{ data: data.processAreas.levels, backgroundColor: '#3f6fb5' }] },
    options: Object.assign({}, common, { indexAxis: 'y', scales: { x: { min: 0, max: 3, ticks: { stepSize: 1 } }, y: { ticks: { autoSkip: false, font: { family: family, size: 10 } } } } }),
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
      .load('11px "DSD First Heiti WQY"')
      .then(function () { drawAll(content.charts); })
      .then(function () { return document.fonts.ready; })
      .then(function () { window.__reportReady = true; });
  };
})();
