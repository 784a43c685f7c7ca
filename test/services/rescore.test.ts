/**
 * Re-scoring keeps the old record, and scoring reads the evidence basis and the variant stored with the assessment.
 * Runs the services on the assessment test world (fixture questionnaires, real database).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORING_MODEL_VERSION, type ScoreResult } from '../../server/domain/scoring/index.js';
import { applyAnswerBatch } from '../../server/services/answers.js';
import { createAssessment, storedScore, submitAssessment } from '../../server/services/assessments.js';
import { outdatedScores, rescoreAssessment, rescoreBatch, scoredAssessmentsAfter } from '../../server/services/rescore.js';
import { createEnterprise } from '../helpers/enterprises.js';
import { assessmentAt, completeAnswers, createWorld, type World } from '../routes/assessments/world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

describe('rescore', () => {
  it('re-scores with the current model into a new record and archives the old one', async () => {
    const id = await assessmentAt(w, w.own, 'submitted');
    const db = w.app.db;
    db.prepare(`UPDATE scores SET scoring_model = '1.1.0', result = '{"old":true}' WHERE assessment_id = ?`).run(id);
    expect(outdatedScores(db)).toContain(id);

    const r = rescoreAssessment(db, w.app.questionnaires, id, w.app.now());
    expect(r).toMatchObject({ assessmentId: id, before: '1.1.0', after: SCORING_MODEL_VERSION });
    expect(storedScore(db, id)!.scoringModel).toBe(SCORING_MODEL_VERSION);
    const archived = db.prepare('SELECT scoring_model AS model, result FROM score_archive WHERE assessment_id = ?').all(id);
    expect(archived).toEqual([{ model: '1.1.0', result: '{"old":true}' }]);
    expect(outdatedScores(db)).not.toContain(id);
  });

  it('refuses a draft', () => {
    const a = createAssessment(w.app.db, w.app.questionnaires, w.users.admin.user, { enterpriseId: w.other, kind: 'field' }, w.app.now());
    expect(() => rescoreAssessment(w.app.db, w.app.questionnaires, a.id, w.app.now())).toThrow('仍是草稿');
  });
});

describe('rescore in batches', () => {
  it('re-scores a batch, archives only records of another model, keeps the quick variant and lists what it cannot score', async () => {
    const db = w.app.db;
    const user = w.users.admin.user;
    const oldModel = await assessmentAt(w, w.own, 'submitted');
    const current = await assessmentAt(w, w.ownAuto, 'submitted');
    const quick = createAssessment(db, w.app.questionnaires, user, { enterpriseId: createEnterprise(w.app, '朝阳区', { name: '长春批量重评测试有限公司' }), kind: 'field', variant: 'quick' }, w.app.now());
    const q = w.app.questionnaires.get(quick.questionnaireId, quick.questionnaireVersion)!;
    applyAnswerBatch(db, q, user, quick.id, { batchId: randomUUID(), baseVersion: 0, answers: completeAnswers('none') }, w.app.now());
    submitAssessment(db, w.app.questionnaires, user, quick.id, w.app.now());
    db.prepare(`UPDATE scores SET scoring_model = '1.1.0' WHERE assessment_id = ?`).run(oldModel);
    const draftId = createAssessment(db, w.app.questionnaires, user, { enterpriseId: createEnterprise(w.app, '南关区', { name: '长春批量重评草稿有限公司' }), kind: 'field' }, w.app.now()).id;
    const archived = (id: number) => db.prepare('SELECT COUNT(*) FROM score_archive WHERE assessment_id = ?').pluck().get(id);
    const before = { current: archived(current), quick: archived(quick.id) };

    const out = rescoreBatch(db, w.app.questionnaires, [oldModel, current, quick.id, draftId], '2026-05-01T00:00:00.000Z');
    expect(out.rescored).toBe(3);
    expect(out.skipped).toEqual([{ assessmentId: draftId, reason: expect.stringContaining('仍是草稿') }]);
    expect(archived(oldModel)).toBeGreaterThan(0);
    expect({ current: archived(current), quick: archived(quick.id) }).toEqual(before);
    expect(storedScore(db, quick.id)!.variant).toBe('quick');
    expect(db.prepare('SELECT scored_at FROM scores WHERE assessment_id = ?').pluck().get(current)).toBe('2026-05-01T00:00:00.000Z');
    // The batches walk every scored assessment in id order and never a draft.
    const ids = scoredAssessmentsAfter(db, 0, 1000);
    expect(ids).toEqual(expect.arrayContaining([oldModel, current, quick.id]));
    expect(ids).not.toContain(draftId);
    expect(scoredAssessmentsAfter(db, oldModel, 1)[0]).toBeGreaterThan(oldModel);
  });
});

describe('rescore in batches, with a failure in the middle', () => {
  it('a skipped assessment that added a text takes it back, and the next one of the batch stores that text itself', () => {
    const db = w.app.db;
    const user = w.users.admin.user;
    const submitted = (district: string, name: string) => {
      const a = createAssessment(db, w.app.questionnaires, user, { enterpriseId: createEnterprise(w.app, district, { name }), kind: 'field' }, w.app.now());
      const q = w.app.questionnaires.get(a.questionnaireId, a.questionnaireVersion)!;
      applyAnswerBatch(db, q, user, a.id, { batchId: randomUUID(), baseVersion: 0, answers: completeAnswers('none') }, w.app.now());
      submitAssessment(db, w.app.questionnaires, user, a.id, w.app.now());
      return a.id;
    };
    const failing = submitted('朝阳区', '长春重评中断测试有限公司');
    const next = submitted('南关区', '长春重评续行测试有限公司');
    // A remark written after submission: its text is in no score yet, so re-scoring either adds it.
    const note = `备份介质在重评时才登记 ${randomUUID()}`;
    for (const id of [failing, next])
      db.prepare(`INSERT INTO item_marks (assessment_id, item_id, note, updated_by) VALUES (?, 'ctl.backup', ?, ?)`).run(id, note, user.id);
    // The first fails after its score (and the new text) were written, inside its own savepoint.
    db.exec(`CREATE TEMP TRIGGER rescore_fails BEFORE UPDATE ON scores WHEN NEW.assessment_id = ${failing} BEGIN SELECT RAISE(ABORT, '模拟故障'); END`);
    try {
      const out = rescoreBatch(db, w.app.questionnaires, [failing, next], '2026-05-02T00:00:00.000Z');
      expect(out).toEqual({ rescored: 1, skipped: [{ assessmentId: failing, reason: expect.stringContaining('模拟故障') }] });
    } finally {
      db.exec('DROP TRIGGER rescore_fails');
    }
    expect((storedScore(db, next) as ScoreResult).findings.find((f) => f.itemId === 'ctl.backup')).toMatchObject({ note });
    expect(db.prepare('SELECT COUNT(*) FROM score_texts WHERE text = ?').pluck().get(note)).toBe(1);
    expect((storedScore(db, failing) as ScoreResult).findings.find((f) => f.itemId === 'ctl.backup')!.note).toBeUndefined();
  });
});

describe('answer metadata in the score', () => {
  it('shows the evidence basis of an answer with its finding, and keeps it when a later batch omits it', () => {
    const db = w.app.db;
    const user = w.users.admin.user;
    const a = createAssessment(db, w.app.questionnaires, user, { enterpriseId: w.ownAuto, kind: 'field' }, w.app.now());
    const q = w.app.questionnaires.get(a.questionnaireId, a.questionnaireVersion)!;
    const answers = completeAnswers('none').map((c) => (c.itemId === 'ctl.backup' ? { ...c, basis: 'onsite' as const } : c));
    applyAnswerBatch(db, q, user, a.id, { batchId: randomUUID(), baseVersion: 0, answers }, w.app.now());
    applyAnswerBatch(db, q, user, a.id, { batchId: randomUUID(), baseVersion: 1, answers: [{ itemId: 'ctl.backup', value: 'none', note: '现场未见备份介质' }] }, w.app.now());
    submitAssessment(db, w.app.questionnaires, user, a.id, w.app.now());
    const result = storedScore(db, a.id) as ScoreResult;
    expect(result.findings.find((f) => f.itemId === 'ctl.backup')).toMatchObject({ basis: 'onsite', note: '现场未见备份介质' });
    expect(result.summary.evidence.onsite).toBe(1);
    expect(result.variant).toBe('full');
  });

  it('scores the variant chosen at the start: the quick one asks only items tagged tier: quick', async () => {
    const db = w.app.db;
    const user = w.users.admin.user;
    const a = createAssessment(db, w.app.questionnaires, user, { enterpriseId: createEnterprise(w.app, '朝阳区', { name: '长春快速诊断测试有限公司' }), kind: 'field', variant: 'quick' }, w.app.now());
    const q = w.app.questionnaires.get(a.questionnaireId, a.questionnaireVersion)!;
    applyAnswerBatch(db, q, user, a.id, { batchId: randomUUID(), baseVersion: 0, answers: completeAnswers('none') }, w.app.now());
    submitAssessment(db, w.app.questionnaires, user, a.id, w.app.now());
    const result = storedScore(db, a.id) as ScoreResult;
    expect(result.variant).toBe('quick');
    // none of the fixture's control items is tagged quick: nothing is scored, so nothing is found
    expect(result.findings).toEqual([]);
    expect(result.maturity.maxLevel).toBe(2);
  });
});
