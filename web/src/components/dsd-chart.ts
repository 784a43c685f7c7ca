/**
 * A bar or line chart drawn by Chart.js, which loads on first use as its own chunk. The chart is a picture of the
 * table that always stands beside it (role="img" with a label); it never carries figures the table lacks.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import type { Chart } from 'chart.js';

export interface ChartSeries {
  label: string;
  data: number[];
  color: string;
}

@customElement('dsd-chart')
export class DsdChart extends LitElement {
  static override styles = css`
    :host { display: block; position: relative; height: var(--dsd-chart-height, 260px); }
    canvas { max-width: 100%; }
  `;

  /** bar, stacked bar or line. */
  @property() type: 'bar' | 'stacked' | 'line' = 'bar';
  /** What the chart shows, read out instead of the drawing. */
  @property() label = '';
  /** Category labels along the x axis (or y for horizontal bars). */
  @property({ attribute: false }) labels: string[] = [];
  @property({ attribute: false }) series: ChartSeries[] = [];
  /** Bars drawn left to right (long category names). */
  @property({ type: Boolean }) horizontal = false;
  /** Values are shares (0–1), shown as percentages. */
  @property({ type: Boolean }) percent = false;

  @query('canvas') private _canvas!: HTMLCanvasElement;
  private _chart?: Chart;

  override render() {
    return html`<canvas role="img" aria-label=${this.label}></canvas>`;
  }

  override updated(changed: PropertyValues): void {
    if (changed.has('labels') || changed.has('series') || changed.has('type')) void this._draw();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._chart?.destroy();
    this._chart = undefined;
  }

  private async _draw(): Promise<void> {
    const { Chart } = await import('../data/charts.js');
    this._chart?.destroy();
    const stacked = this.type === 'stacked';
    const pct = this.percent;
    const valueAxis = { stacked, beginAtZero: true, ticks: pct ? { callback: (v: number | string) => `${Math.round(Number(v) * 100)}%` } : {} };
    this._chart = new Chart(this._canvas, {
      type: this.type === 'line' ? 'line' : 'bar',
      data: {
        labels: this.labels,
        datasets: this.series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.color,
          borderColor: s.color,
          pointRadius: 2,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        indexAxis: this.horizontal ? 'y' : 'x',
        scales: this.horizontal ? { x: valueAxis, y: { stacked } } : { x: { stacked }, y: valueAxis },
        plugins: {
          legend: { display: this.series.length > 1, position: 'bottom' },
          tooltip: pct ? { callbacks: { label: (c) => `${c.dataset.label}：${(Number(c.raw) * 100).toFixed(1)}%` } } : {},
        },
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-chart': DsdChart;
  }
}
