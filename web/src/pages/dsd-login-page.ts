/**
 * Login. Shows the server's own messages (wrong password, account locked for some minutes, too many attempts) as
 * they are, in Chinese; after login the shell opens the page that was asked for or the role's start page.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ApiError } from '../data/api.js';
import { login } from '../data/session.js';
import { shared } from '../styles/shared.js';

@customElement('dsd-login-page')
export class DsdLoginPage extends LitElement {
  static override styles = [
    shared,
    css`
      :host { display: grid; gap: 1.5rem; grid-template-columns: minmax(0, 1fr) minmax(0, 24rem); align-items: start; }
      form { display: grid; gap: 0.8rem; }
      form label { display: grid; gap: 0.25rem; font-weight: 600; }
      form input { width: 100%; }
      ul { padding-left: 1.2rem; }
      @media (max-width: 760px) { :host { grid-template-columns: 1fr; } .intro { order: 2; } }
    `,
  ];

  /** A message from the shell, e.g. that the session expired. */
  @property() notice = '';
  @state() private _error = '';
  @state() private _busy = false;

  override render() {
    return html`
      <section class="intro">
        <h1>数安诊断</h1>
        <p>工业领域数据安全诊断与自评估工具。</p>
        <ul>
          <li><strong>诊断人员</strong>：入企现场填写数字安全调研表，网络中断也不丢答案；</li>
          <li><strong>企业</strong>：开展自评估，查看问题与整改建议，下载诊断报告；</li>
          <li><strong>区县工信部门</strong>与市工信局：跟踪诊断覆盖率与结果。</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="login-title">
        <h2 id="login-title">登录</h2>
        ${this.notice ? html`<p class="alert info" role="status">${this.notice}</p>` : ''}
        <form @submit=${this._submit} novalidate>
          <label>用户名<input name="username" autocomplete="username" required /></label>
          <label>密码<input name="password" type="password" autocomplete="current-password" required /></label>
          ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : ''}
          <button type="submit" ?disabled=${this._busy}>${this._busy ? '正在登录…' : '登录'}</button>
        </form>
      </section>
    `;
  }

  private async _submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!username || !password) {
      this._error = '请输入用户名和密码';
      return;
    }
    this._busy = true;
    this._error = '';
    try {
      await login(username, password);
    } catch (err) {
      this._error = err instanceof ApiError ? err.message : '登录失败，请稍后重试';
      form.querySelector<HTMLInputElement>('input[name=password]')!.value = '';
    } finally {
      this._busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-login-page': DsdLoginPage;
  }
}
