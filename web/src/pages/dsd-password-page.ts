/** Changing one's own password (the server ends the other sessions of the account). */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, api } from '../data/api.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-password-page')
export class DsdPasswordPage extends LitElement {
  static override styles = [
    shared,
    css`
      form { display: grid; gap: 0.8rem; max-width: 26rem; }
      label { display: grid; gap: 0.25rem; font-weight: 600; }
    `,
  ];

  @state() private _message: { kind: 'error' | 'info'; text: string } | null = null;

  override render() {
    return html`
      <h1>修改密码</h1>
      <form class="card" @submit=${this._submit} novalidate>
        <label>当前密码<input name="current" type="password" autocomplete="current-password" /></label>
        <label>新密码<input name="next" type="password" autocomplete="new-password" /></label>
        <label>再次输入新密码<input name="again" type="password" autocomplete="new-password" /></label>
        ${this._message ? html`<p class="alert ${this._message.kind}" role=${this._message.kind === 'error' ? 'alert' : 'status'}>${this._message.text}</p>` : ''}
        <div><button type="submit">保存新密码</button></div>
      </form>
    `;
  }

  private async _submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const d = new FormData(form);
    const [current, next, again] = ['current', 'next', 'again'].map((k) => String(d.get(k) ?? ''));
    if (!current || !next) return void (this._message = { kind: 'error', text: '请填写当前密码和新密码' });
    if (next !== again) return void (this._message = { kind: 'error', text: '两次输入的新密码不一致' });
    try {
      await api.changePassword(current, next);
      form.reset();
      this._message = { kind: 'info', text: '密码已修改。其他设备上的登录已失效。' };
    } catch (err) {
      this._message = { kind: 'error', text: err instanceof ApiError ? err.message : '修改失败，请稍后重试' };
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-password-page': DsdPasswordPage;
  }
}
