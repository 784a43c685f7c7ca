import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../../server/app.js';
import { answerHistory } from '../../../server/services/answers.js';
import { batch, completeAnswers, createWorld, draft, type World } from './world.js';

let w: World;
let id: number;
const put = (body: unknown, as = w.users.entOwn) => w.call(as, 'PUT', `/api/assessments/${id}/answers`, body);
const stored = () => w.call(w.users.entOwn, 'GET', `/api/assessments/${id}`).then((r) => r.body);
// Changes as the history shows them (an item's first answer is its answer row until the item changes again).
const historyCount = () => answerHistory(w.app.db, id).length;

beforeEach(async () => {
  w = await createWorld();
  id = await draft(w, w.users.entOwn, w.own, 'self');
});
afterEach(async () => {
  await w.close();
});

describe('saving answer batches', () => {
  it('applies a batch: answers, notes, history, version', async () => {
    const r = await put(batch(0, [
      { itemId: 'profile.size', value: 'small', note: '按 2024 年报' },
      { itemId: 'data.inventory', value: [{ type: 'design.drawings' }] },
    ]));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ version: 1, changedItems: ['data.inventory', 'profile.size'] /* item order */ });
    const a = await stored();
    expect(a.version).toBe(1);
    expect(a.answers['profile.size']).toBe('small');
    expect(a.notes['profile.size']).toBe('按 2024 年报');
    // Stored with the schema defaults applied, as scoring sees it.
    expect(a.answers['data.inventory'][0]).toMatchObject({ type: 'design.drawings', held: true, scale: 'enterprise' });
    const h = await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/history?itemId=profile.size`);
    expect(h.body).toEqual([expect.objectContaining({ itemId: 'profile.size', oldValue: null, newValue: 'small', userId: w.users.entOwn.user.id })]);
  });

  it('records how an answer was established (basis): kept when a later batch omits it, shown with the finding', async () => {
    const answers = completeAnswers().map((c) => (c.itemId === 'ctl.backup' ? { ...c, basis: 'document' } : c));
    expect((await put(batch(0, answers))).status).toBe(200);
    expect((await put(batch(1, [{ itemId: 'ctl.backup', value: 'none', note: '未见备份记录' }]))).status).toBe(200);
    expect((await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`)).status).toBe(200);
    const score = (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/score`)).body;
    expect(score.findings.find((f: { itemId: string }) => f.itemId === 'ctl.backup')).toMatchObject({ basis: 'document', note: '未见备份记录' });
    expect(score.summary.evidence.document).toBe(1);
  });

  it('clears a basis with null and refuses an unknown one', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small', basis: 'onsite' }]));
    const basisOf = () => w.app.db.prepare(`SELECT basis FROM answers WHERE assessment_id = ? AND item = (SELECT id FROM item_keys WHERE item_id = 'profile.size')`).pluck().get(id);
    expect(basisOf()).toBe(1); // onsite, by its number
    await put(batch(1, [{ itemId: 'profile.size', value: 'small', basis: null }]));
    expect(basisOf()).toBeNull();
    const bad = await put(batch(2, [{ itemId: 'profile.size', value: 'small', basis: 'hearsay' }]));
    expect(bad.status).toBe(400);
    expect((await stored()).version).toBe(2);
  });

  it('keeps a note when it is omitted, and clears an answer with null', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small', note: '备注' }]));
    await put(batch(1, [{ itemId: 'profile.size', value: 'large' }]));
    expect((await stored()).notes['profile.size']).toBe('备注');
    await put(batch(2, [{ itemId: 'profile.size', value: null }]));
    const a = await stored();
    expect(a.answers).not.toHaveProperty('profile.size');
    const h = (await w.call(w.users.entOwn, 'GET', `/api/assessments/${id}/history?itemId=profile.size`)).body;
    expect(h.map((x: { oldValue: unknown; newValue: unknown }) => [x.oldValue, x.newValue])).toEqual([[null, 'small'], ['small', 'large'], ['large', null]]);
  });

  it('replays a batch already applied: same result, one history row, same version', async () => {
    const b = batch(0, [{ itemId: 'profile.size', value: 'small' }]);
    const first = await put(b);
    const second = await put(b);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(historyCount()).toBe(1);
    expect((await stored()).version).toBe(1);
    // Even after submission the client's outbox may resend: still the same answer, nothing changes.
    await put(batch(1, completeAnswers()));
    expect((await w.call(w.users.entOwn, 'POST', `/api/assessments/${id}/submit`)).status).toBe(200);
    expect((await put(b)).body).toEqual(first.body);
  });

  it('refuses a batch id reused with different content with 409, and keeps the first content', async () => {
    const first = await put(batch(0, [{ itemId: 'profile.size', value: 'small' }], 'batch-reused'));
    expect(first.status).toBe(200);
    const changed = await put(batch(0, [{ itemId: 'profile.size', value: 'large' }], 'batch-reused'));
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('batch_id_reused');
    expect(changed.body.error.message).toMatch(/批次/);
    expect((await stored()).answers['profile.size']).toBe('small');
    // The same content under the same id is still a harmless replay.
    const again = await put(batch(0, [{ itemId: 'profile.size', value: 'small' }], 'batch-reused'));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('answers a stale batch touching a changed item with 409, the differing values, and loses nothing', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small' }, { itemId: 'profile.staff', value: 10 }]));
    // Device A saved version 1 → 2.
    await put(batch(1, [{ itemId: 'profile.size', value: 'large' }]));
    // Device B, still on version 1, edits the same item differently.
    const r = await put(batch(1, [{ itemId: 'profile.size', value: 'small' }, { itemId: 'profile.staff', value: 12 }]));
    expect(r.status).toBe(409);
    expect(r.body.error.details).toEqual({ currentVersion: 2, conflicts: [{ itemId: 'profile.size', serverValue: 'large', yourValue: 'small' }] });
    expect(r.body.error.message).toMatch(/已被他人或其他设备修改/);
    const a = await stored();
    expect(a.version).toBe(2);
    expect(a.answers['profile.size']).toBe('large');
    expect(a.answers['profile.staff']).toBe(10);
    // After choosing, the client resends on the current version.
    expect((await put(batch(2, [{ itemId: 'profile.size', value: 'small' }]))).status).toBe(200);
  });

  it('merges non-overlapping batches from two devices based on the same version', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small' }]));
    const a = await put(batch(1, [{ itemId: 'profile.staff', value: 50 }]));
    const b = await put(batch(1, [{ itemId: 'profile.internet', value: true }]), w.users.entOwn);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.version).toBe(3);
    const s = await stored();
    expect(s.answers).toMatchObject({ 'profile.size': 'small', 'profile.staff': 50, 'profile.internet': true });
  });

  it('applies a stale batch whose overlapping items already hold the same values', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small' }]));
    await put(batch(1, [{ itemId: 'profile.size', value: 'large' }]));
    const r = await put(batch(1, [{ itemId: 'profile.size', value: 'large' }, { itemId: 'profile.staff', value: 3 }]));
    expect(r.status).toBe(200);
    expect(r.body.changedItems).toEqual(['profile.staff']);
  });

  it('rolls the whole batch back when a statement late in the transaction fails', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small' }]));
    // The version bump is the last write of a batch: make it fail, as a crash at that point would.
    w.app.db.exec(`CREATE TRIGGER test_fail_bump BEFORE UPDATE OF version ON assessments
                   BEGIN SELECT RAISE(ABORT, 'simulated failure'); END`);
    const r = await put(batch(1, [{ itemId: 'profile.size', value: 'large' }, { itemId: 'profile.staff', value: 7 }], 'batch-that-fails'));
    expect(r.status).toBe(500);
    w.app.db.exec('DROP TRIGGER test_fail_bump');
    const a = await stored();
    expect(a.version).toBe(1);
    expect(a.answers).toEqual({ 'profile.size': 'small' });
    expect(historyCount()).toBe(1);
    expect(w.app.db.prepare(`SELECT COUNT(*) FROM answer_batches WHERE batch_id = 'batch-that-fails'`).pluck().get()).toBe(0);
    // The client's retry of the same batch then applies normally.
    expect((await put(batch(1, [{ itemId: 'profile.size', value: 'large' }], 'batch-that-fails'))).status).toBe(200);
  });

  it('keeps answer history append-only', async () => {
    await put(batch(0, [{ itemId: 'profile.size', value: 'small' }]));
    expect(historyCount()).toBe(1);
    await put(batch(1, [{ itemId: 'profile.size', value: 'large' }]));
    // The first answer is written down as a row of its own once the item changes.
    expect(w.app.db.prepare('SELECT COUNT(*) FROM answer_history WHERE assessment_id = ?').pluck().get(id)).toBe(2);
    expect(() => w.app.db.prepare(`UPDATE answer_history SET new_value = '"large"'`).run()).toThrow(/append-only/);
    expect(() => w.app.db.prepare('DELETE FROM answer_history').run()).toThrow(/append-only/);
    expect(historyCount()).toBe(2);
  });
});

describe('refusing bad batches', () => {
  it('names an unknown item (400) and stores nothing of the batch', async () => {
    const r = await put(batch(0, [{ itemId: 'profile.size', value: 'small' }, { itemId: 'nope.item', value: 1 }]));
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain('nope.item');
    expect(r.body.error.details.problems).toEqual([expect.objectContaining({ itemId: 'nope.item' })]);
    expect((await stored()).version).toBe(0);
  });

  it('validates each value against its item with a Chinese message', async () => {
    const r = await put(batch(0, [
      { itemId: 'profile.size', value: 'huge' },
      { itemId: 'profile.staff', value: -1 },
      { itemId: 'profile.systems', value: ['erp', 'none'] },
      { itemId: 'ctl.first_responsible', value: 'na' },
    ]));
    expect(r.status).toBe(400);
    const byItem = Object.fromEntries(r.body.error.details.problems.map((p: { itemId: string; message: string }) => [p.itemId, p.message]));
    expect(Object.keys(byItem).sort()).toEqual(['ctl.first_responsible', 'profile.size', 'profile.staff', 'profile.systems']);
    expect(byItem['profile.size']).toContain('应为以下选项之一');
    expect(byItem['profile.staff']).toContain('不能小于 0');
    expect(byItem['ctl.first_responsible']).toContain('不允许选择不适用');
  });

  it('refuses direct values for evidence items, duplicate items, bad batch ids', async () => {
    const ev = await put(batch(0, [{ itemId: 'ctl.policy_file', value: [] }]));
    expect(ev.status).toBe(400);
    expect(ev.body.error.message).toContain('上传');
    expect((await put(batch(0, [{ itemId: 'profile.size', value: 'small' }, { itemId: 'profile.size', value: 'large' }]))).status).toBe(400);
    expect((await put(batch(0, [{ itemId: 'profile.size', value: 'small' }], '../../x'))).status).toBe(400);
    expect((await put({ batchId: 'abcdefgh1', baseVersion: 0, answers: [] })).status).toBe(400);
    expect((await put({ batchId: 'abcdefgh1', baseVersion: 0, answers: [{ itemId: 'profile.size', value: 'small' }], extra: 1 })).status).toBe(400);
  });

  it('refuses null for an evidence item, which would clear its answer while the files stay', async () => {
    const boundary = 'b0undary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
      Buffer.from('%PDF-1.4\n%%EOF\n'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const up = await w.app.inject({
      method: 'POST',
      url: `/api/assessments/${id}/evidence/ctl.policy_file`,
      headers: { ...w.users.entOwn.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(up.statusCode).toBe(201);
    const r = await put(batch(1, [{ itemId: 'ctl.policy_file', value: null }]));
    expect(r.status).toBe(400);
    expect(r.body.error.details.problems).toEqual([expect.objectContaining({ itemId: 'ctl.policy_file' })]);
    const a = await stored();
    expect(a.version).toBe(1);
    expect(a.answers['ctl.policy_file']).toHaveLength(1);
  });

  it('keeps remarks and 待核实 flags of evidence and unanswered items, apart from the values and their history', async () => {
    const boundary = 'b0undary';
    const up = await w.app.inject({
      method: 'POST',
      url: `/api/assessments/${id}/evidence/ctl.policy_file`,
      headers: { ...w.users.entOwn.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n`),
        Buffer.from('%PDF-1.4\n%%EOF\n'),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]),
    });
    expect(up.statusCode).toBe(201);
    const before = historyCount();
    const r = await put(batch(1, [
      { itemId: 'ctl.policy_file', note: '制度文件为复印件，原件待核', flagged: true },
      { itemId: 'profile.staff', note: '人数以社保缴纳名单为准' },
      { itemId: 'ctl.backup', value: 'partial', flagged: true },
    ]));
    expect(r.status).toBe(200);
    let a = await stored();
    expect(a.notes).toEqual({ 'ctl.policy_file': '制度文件为复印件，原件待核', 'profile.staff': '人数以社保缴纳名单为准' });
    expect(a.flags).toEqual(['ctl.backup', 'ctl.policy_file']);
    expect(a.answers['ctl.policy_file']).toHaveLength(1);
    expect(a.answers).not.toHaveProperty('profile.staff');
    // Only the value change is history.
    expect(historyCount()).toBe(before + 1);
    // Omitted marks are kept, a cleared value keeps its remark, false and '' clear.
    await put(batch(2, [{ itemId: 'ctl.backup', value: null }, { itemId: 'ctl.policy_file', flagged: false }, { itemId: 'profile.staff', note: '' }]));
    a = await stored();
    expect(a.notes).toEqual({ 'ctl.policy_file': '制度文件为复印件，原件待核' });
    expect(a.flags).toEqual(['ctl.backup']);
    const empty = await put(batch(3, [{ itemId: 'profile.staff' }]));
    expect(empty.status).toBe(400);
  });

  it('answers malformed JSON and oversize bodies with 4xx, never 500', async () => {
    const raw = (payload: string, type = 'application/json') =>
      w.app.inject({ method: 'PUT', url: `/api/assessments/${id}/answers`, headers: { ...w.users.entOwn.headers, 'content-type': type }, payload });
    expect((await raw('{"batchId": ')).statusCode).toBe(400);
    expect((await raw('')).statusCode).toBe(400);
    expect((await raw('batchId=1', 'application/x-www-form-urlencoded')).statusCode).toBe(415);
    const huge = JSON.stringify(batch(0, [{ itemId: 'ctl.remark', value: 'x'.repeat(BODY_LIMIT_BYTES) }]));
    const r = await raw(huge);
    expect(r.statusCode).toBe(413);
    expect(r.json().error.message).toContain('过大');
    expect((await w.call(w.users.entOwn, 'GET', '/api/assessments/abc')).status).toBe(400);
    expect((await w.call(w.users.entOwn, 'GET', '/api/assessments/99999')).status).toBe(404);
  });
});
