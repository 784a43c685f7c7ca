/**
 * Styles of the console pages: figure tables that scroll sideways inside their own box on a narrow screen (never
 * the page), the section cards with their export links, and the forms of the administration pages.
 */
import { css } from 'lit';

export const consoleStyles = css`
  .table-wrap { overflow-x: auto; max-width: 100%; -webkit-overflow-scrolling: touch; border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); background: var(--dsd-surface); }
  table.figures { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
  table.figures th, table.figures td { padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--dsd-border); text-align: right; white-space: nowrap; }
  table.figures th:first-child, table.figures td:first-child, table.figures .text { text-align: left; }
  table.figures td.wrap, table.figures th.wrap { white-space: normal; min-width: 12rem; }
  table.figures thead th { background: #e9eef4; font-weight: 600; position: sticky; top: 0; }
  table.figures tfoot th, table.figures tfoot td { font-weight: 600; background: #f4f6f9; }
  table.figures caption { text-align: left; font-weight: 600; padding: 0.5rem 0.6rem; }
  section.panel { background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 1rem; margin-bottom: 1.2rem; min-width: 0; }
  section.panel > header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.4rem 1rem; margin-bottom: 0.6rem; }
  section.panel h2 { margin: 0; }
  section.panel h3 { margin: 1rem 0 0.4rem; }
  h1 .muted { font-size: 0.95rem; font-weight: normal; white-space: nowrap; }
  .export { font-size: 0.9rem; white-space: nowrap; }
  .grid2 { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
  @media (max-width: 900px) { .grid2 { grid-template-columns: minmax(0, 1fr); } }
  form.inline { display: flex; flex-wrap: wrap; gap: 0.6rem; align-items: end; margin-bottom: 1rem; }
  form.inline label, form.grid label { display: grid; gap: 0.2rem; font-size: 0.9rem; min-width: 0; }
  form.inline label.file-picker { display: inline-flex; font-size: inherit; }
  form.grid select, form.grid input:not([type='checkbox']):not([type='radio']) { width: 100%; }
  table.figures .row { flex-wrap: nowrap; }
  form.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.7rem; align-items: end; }
  form.grid .full { grid-column: 1 / -1; }
  .figures-row { display: flex; flex-wrap: wrap; gap: 0.8rem; margin-bottom: 1rem; }
  .figure { background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 0.6rem 0.9rem; min-width: 9rem; }
  .figure .value { font-size: 1.5rem; font-weight: 700; display: block; }
  .figure .what { color: var(--dsd-muted); font-size: 0.9rem; }
  @media (max-width: 600px) {
    .figures-row { gap: 0.5rem; }
    .figure { min-width: 0; flex: 1 1 28%; padding: 0.4rem 0.6rem; }
    .figure .value { font-size: 1.2rem; }
    .figure .what { font-size: 0.8rem; }
  }
  .pager { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.6rem; flex-wrap: wrap; }
  .secret { font-family: monospace; background: #fff6e0; padding: 0.1rem 0.4rem; border-radius: 4px; user-select: all; }
`;

/** A share (0–1) as a Chinese page writes it. */
export const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
