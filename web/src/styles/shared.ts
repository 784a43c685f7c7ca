/** Styles shared by the components' shadow roots: buttons, form controls, tags, messages. */
import { css } from 'lit';

export const shared = css`
  :host { box-sizing: border-box; }
  *, *::before, *::after { box-sizing: border-box; }
  h1, h2, h3 { line-height: 1.3; margin: 0 0 0.5em; }
  h1 { font-size: 1.4rem; }
  h2 { font-size: 1.2rem; }
  h3 { font-size: 1.05rem; }
  a { color: var(--dsd-primary); }
  button, .button {
    font: inherit; min-height: 2.5rem; padding: 0.4rem 0.9rem; border-radius: var(--dsd-radius);
    border: 1px solid var(--dsd-primary); background: var(--dsd-primary); color: #fff; cursor: pointer;
    text-decoration: none; display: inline-flex; align-items: center; gap: 0.3rem; white-space: nowrap;
  }
  button:hover, .button:hover { background: var(--dsd-primary-dark); }
  button.secondary, .button.secondary { background: var(--dsd-surface); color: var(--dsd-primary); }
  button.secondary:hover, .button.secondary:hover { background: #e8f0fa; }
  button.danger { background: var(--dsd-surface); color: var(--dsd-danger); border-color: var(--dsd-danger); }
  button.link { background: none; border: none; color: var(--dsd-primary); padding: 0.2rem 0.3rem; min-height: 0; text-decoration: underline; }
  button:disabled { opacity: 0.55; cursor: not-allowed; }
  :focus-visible { outline: 3px solid #f0a400; outline-offset: 2px; }
  input, select, textarea {
    font: inherit; color: inherit; padding: 0.4rem 0.55rem; border: 1px solid var(--dsd-border);
    border-radius: var(--dsd-radius); background: #fff; min-height: 2.5rem; max-width: 100%;
  }
  textarea { width: 100%; min-height: 4.5rem; resize: vertical; }
  /* What the user may look at but not change reads as such (disabled radios and selects grey themselves). */
  input[readonly], textarea[readonly], select:disabled { background: #eef1f5; color: var(--dsd-muted); }
  label { cursor: pointer; }
  .card { background: var(--dsd-surface); border: 1px solid var(--dsd-border); border-radius: var(--dsd-radius); padding: 1rem; }
  .muted { color: var(--dsd-muted); }
  .error { color: var(--dsd-danger); }
  /* A figure marked as a problem keeps its colour when it is also a link (still underlined). */
  .error a { color: inherit; }
  .warning { color: var(--dsd-warning); }
  .ok { color: var(--dsd-ok); }
  .tag { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.85rem; border: 1px solid currentColor; white-space: nowrap; }
  .alert { padding: 0.6rem 0.8rem; border-radius: var(--dsd-radius); border: 1px solid; margin: 0.5rem 0; }
  .alert.error { background: #fdecea; border-color: #f1b0ab; }
  .alert.warning { background: #fff6e0; border-color: #e8c56d; }
  .alert.info { background: #e8f0fa; border-color: #a9c4e6; color: var(--dsd-text); }
  .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  /* A file input shown as a button with Chinese text (the browser's own control speaks the browser's language). */
  .file-picker { position: relative; cursor: pointer; }
  .file-picker:has(input:focus-visible) { outline: 3px solid #f0a400; outline-offset: 2px; }
  .file-picker.disabled { opacity: 0.55; cursor: not-allowed; }
`;
