/**
 * Copies an enterprise's generated story to another enterprise of the same industry and size: its assessments with
 * their answers, answer batch, events and score, and its findings with every rectification step — row for row as
 * the services stored them for the first one, in SQL. The second enterprise's own facts replace the first one's where
 * a row holds them: its name, credit code and district in the profile answers, its id, and the people (its enterprise
 * account, its diagnostician, its district's officer) in every author column. The summary tables follow through
 * their triggers, as they do for the services' writes.
 *
 * Used for a large city (`DemoOptions.storiesPerKind`): a story told through the services costs about 33 ms an
 * assessment, a copied one a small fraction of that, and a city of 100,000 assessments needs only a few thousand told.
 */
import type { Db } from '../db/open.js';
import type { AnswerBatch } from '../schemas/assessments.js';
import { batchContent, contentHash } from '../services/answers.js';

/** The people of a story: the first enterprise's and their counterparts for the second (ids of `users`). */
export type Cast = ReadonlyMap<number, number>;

/** The facts of the enterprise a story is copied to that its profile answers hold. */
export interface StoryTarget {
  id: number;
  name: string;
  creditCode: string;
  districtCode: string;
}

/** How many rows a copied story added. */
export interface CopiedStory {
  assessments: { id: number; status: string }[];
  rectifications: number;
}

/** Up to three people are recast in a story; unused pairs map nobody (id 0). */
const CAST_SIZE = 3;
const recast = (column: string) =>
  `CASE ${column} ${Array.from({ length: CAST_SIZE }, (_, i) => `WHEN :from${i} THEN :to${i}`).join(' ')} ELSE ${column} END`;

/** The profile items whose answers are the enterprise's own registered facts (by the questionnaire items' roles). */
export interface ProfileItems {
  name: string;
  creditCode: string;
  district: string;
}

/**
 * Prepares the copy statements once; the returned function copies one story. `batches` holds, per assessment told
 * through the services, the answer batch it was filled with, so that a copy's batch gets the hash of its own
 * content (the replay guard of `answer_batches`).
 */
export function storyCopier(db: Db, profile: ProfileItems, batches: ReadonlyMap<number, AnswerBatch>) {
  const s = {
    assessments: db.prepare('SELECT id, status FROM assessments WHERE enterprise_id = ? ORDER BY id'),
    assessment: db.prepare(
      `INSERT INTO assessments (enterprise_id, kind, status, questionnaire_id, questionnaire_version, version, created_by, created_at,
         updated_at, submitted_at, submitted_by, reviewed_at, reviewed_by, issued_at, issued_by, variant)
       SELECT :enterprise, kind, status, questionnaire_id, questionnaire_version, version, ${recast('created_by')}, created_at,
         updated_at, submitted_at, ${recast('submitted_by')}, reviewed_at, ${recast('reviewed_by')}, issued_at, ${recast('issued_by')}, variant
       FROM assessments WHERE id = :from`,
    ),
    answers: db.prepare(
      `INSERT INTO answers (assessment_id, item, value, basis, version, updated_by, updated_at)
       SELECT :to, item, CASE item WHEN :nameItem THEN :name WHEN :codeItem THEN :code WHEN :districtItem THEN :district ELSE value END,
         basis, version, ${recast('updated_by')}, updated_at
       FROM answers WHERE assessment_id = :from ORDER BY item`,
    ),
    batches: db.prepare(
      `INSERT INTO answer_batches (assessment_id, batch_id, base_version, result_version, user_id, applied_at, content_sha256)
       SELECT :to, CASE batch_id WHEN :fromBatch THEN :toBatch ELSE batch_id END, base_version, result_version,
         ${recast('user_id')}, applied_at, CASE batch_id WHEN :fromBatch THEN :hash ELSE content_sha256 END
       FROM answer_batches WHERE assessment_id = :from`,
    ),
    history: db.prepare(
      `INSERT INTO answer_history (assessment_id, version, item_id, old_value, new_value, user_id, batch_id, changed_at)
       SELECT :to, version, item_id, old_value, new_value, ${recast('user_id')},
         CASE batch_id WHEN :fromBatch THEN :toBatch ELSE batch_id END, changed_at
       FROM answer_history WHERE assessment_id = :from ORDER BY id`,
    ),
    events: db.prepare(
      `INSERT INTO assessment_events (assessment_id, action, from_status, to_status, reason, user_id, at)
       SELECT :to, action, from_status, to_status, reason, ${recast('user_id')}, at FROM assessment_events WHERE assessment_id = :from ORDER BY id`,
    ),
    score: db.prepare(
      `INSERT INTO scores (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model, classification_score,
         risk_level, maturity_level, maturity_mean, result, scored_at, detail, detail_format)
       SELECT :to, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model, classification_score,
         risk_level, maturity_level, maturity_mean, result, scored_at, detail, detail_format
       FROM scores WHERE assessment_id = :from`,
    ),
    lastRectification: db.prepare('SELECT COALESCE(MAX(id), 0) FROM rectifications').pluck(),
    // With the facts the copy's assessment gives them (work start, stage, district, enterprise): inserted right, they
    // are not rewritten by the trigger that completes a finding inserted without them (migration 187).
    rectifications: db.prepare(
      `INSERT INTO rectifications (id, assessment_id, item_id, status, note, status_date, updated_by, updated_at, confirmed_by, confirmed_at,
         priority, section_id, due_date, work_start, stage, district_id, enterprise_id)
       SELECT :base + ROW_NUMBER() OVER (ORDER BY r.id), :to, r.item_id, r.status, r.note, r.status_date, ${recast('r.updated_by')}, r.updated_at,
         ${recast('r.confirmed_by')}, r.confirmed_at, r.priority, r.section_id, r.due_date, f.work_start, f.stage, f.district_id, f.enterprise_id
       FROM rectifications r JOIN rectification_facts f ON f.assessment_id = :to WHERE r.assessment_id = :from ORDER BY r.id`,
    ),
    steps: db.prepare(
      `INSERT INTO rectification_history (rectification_id, seq, old_status, new_status, note, user_id, changed_at, due_date)
       SELECT :base + m.rn, h.seq, h.old_status, h.new_status, h.note, ${recast('h.user_id')}, h.changed_at, h.due_date
       FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS rn FROM rectifications WHERE assessment_id = :from) m
       JOIN rectification_history h ON h.rectification_id = m.id ORDER BY m.rn, h.seq`,
    ),
  };

  const itemKey = db.prepare('SELECT id FROM item_keys WHERE item_id = ?').pluck();
  const batchHash = batchHasher(profile, batches);
  // Item numbers exist once an answer to the item is stored: looked up at the first copy, after the first stories.
  let keys: { nameItem: number; codeItem: number; districtItem: number } | undefined;

  return function copyStory(fromEnterprise: number, to: StoryTarget, cast: Cast): CopiedStory {
    keys ??= {
      nameItem: (itemKey.get(profile.name) as number | undefined) ?? -1,
      codeItem: (itemKey.get(profile.creditCode) as number | undefined) ?? -1,
      districtItem: (itemKey.get(profile.district) as number | undefined) ?? -1,
    };
    if (cast.size > CAST_SIZE) throw new Error(`a story recasts at most ${CAST_SIZE} people`);
    const people: Record<string, number> = {};
    [...cast].forEach(([from, onto], i) => Object.assign(people, { [`from${i}`]: from, [`to${i}`]: onto }));
    for (let i = cast.size; i < CAST_SIZE; i++) Object.assign(people, { [`from${i}`]: 0, [`to${i}`]: 0 });
    const facts = {
      ...keys,
      name: JSON.stringify(to.name),
      code: JSON.stringify(to.creditCode),
      district: JSON.stringify(to.districtCode),
    };
    const copied: CopiedStory = { assessments: [], rectifications: 0 };
    for (const { id: from, status } of s.assessments.all(fromEnterprise) as { id: number; status: string }[]) {
      const id = Number(s.assessment.run({ ...people, enterprise: to.id, from }).lastInsertRowid);
      const pair = { ...people, from, to: id };
      s.answers.run({ ...pair, ...facts });
      // The generator's batch ids are `demo-<assessment id>` (bound as text: a number would bind as a real, 'demo-1.0').
      const batchIds = { fromBatch: `demo-${from}`, toBatch: `demo-${id}` };
      s.batches.run({ ...pair, ...batchIds, hash: batchHash(from, to) });
      s.history.run({ ...pair, ...batchIds });
      s.events.run(pair);
      s.score.run({ from, to: id });
      const base = s.lastRectification.get() as number;
      copied.rectifications += s.rectifications.run({ ...pair, base }).changes;
      s.steps.run({ ...pair, base });
      copied.assessments.push({ id, status });
    }
    return copied;
  };
}

/** Stand-ins for the copy's own facts in a told batch's content, replaced by each copy's values as JSON strings. */
const STAND_IN = { name: '\u0000name\u0000', creditCode: '\u0000creditCode\u0000', district: '\u0000district\u0000' } as const;

/**
 * The hashes of copied batches: each is the told batch's content with the copy's own facts, and the told batch's
 * canonical JSON is made once (with stand-ins) rather than once a copy.
 */
function batchHasher(profile: ProfileItems, batches: ReadonlyMap<number, AnswerBatch>) {
  const standInOf = new Map<string, string>([
    [profile.name, STAND_IN.name],
    [profile.creditCode, STAND_IN.creditCode],
    [profile.district, STAND_IN.district],
  ]);
  const contents = new Map<number, string>();
  return (from: number, to: StoryTarget): string | null => {
    const batch = batches.get(from);
    if (!batch) return null;
    let content = contents.get(from);
    if (content === undefined) {
      content = batchContent({ ...batch, answers: batch.answers.map((a) => (standInOf.has(a.itemId) ? { ...a, value: standInOf.get(a.itemId)! } : a)) });
      contents.set(from, content);
    }
    return contentHash(
      content
        .replace(JSON.stringify(STAND_IN.name), () => JSON.stringify(to.name))
        .replace(JSON.stringify(STAND_IN.creditCode), () => JSON.stringify(to.creditCode))
        .replace(JSON.stringify(STAND_IN.district), () => JSON.stringify(to.districtCode)),
    );
  };
}
