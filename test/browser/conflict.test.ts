/**
 * Two people on one assessment change the same item: the second gets the conflict view (both values side by side,
 * with who changed the server's and when), chooses, and the chosen value wins while the other stays in the history.
 * Also: a second user on the same browser profile never sends the first user's unsent work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, inApp, itemSel, setOffline, textOf, waitForOutboxEntry, waitForText } from '../helpers/web.js';
import { apiGet, assignedEnterprise, choose, createBrowserWorld, createFieldAssessment, sessionFor, signIn, type BrowserWorld } from './world.js';

const badge = inApp('dsd-questionnaire-page >>> dsd-sync-badge');

describe('conflicts and users sharing a device', () => {
  let w: BrowserWorld;
  beforeAll(async () => {
    w = await createBrowserWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  it('shows the conflict per item and lets the person keep their value; the other stays in the history', { timeout: 60_000 }, async () => {
    const id = await createFieldAssessment(w, w.enterprises.own, w.users.diag.id);
    const a = await (await w.browser.createBrowserContext()).newPage();
    const b = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, a, w.users.diag.id);
    await signIn(w, b, w.users.diag2.id);
    await b.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(b, badge, '已同步');
    await a.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await choose(a, 'profile.size', 'large');
    for (let i = 0; i < 300; i++) {
      if ((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers['profile.size'] === 'large') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await waitForText(a, badge, '已同步');

    // B still works on the version it loaded: its change of the same item conflicts.
    await choose(b, 'profile.size', 'small');
    await waitForText(b, badge, '有冲突');
    const view = inApp('dsd-questionnaire-page >>> dsd-conflict-view');
    await waitForText(b, view, 'ui-diag ·');
    const text = await textOf(b, view);
    expect(text).toContain('企业规模');
    expect(text).toContain('大型');
    expect(text).toContain('小型');
    await expectAccessible(b, 'conflict view');

    // The second choice of the item is "keep mine".
    const radios = await b.$$(`${view} >>> input[name="c-profile.size"]`);
    await radios[1].click();
    await b.locator(`${view} >>> section > button`).click();
    await waitForText(b, badge, '已同步');

    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.answers['profile.size']).toBe('small');
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history?itemId=profile.size`)) as { newValue: unknown; userName: string }[];
    expect(history.map((h) => [h.userName, h.newValue])).toEqual([
      ['ui-diag', 'large'],
      ['ui-diag2', 'small'],
    ]);
    await a.browserContext().close();
    await b.browserContext().close();
  });

  it('still sends the remark and flag of an item whose value the person gives up for the server\'s', { timeout: 60_000 }, async () => {
    const enterprise = assignedEnterprise(w, w.users.diag.id, { name: '长春冲突备注测试有限公司' });
    const id = await createFieldAssessment(w, enterprise, w.users.diag.id);
    const page = await (await w.browser.createBrowserContext()).newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步');

    // Offline, the person answers an item, flags it and writes a remark; meanwhile the same item changes on the server.
    await setOffline(w.browser, page, true);
    await choose(page, 'profile.size', 'small');
    const size = itemSel('profile.size');
    await page.locator(`${size} >>> .extras input[type=checkbox]`).click();
    await page.locator(`${size} >>> .extras button.link`).click();
    await page.locator(`${size} >>> textarea[id="note-profile.size"]`).fill('以营业执照和年报为准');
    await page.keyboard.press('Tab');
    await waitForOutboxEntry(page, 'profile.size');
    const other = await w.app.inject({
      method: 'PUT',
      url: `/api/assessments/${id}/answers`,
      headers: sessionFor(w, w.users.diag.id),
      payload: { batchId: 'other-device-1', baseVersion: 0, answers: [{ itemId: 'profile.size', value: 'large' }] },
    });
    expect(other.statusCode).toBe(200);

    await setOffline(w.browser, page, false);
    await waitForText(page, badge, '有冲突', 30_000);
    const view = inApp('dsd-questionnaire-page >>> dsd-conflict-view');
    // The first choice of the item is the server's value.
    const radios = await page.$$(`${view} >>> input[name="c-profile.size"]`);
    await radios[0].click();
    await page.locator(`${view} >>> section > button`).click();
    await waitForText(page, badge, '已同步', 30_000);

    const stored = await apiGet(w, w.users.diag.id, `/api/assessments/${id}`);
    expect(stored.answers['profile.size']).toBe('large');
    expect(stored.notes['profile.size']).toBe('以营业执照和年报为准');
    expect(stored.flags).toContain('profile.size');
    await page.browserContext().close();
  });

  it('keeps one user’s unsent work when another logs in on the same browser, and sends it only as its author', { timeout: 60_000 }, async () => {
    const id = await createFieldAssessment(w, w.enterprises.other, w.users.diag.id);
    const context = await w.browser.createBrowserContext();
    const page = await context.newPage();
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步');
    await setOffline(w.browser, page, true);
    await choose(page, 'profile.size', 'large');
    await waitForOutboxEntry(page, 'profile.size');

    // The session ends (expired on the server) and another diagnostician logs in on this browser.
    w.app.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(w.users.diag.id);
    await setOffline(w.browser, page, false);
    await signIn(w, page, w.users.diag2.id);
    await page.goto(`${w.base}/work`, { waitUntil: 'networkidle0' });
    await waitForText(page, inApp('.notice'), '其他用户尚未同步的内容（ui-diag：1 项）');
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await apiGet(w, w.users.diag.id, `/api/assessments/${id}`)).answers).toEqual({});

    // Its author logs in again: the change is sent, under the author's name.
    await signIn(w, page, w.users.diag.id);
    await page.goto(`${w.base}/assessments/${id}`, { waitUntil: 'networkidle0' });
    await waitForText(page, badge, '已同步');
    const history = (await apiGet(w, w.users.diag.id, `/api/assessments/${id}/history`)) as { itemId: string; userName: string }[];
    expect(history.map((h) => [h.itemId, h.userName])).toEqual([['profile.size', 'ui-diag']]);
    await context.close();
  });
});
