/**
 * The stored score result: split into a readable head and a compressed detail, read back equal to what was scored;
 * migration 140 converts rows stored whole, and the summary facts the dashboard counts stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import { decodeScore, encodeScore } from '../../server/db/score-record.js';
import { validateAnswers } from '../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { scoringInput, storedScore, storedScoreHead } from '../../server/services/assessments.js';
import { assessmentAt, createWorld, type World } from '../routes/assessments/world.js';

let w: World;
beforeAll(async () => {
  w = await createWorld();
});
afterAll(() => w.close());

/** What the scoring engine gives for the assessment's stored answers now. */
function scoredNow(id: number) {
  const a = w.app.db.prepare('SELECT questionnaire_id AS qid, questionnaire_version AS v FROM assessments WHERE id = ?').get(id) as { qid: string; v: string };
  const q = w.app.questionnaires.get(a.qid, a.v)!;
  const input = scoringInput(w.app.db, id);
  return score(q, validateAnswers(q, input.answers).answers, input.options);
}

describe('stored score result', () => {
  it('reads back equal to the result scored at submit, with the bulk compressed', async () => {
    const id = await assessmentAt(w, w.ownAuto, 'submitted');
    const row = w.app.db.prepare('SELECT result, detail, typeof(detail) AS type FROM scores WHERE assessment_id = ?').get(id) as {
      result: string;
      detail: Buffer;
      type: string;
    };
    const scored = scoredNow(id);
    expect(storedScore(w.app.db, id)).toEqual(scored);
    expect(row.type).toBe('blob');
    // The readable part carries what SQL reads and none of the bulk.
    expect(JSON.parse(row.result)).toEqual({
      questionnaire: scored.questionnaire,
      scoringModel: scored.scoringModel,
      variant: scored.variant,
      profile: scored.profile,
      summary: scored.summary,
    });
    expect(row.detail.length).toBeLessThan(JSON.stringify(scored).length / 2);
  });

  it('gives the head (scoring model, variant, summary) without reading the compressed detail', async () => {
    const id = await assessmentAt(w, w.own, 'submitted');
    const scored = scoredNow(id);
    const { questionnaire, scoringModel, variant, profile, summary } = scored;
    // Bytes that are no brotli stream: reading them would throw.
    w.app.db.prepare(`UPDATE scores SET detail = X'00FF' WHERE assessment_id = ?`).run(id);
    expect(storedScoreHead(w.app.db, id)).toEqual({ questionnaire, scoringModel, variant, profile, summary });
    expect(() => storedScore(w.app.db, id)).toThrow();
    expect(storedScoreHead(w.app.db, 999_999)).toBeUndefined();
  });

  it('round-trips any result and keeps a head-only row as it is', () => {
    const r = { scoringModel: 'x', summary: { redlines: 1 }, findings: [{ itemId: '甲', problem: '问题'.repeat(50) }] };
    expect(decodeScore(encodeScore(r))).toEqual(r);
    expect(decodeScore({ result: JSON.stringify(r), detail: null })).toEqual(r);
  });

  it('migration 140 converts results stored whole, in scores and in the archive', async () => {
    const db = w.app.db;
    const id = await assessmentAt(w, w.own, 'submitted');
    const whole = scoredNow(id);
    const facts = db.prepare('SELECT * FROM score_facts WHERE assessment_id = ?').get(id);
    // Back to the layout before the migration, with the result stored whole as it was then.
    db.exec('ALTER TABLE scores DROP COLUMN detail; ALTER TABLE score_archive DROP COLUMN detail');
    db.prepare("DELETE FROM schema_migrations WHERE name = '140-score-detail-compressed.sql'").run();
    db.prepare('UPDATE scores SET result = ? WHERE assessment_id = ?').run(JSON.stringify(whole), id);
    db.prepare(
      `INSERT INTO score_archive (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, scored_at)
       SELECT assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, '1.9.0',
         classification_score, risk_level, maturity_level, maturity_mean, result, scored_at FROM scores WHERE assessment_id = ?`,
    ).run(id);

    expect(migrate(db)).toEqual(['140-score-detail-compressed.sql']);
    expect(storedScore(db, id)).toEqual(whole);
    const archived = db.prepare('SELECT result, detail FROM score_archive WHERE assessment_id = ?').get(id) as { result: string; detail: Buffer };
    expect(Buffer.isBuffer(archived.detail)).toBe(true);
    expect(decodeScore(archived)).toEqual(whole);
    expect(db.prepare('SELECT * FROM score_facts WHERE assessment_id = ?').get(id)).toEqual(facts);
  });
});
