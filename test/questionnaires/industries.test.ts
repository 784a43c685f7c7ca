/**
 * Across the nine industries of the annex: every registered industry has a questionnaire that loads, and the nine
 * mid-maturity fixtures score differently — the modules are not one questionnaire with nine names.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { score, type ScoreResult } from '../../server/domain/scoring/index.js';
import { referenceData } from '../../server/db/reference-data.js';
import { fixtureAnswers, questionnaireDir } from './industry-module.js';

const REGISTERED = referenceData().industries.filter((x) => x.questionnaire !== 'core');
const IDS = REGISTERED.map((x) => x.questionnaire);
const results = new Map<string, ScoreResult>();

beforeAll(() => {
  for (const id of IDS) results.set(id, score(questionnaireDir().questionnaires.find((q) => q.id === id)!, fixtureAnswers(id)));
});

describe('industry questionnaires', () => {
  it('registers nine industries, each with a questionnaire that loads without errors', () => {
    expect(IDS).toHaveLength(9);
    expect(new Set(IDS).size).toBe(9);
    const { questionnaires, problems } = questionnaireDir();
    expect(problems.filter((p) => p.level === 'error')).toEqual([]);
    for (const { code, questionnaire: id } of REGISTERED) {
      const q = questionnaires.find((x) => x.id === id);
      expect(q?.module?.id, id).toBe(id);
      expect(q!.industry, id).toBe(code);
      expect(q!.items.some((i) => i.origin === 'industry'), id).toBe(true);
    }
  });

  it('scores the nine fixtures to different classification scores', () => {
    const scores = IDS.map((id) => results.get(id)!.classification.score);
    expect(new Set(scores).size).toBeGreaterThan(1);
  });

  it('draws each fixture’s risk register from a different set of items', () => {
    const sets = IDS.map((id) => [...new Set(results.get(id)!.risk.entries.flatMap((e) => e.sources.map((s) => s.itemId)))].sort().join());
    expect(new Set(sets).size).toBe(IDS.length);
  });

  it.each(IDS)('gives the %s fixture findings of its own industry and none of another', (id) => {
    const prefixes = results.get(id)!.findings.map((f) => f.itemId.split('.')[0]);
    expect(prefixes).toContain(id);
    for (const other of IDS.filter((x) => x !== id)) expect(prefixes).not.toContain(other);
  });
});
