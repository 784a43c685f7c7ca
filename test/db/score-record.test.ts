/**
 * The stored score result: split into a readable head and a compressed detail whose long texts are stored once, read
 * back equal to what was scored; migration 140 converts rows stored whole and 150 the plain compressed details, and
 * the summary facts the dashboard counts stay as they were.
 */
import { brotliCompressSync, inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/open.js';
import Database from 'better-sqlite3';
import { decodeScore, encodeScore, withScoreTextCache, type StoredScore } from '../../server/db/score-record.js';
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
    const detail = w.app.db.prepare('SELECT detail FROM scores WHERE assessment_id = ?').pluck().get(id);
    w.app.db.prepare(`UPDATE scores SET detail = X'00FF' WHERE assessment_id = ?`).run(id);
    expect(storedScoreHead(w.app.db, id)).toEqual({ questionnaire, scoringModel, variant, profile, summary });
    expect(() => storedScore(w.app.db, id)).toThrow();
    expect(storedScoreHead(w.app.db, 999_999)).toBeUndefined();
    // The later tests read every stored result.
    w.app.db.prepare('UPDATE scores SET detail = ? WHERE assessment_id = ?').run(detail, id);
  });

  it('round-trips any result and keeps a head-only row as it is', () => {
    const db = w.app.db;
    const r = {
      scoringModel: 'x',
      summary: { redlines: 1 },
      findings: [{ itemId: '甲', problem: '问题'.repeat(50), odd: '\u0001不是引用的文字', short: '\u0001', quote: '"\u00011"' }],
    };
    expect(decodeScore(db, encodeScore(db, r))).toEqual(r);
    expect(decodeScore(db, { result: JSON.stringify(r), detail: null })).toEqual(r);
    // A key that would read as a reference is refused rather than read back wrong.
    expect(() => encodeScore(db, { findings: [{ '\u00011': 'x' }] })).toThrow(/U\+0001/);
  });

  it('stores each long text once, however many results quote it', async () => {
    const db = w.app.db;
    const texts = () => db.prepare('SELECT COUNT(*) FROM score_texts').pluck().get() as number;
    const id = await assessmentAt(w, w.ownAuto, 'submitted');
    const scored = storedScore(db, id)!;
    const before = texts();
    const again = encodeScore(db, scored);
    expect(texts()).toBe(before);
    expect(decodeScore(db, again)).toEqual(scored);
    // The texts are not in the stored bytes: smaller than compressing them with the result (this small fixture
    // questionnaire's result is mostly structure; the demo city's details shrink about fourfold).
    const plain = db.prepare('SELECT length(score_detail(?))').pluck().get(JSON.stringify(scored)) as number;
    expect(again.detail!.length).toBeLessThan(plain * 0.8);
    expect(db.prepare('SELECT COUNT(*) FROM score_texts WHERE text = ?').pluck().get(scored.findings[0].problem)).toBe(1);
  });

  it('writes the same columns and texts with the ids remembered (withScoreTextCache) as without', async () => {
    // Two fresh databases encoding the same results in turn: new texts must get the same ids in the same order.
    const results = [
      { scoringModel: 'x', findings: [{ problem: '第一个问题的描述', again: '第一个问题的描述', short: 'ab' }] },
      { scoringModel: 'x', findings: [{ problem: '另一个问题的描述', old: '第一个问题的描述', odd: '\u0001x' }] },
    ];
    const fresh = () => {
      const db = new Database(':memory:');
      db.exec(`CREATE TABLE score_texts (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE);
               CREATE TABLE score_dictionaries (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)`);
      db.prepare('INSERT INTO score_texts (text) VALUES (?)').run('另一个问题的描述');
      return db;
    };
    const plain = fresh();
    const cached = fresh();
    const expected = results.map((r) => encodeScore(plain, r));
    const got = await withScoreTextCache(cached, async () => results.map((r) => encodeScore(cached, r)));
    expect(got).toEqual(expected);
    const rows = (db: Database.Database) => db.prepare('SELECT id, text FROM score_texts ORDER BY id').raw().all();
    expect(rows(cached)).toEqual(rows(plain));
    await expect(withScoreTextCache(cached, async () => encodeScore(cached, { findings: [{ '\u00011': 'x' }] }))).rejects.toThrow(/U\+0001/);
  });

  it('deflates details against one dictionary of the database, and still reads details in brotli (format 2)', async () => {
    const db = w.app.db;
    const ids = [await assessmentAt(w, w.own, 'submitted'), await assessmentAt(w, w.ownAuto, 'submitted')];
    const dictionaries = db.prepare('SELECT id, length(bytes) AS bytes FROM score_dictionaries').all() as { id: number; bytes: number }[];
    expect(dictionaries).toHaveLength(1);
    expect(dictionaries[0].bytes).toBeLessThanOrEqual(32 * 1024);
    for (const id of ids) {
      const row = db.prepare('SELECT detail, detail_format AS format FROM scores WHERE assessment_id = ?').get(id) as { detail: Buffer; format: number };
      expect(row.format).toBe(3);
      expect(row.detail.readUInt32BE(0)).toBe(dictionaries[0].id);
      expect(storedScore(db, id)).toEqual(scoredNow(id));
    }
    // A detail written before, in brotli with its texts referenced, reads the same.
    const [id] = ids;
    const row = db.prepare('SELECT detail FROM scores WHERE assessment_id = ?').pluck().get(id) as Buffer;
    const dictionary = db.prepare('SELECT bytes FROM score_dictionaries WHERE id = ?').pluck().get(row.readUInt32BE(0)) as Buffer;
    const referenced = inflateRawSync(row.subarray(4), { dictionary });
    db.prepare('UPDATE scores SET detail = ?, detail_format = 2 WHERE assessment_id = ?').run(brotliCompressSync(referenced), id);
    expect(storedScore(db, id)).toEqual(scoredNow(id));
    expect(() => db.prepare('DELETE FROM score_dictionaries').run()).toThrow(/append-only/);
  });

  it('migration 150 rewrites plain compressed details with their texts referenced, in scores and in the archive', async () => {
    const db = w.app.db;
    const id = await assessmentAt(w, w.own, 'submitted');
    archiveCopy(id);
    const results = allResults();
    const facts = db.prepare('SELECT * FROM score_facts ORDER BY assessment_id').all();
    toLayoutBefore150();
    expect(db.prepare('SELECT COUNT(*) FROM scores WHERE detail IS NOT NULL').pluck().get()).toBeGreaterThan(0);

    expect(migrate(db)).toEqual(['150-score-texts.sql']);
    expect(allResults()).toEqual(results);
    expect(db.prepare('SELECT COUNT(*) FROM scores WHERE detail_format IS NOT 3').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM score_archive WHERE detail_format IS NOT 3').pluck().get()).toBe(0);
    expect(db.prepare('SELECT * FROM score_facts ORDER BY assessment_id').all()).toEqual(facts);
  });

  it('migration 140 converts results stored whole, in scores and in the archive', async () => {
    const db = w.app.db;
    const id = await assessmentAt(w, w.own, 'submitted');
    const whole = scoredNow(id);
    const facts = db.prepare('SELECT * FROM score_facts WHERE assessment_id = ?').get(id);
    // Back to the layout before the migration, with the result stored whole as it was then.
    toLayoutBefore150();
    db.exec('ALTER TABLE scores DROP COLUMN detail; ALTER TABLE score_archive DROP COLUMN detail');
    db.prepare("DELETE FROM schema_migrations WHERE name = '140-score-detail-compressed.sql'").run();
    db.prepare('UPDATE scores SET result = ? WHERE assessment_id = ?').run(JSON.stringify(whole), id);
    db.prepare('DELETE FROM score_archive WHERE assessment_id = ?').run(id);
    db.prepare(
      `INSERT INTO score_archive (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, scored_at)
       SELECT assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, '1.9.0',
         classification_score, risk_level, maturity_level, maturity_mean, result, scored_at FROM scores WHERE assessment_id = ?`,
    ).run(id);

    expect(migrate(db)).toEqual(['140-score-detail-compressed.sql', '150-score-texts.sql']);
    expect(storedScore(db, id)).toEqual(whole);
    const archived = db.prepare('SELECT result, detail, detail_format AS detailFormat FROM score_archive WHERE assessment_id = ?').get(id) as StoredScore;
    expect(Buffer.isBuffer(archived.detail)).toBe(true);
    expect(archived.detailFormat).toBe(3);
    expect(decodeScore(db, archived)).toEqual(whole);
    expect(db.prepare('SELECT * FROM score_facts WHERE assessment_id = ?').get(id)).toEqual(facts);
  });
});

/** Every stored result, of scores and of the archive, decoded. */
function allResults() {
  const db = w.app.db;
  const rows = (table: string) =>
    (db.prepare(`SELECT result, detail, detail_format AS detailFormat FROM ${table} ORDER BY rowid`).all() as StoredScore[]).map((r) => decodeScore(db, r));
  return { scores: rows('scores'), archive: rows('score_archive') };
}

/** An archived copy of the assessment's score record, as a re-score with another model leaves. */
function archiveCopy(id: number) {
  w.app.db
    .prepare(
      `INSERT INTO score_archive (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result, detail, detail_format, scored_at)
       SELECT assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, '1.9.0',
         classification_score, risk_level, maturity_level, maturity_mean, result, detail, detail_format, scored_at FROM scores WHERE assessment_id = ?`,
    )
    .run(id);
}

/** Every stored result back in the plain compressed detail of migration 140, and the schema as before migration 150. */
function toLayoutBefore150() {
  const db = w.app.db;
  const results = allResults();
  for (const [table, list] of [
    ['scores', results.scores],
    ['score_archive', results.archive],
  ] as const) {
    const keys = db.prepare(`SELECT rowid FROM ${table} ORDER BY rowid`).pluck().all() as number[];
    const set = db.prepare(`UPDATE ${table} SET result = score_head(?), detail = score_detail(?), detail_format = NULL WHERE rowid = ?`);
    keys.forEach((key, i) => set.run(JSON.stringify(list[i]), JSON.stringify(list[i]), key));
  }
  db.exec('ALTER TABLE scores DROP COLUMN detail_format; ALTER TABLE score_archive DROP COLUMN detail_format; DROP TABLE score_texts');
  db.prepare("DELETE FROM schema_migrations WHERE name = '150-score-texts.sql'").run();
}
