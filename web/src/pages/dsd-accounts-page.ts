/**
 * Accounts within one's scope: create diagnosticians, district officers and enterprise accounts (the generated
 * password is shown once), reset passwords, deactivate and reactivate, and assign enterprises to a diagnostician in
 * bulk — by district, by industry or by a selection. The roles offered follow the user's role; the server decides
 * (a district officer manages only its district's enterprise accounts and assigns only its district's enterprises).
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { api } from '../data/api.js';
import { consoleApi } from '../data/console-api.js';
import {
  ROLE_LABELS,
  type BulkAssign,
  type District,
  type Enterprise,
  type Industry,
  type Role,
  type SessionUser,
  type UserView,
} from '../data/contract.js';
import { consoleStyles } from '../styles/console.js';
import { shared } from '../styles/shared.js';

/** The roles each administrator may create (the server's user-access rule has the last word). */
const CREATABLE: Partial<Record<Role, Role[]>> = {
  admin: ['diagnostician', 'district', 'enterprise', 'bureau', 'admin'],
  bureau: ['diagnostician', 'district', 'enterprise'],
  district: ['enterprise'],
};

@customElement('dsd-accounts-page')
export class DsdAccountsPage extends LitElement {
  static override styles = [shared, consoleStyles];

  @property({ attribute: false }) user!: SessionUser;
  @state() private _users: UserView[] = [];
  @state() private _districts: District[] = [];
  @state() private _industries: Industry[] = [];
  @state() private _roleFilter: Role | '' = '';
  @state() private _newRole: Role = 'diagnostician';
  @state() private _matches: Enterprise[] = [];
  @state() private _notice = '';
  @state() private _secret = '';
  @state() private _error = '';
  /** The diagnostician whose assignments are being edited. */
  @state() private _assignee: UserView | null = null;
  @state() private _assignMode: 'district' | 'industry' | 'selection' = 'district';
  @state() private _candidates: Enterprise[] = [];
  @state() private _assigned = 0;

  override connectedCallback(): void {
    super.connectedCallback();
    this._newRole = CREATABLE[this.user.role]?.[0] ?? 'enterprise';
    Promise.all([api.districts(), api.industries()]).then(
      ([d, i]) => ([this._districts, this._industries] = [d, i]),
      () => undefined,
    );
    void this._load();
  }

  private async _load(): Promise<void> {
    try {
      this._users = (await consoleApi.users(this._roleFilter || undefined)).users;
    } catch (err) {
      this._error = (err as Error).message;
    }
  }

  private _canManage(u: UserView): boolean {
    return (CREATABLE[this.user.role] ?? []).includes(u.role) && u.id !== this.user.id;
  }

  private _say(notice: string, secret = ''): void {
    this._notice = notice;
    this._secret = secret;
    this._error = '';
  }

  private async _run(action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (err) {
      this._error = (err as Error).message;
      this._notice = '';
      this._secret = '';
    }
  }

  private async _create(e: Event): Promise<void> {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const d = new FormData(form);
    const role = this._newRole;
    const num = (k: string) => (d.get(k) ? Number(d.get(k)) : null);
    await this._run(async () => {
      const created = await consoleApi.createUser({
        username: String(d.get('username') ?? '').trim(),
        displayName: String(d.get('displayName') ?? '').trim() || undefined,
        role,
        districtId: role === 'district' ? (this.user.role === 'district' ? this.user.districtId : num('districtId')) : null,
        enterpriseId: role === 'enterprise' ? num('enterpriseId') : null,
      });
      form.reset();
      this._matches = [];
      this._say(`已创建账号 ${created.user.username}（${ROLE_LABELS[created.user.role]}）。初始密码只显示这一次，请安全转交：`, created.generatedPassword ?? '');
      await this._load();
    });
  }

  private async _findEnterprise(q: string): Promise<void> {
    if (q.trim().length < 2) return;
    await this._run(async () => {
      this._matches = (await api.enterprises({ q: q.trim(), pageSize: 20 })).items;
    });
  }

  private _reset(u: UserView): Promise<void> {
    return this._run(async () => {
      if (!confirm(`重置 ${u.displayName}（${u.username}）的密码？其所有登录会话将失效。`)) return;
      const r = await consoleApi.resetPassword(u.id);
      this._say(`已重置 ${u.username} 的密码。新密码只显示这一次，请安全转交：`, r.generatedPassword ?? '');
    });
  }

  private _toggle(u: UserView): Promise<void> {
    return this._run(async () => {
      await consoleApi.patchUser(u.id, { disabled: !u.disabled });
      this._say(u.disabled ? `已启用 ${u.username}。` : `已停用 ${u.username}，其登录会话已失效。`);
      await this._load();
    });
  }

  private async _openAssign(u: UserView): Promise<void> {
    this._assignee = u;
    this._candidates = [];
    await this._run(async () => {
      this._assigned = (await consoleApi.assignments(u.id)).enterprises.length;
    });
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('#assign-h')?.scrollIntoView({ block: 'start' });
  }

  private async _searchCandidates(e: Event): Promise<void> {
    e.preventDefault();
    const d = new FormData(e.currentTarget as HTMLFormElement);
    await this._run(async () => {
      this._candidates = (
        await api.enterprises({
          q: String(d.get('q') ?? '').trim() || undefined,
          district: String(d.get('district') ?? '') || undefined,
          industry: String(d.get('industry') ?? '') || undefined,
          pageSize: 200,
        })
      ).items;
    });
  }

  private async _assign(e: Event): Promise<void> {
    e.preventDefault();
    const u = this._assignee;
    if (!u) return;
    const form = e.currentTarget as HTMLFormElement;
    const d = new FormData(form);
    let body: BulkAssign;
    if (this._assignMode === 'selection') {
      const ids = d.getAll('enterprise').map(Number);
      if (!ids.length) {
        this._error = '请勾选要分配的企业';
        return;
      }
      body = { enterpriseIds: ids };
    } else {
      const districtId = this.user.role === 'district' ? this.user.districtId : d.get('districtId') ? Number(d.get('districtId')) : null;
      body = { districtId: districtId ?? undefined, industry: String(d.get('industry') ?? '') || undefined };
    }
    await this._run(async () => {
      const r = await consoleApi.bulkAssign(u.id, body);
      this._assigned = r.assigned;
      this._say(`已为 ${u.displayName} 分配：符合条件 ${r.matched} 家，新分配 ${r.added} 家；现共负责 ${r.assigned} 家。`);
    });
  }

  override render() {
    const creatable = CREATABLE[this.user.role] ?? [];
    return html`
      <h1>账号管理</h1>
      ${this._error ? html`<p class="alert error" role="alert">${this._error}</p>` : nothing}
      ${this._notice
        ? html`<p class="alert info" role="status">${this._notice}${this._secret ? html` <span class="secret" id="secret">${this._secret}</span>` : nothing}</p>`
        : nothing}
      <section class="panel" aria-labelledby="new-h">
        <header><h2 id="new-h">新建账号</h2></header>
        <form class="grid" @submit=${this._create} id="create">
          <label>角色
            <select name="role" @change=${(e: Event) => (this._newRole = (e.target as HTMLSelectElement).value as Role)}>
              ${creatable.map((r) => html`<option value=${r} ?selected=${r === this._newRole}>${ROLE_LABELS[r]}</option>`)}
            </select>
          </label>
          <label>用户名 <input name="username" required autocomplete="off" pattern="[A-Za-z0-9][A-Za-z0-9._@\\-]{2,63}" title="3–64 位字母、数字或 . _ - @" /></label>
          <label>姓名 <input name="displayName" autocomplete="off" /></label>
          ${this._newRole === 'district' && this.user.role !== 'district'
            ? html`<label>区县
                <select name="districtId" required>
                  <option value="">请选择</option>
                  ${this._districts.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
                </select>
              </label>`
            : nothing}
          ${this._newRole === 'enterprise'
            ? html`<label>查找企业（名称或信用代码）
                  <input type="search" @change=${(e: Event) => this._findEnterprise((e.target as HTMLInputElement).value)} />
                </label>
                <label>企业
                  <select name="enterpriseId" required>
                    <option value="">${this._matches.length ? '请选择' : '先在左侧查找'}</option>
                    ${this._matches.map((m) => html`<option value=${m.id}>${m.name}（${m.districtName}）</option>`)}
                  </select>
                </label>`
            : nothing}
          <div><button type="submit">创建（自动生成初始密码）</button></div>
        </form>
      </section>
      ${this._assignee ? this._assignPanel(this._assignee) : nothing}
      <section class="panel" aria-labelledby="list-h">
        <header>
          <h2 id="list-h">账号（${this._users.length}）</h2>
          <label>角色
            <select @change=${(e: Event) => {
              this._roleFilter = (e.target as HTMLSelectElement).value as Role | '';
              void this._load();
            }}>
              <option value="">全部</option>
              ${(['diagnostician', 'district', 'enterprise', 'bureau', 'admin'] as Role[]).map((r) => html`<option value=${r}>${ROLE_LABELS[r]}</option>`)}
            </select>
          </label>
        </header>
        <div class="table-wrap" tabindex="0">
          <table class="figures" id="users">
            <thead>
              <tr><th scope="col">用户名</th><th scope="col" class="text">姓名</th><th scope="col" class="text">角色</th><th scope="col" class="text">区县 / 企业</th>
                <th scope="col" class="text">状态</th><th scope="col" class="text">最近登录</th><th scope="col" class="text">操作</th></tr>
            </thead>
            <tbody>
              ${this._users.map(
                (u) => html`<tr data-username=${u.username}>
                  <td>${u.username}</td><td class="text">${u.displayName}</td><td class="text">${ROLE_LABELS[u.role]}</td>
                  <td class="text wrap">${u.enterpriseName ?? u.districtName ?? '—'}</td>
                  <td class="text ${u.disabled ? 'muted' : 'ok'}">${u.disabled ? '已停用' : '正常'}</td>
                  <td class="text">${u.lastLoginAt ? u.lastLoginAt.slice(0, 16).replace('T', ' ') : '—'}</td>
                  <td class="text">
                    <div class="row">
                      ${u.role === 'diagnostician'
                        ? html`<button class="secondary" @click=${() => this._openAssign(u)} aria-label="分配企业给 ${u.displayName}">分配企业</button>`
                        : nothing}
                      ${this._canManage(u)
                        ? html`<button class="secondary" @click=${() => this._reset(u)} aria-label="重置密码：${u.username}">重置密码</button>
                            <button class=${u.disabled ? 'secondary' : 'danger'} @click=${() => this._toggle(u)} aria-label="${u.disabled ? '启用' : '停用'} ${u.username}">
                              ${u.disabled ? '启用' : '停用'}
                            </button>`
                        : nothing}
                    </div>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }

  private _assignPanel(u: UserView) {
    const mode = this._assignMode;
    const ownDistrict = this.user.role === 'district';
    return html`<section class="panel" aria-labelledby="assign-h">
      <header>
        <h2 id="assign-h">为 ${u.displayName} 批量分配企业</h2>
        <button class="link" @click=${() => (this._assignee = null)}>关闭</button>
      </header>
      <p>目前负责 <strong id="assigned-count">${this._assigned}</strong> 家企业${ownDistrict ? '（本区县内）' : ''}。分配只增加，不会取消已有分配。</p>
      <div class="row" role="radiogroup" aria-label="分配方式" style="margin-bottom:0.6rem">
        ${(
          [
            ['district', ownDistrict ? '本区县全部企业' : '按区县'],
            ['industry', '按行业'],
            ['selection', '勾选企业'],
          ] as const
        ).map(
          ([m, label]) => html`<label><input type="radio" name="mode" value=${m} .checked=${mode === m} @change=${() => (this._assignMode = m)} /> ${label}</label>`,
        )}
      </div>
      ${mode === 'selection'
        ? html`<form class="inline" @submit=${this._searchCandidates} aria-label="查找企业">
            <label>名称或信用代码 <input type="search" name="q" /></label>
            ${ownDistrict ? nothing : this._districtSelect('district', false)} ${this._industrySelect(false)}
            <button type="submit" class="secondary">查找</button>
          </form>`
        : nothing}
      <form @submit=${this._assign} id="assign">
        ${mode === 'selection'
          ? this._candidates.length
            ? html`<div class="table-wrap" tabindex="0" style="max-height:320px;overflow-y:auto">
                <table class="figures">
                  <thead><tr><th scope="col">选择</th><th scope="col" class="text">企业</th><th scope="col" class="text">区县</th><th scope="col" class="text">行业</th></tr></thead>
                  <tbody>
                    ${this._candidates.map(
                      (c) => html`<tr><td><input type="checkbox" name="enterprise" value=${c.id} aria-label=${c.name} /></td>
                        <td class="text wrap">${c.name}</td><td class="text">${c.districtName}</td><td class="text">${c.industryName}</td></tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
            : html`<p class="muted">先查找企业，再勾选。</p>`
          : html`<div class="inline" style="display:flex;gap:0.6rem;flex-wrap:wrap;align-items:end">
              ${ownDistrict ? nothing : this._districtSelect('districtId', mode === 'district')} ${this._industrySelect(mode === 'industry')}
            </div>`}
        <p><button type="submit">分配</button></p>
      </form>
    </section>`;
  }

  private _districtSelect(name: string, required: boolean) {
    return html`<label style="display:grid;gap:0.2rem">区县
      <select name=${name} ?required=${required}>
        <option value="">${required ? '请选择' : '不限'}</option>
        ${this._districts.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
      </select>
    </label>`;
  }

  private _industrySelect(required: boolean) {
    return html`<label style="display:grid;gap:0.2rem">行业
      <select name="industry" ?required=${required}>
        <option value="">${required ? '请选择' : '不限'}</option>
        ${this._industries.map((i) => html`<option value=${i.code}>${i.name}</option>`)}
      </select>
    </label>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'dsd-accounts-page': DsdAccountsPage;
  }
}
