/**
 * "What would raise the level next": bringing the plan's items to 符合 reaches the next enterprise level, dropping any
 * one of them does not (the list holds only what is needed), red lines come first, and nothing is proposed at the top.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../../server/domain/questionnaire/answers.js';
import { validateAnswers, validateAnswersFile } from '../../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../../server/domain/scoring/index.js';
import { compliantAnswer, nextLevelPlan } from '../../../server/domain/scoring/next-level.js';
import { checkQuestionnaireDir } from '../../../server/services/questionnaire-loader.js';

const { questionnaires } = checkQuestionnaireDir(fileURLToPath(new URL('../../../questionnaires', import.meta.url)));

function fixture(name: string) {
  const file = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/answers/${name}.json`, import.meta.url)), 'utf8'));
  const { file: parsed } = validateAnswersFile(questionnaires, file);
  const q = questionnaires.find((x) => x.id === parsed!.questionnaire)!;
  return { q, answers: validateAnswers(q, parsed!.answers).answers };
}

function levelWith(q: ReturnType<typeof fixture>['q'], answers: Answers, ids: string[]): number {
  const changed: Record<string, unknown> = { ...answers };
  for (const id of ids) changed[id] = compliantAnswer(q.itemById.get(id)!.def);
  return score(q, changed as Answers).maturity.level;
}

describe('nextLevelPlan', () => {
  it.each(['core-low', 'core-mid', 'steel-low', 'steel-mid', 'auto-mid', 'software-low'])('gives %s the fewest items that reach the next level', (name) => {
    const { q, answers } = fixture(name);
    const plan = nextLevelPlan(q, answers);
    const current = score(q, answers).maturity;
    expect(plan.currentLevel).toBe(current.level);
    if (plan.targetLevel === null) {
      expect(current.level).toBe(current.maxLevel);
      return;
    }
    expect(plan.targetLevel).toBe(current.level + 1);
    expect(plan.reachable).toBe(true);
    expect(plan.items.length).toBeGreaterThan(0);
    const ids = plan.items.map((i) => i.itemId);
    expect(levelWith(q, answers, ids)).toBeGreaterThanOrEqual(plan.targetLevel);
    for (const id of ids) expect(levelWith(q, answers, ids.filter((x) => x !== id))).toBeLessThan(plan.targetLevel);
    // Ranked: red lines, then 不符合 on key items, then the rest.
    const order = plan.items.map((i) => ({ redline: 0, key_gap: 1, threshold: 2 })[i.why]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const i of plan.items) expect(i.fulfilment === null || i.fulfilment < 1).toBe(true);
  });

  it('puts a red line first when it caps the level at 1', () => {
    const { q, answers } = fixture('core-good');
    const all: Record<string, unknown> = { ...answers };
    for (const s of q.sections) for (const i of s.items) if (i.kind === 'control' && all[i.id] !== undefined) all[i.id] = 'full';
    all['incident.exposed_ports'] = 'none';
    const r = score(q, all as Answers);
    expect(r.maturity).toMatchObject({ level: 1, cappedByRedline: true });
    const plan = nextLevelPlan(q, all as Answers, {}, r);
    expect(plan).toMatchObject({ currentLevel: 1, targetLevel: 2, reachable: true });
    expect(plan.items).toEqual([expect.objectContaining({ itemId: 'incident.exposed_ports', why: 'redline' })]);
  });

  it('proposes nothing at the highest level the assessment can show', () => {
    const { q, answers } = fixture('core-good');
    const all: Record<string, unknown> = { ...answers };
    for (const s of q.sections) for (const i of s.items) if (i.kind === 'control' && all[i.id] !== undefined) all[i.id] = 'full';
    const plan = nextLevelPlan(q, all as Answers);
    const m = score(q, all as Answers).maturity;
    if (m.level === m.maxLevel) expect(plan).toMatchObject({ targetLevel: null, items: [] });
    else expect(plan.targetLevel).toBe(m.level + 1);
  });
});
