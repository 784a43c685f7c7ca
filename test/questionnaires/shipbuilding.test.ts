/**
 * The civil-ship module (questionnaires/shipbuilding.yaml): composition with the core, the sample answers of a
 * mid-maturity Changchun marine-electronics supplier (test/fixtures/answers/shipbuilding-mid.json), and key-data grading.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../server/domain/questionnaire/compose.js';
import { validateAnswers, validateAnswersFile } from '../../server/domain/questionnaire/validate-answers.js';
import { score, type ScoreResult } from '../../server/domain/scoring/index.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

const ID = 'shipbuilding';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = `${ROOT}test/fixtures/answers/${ID}-mid.json`;

let q: Questionnaire;
let answers: Answers;
let result: ScoreResult;
let inventoryId: string;

/** Scores the fixture's answers with the data inventory replaced by the given rows (schema defaults applied). */
function catalogueFor(rows: Record<string, unknown>[]) {
  const { answers: a, problems } = validateAnswers(q, { ...answers, [inventoryId]: rows });
  expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  return score(q, a).classification.catalogue;
}

beforeAll(() => {
  q = loadQuestionnaires(`${ROOT}questionnaires`).find((x) => x.id === ID)!;
  const envelope = validateAnswersFile([q], JSON.parse(readFileSync(FIXTURE, 'utf8')));
  expect(envelope.problems).toEqual([]);
  const validated = validateAnswers(q, envelope.file!.answers);
  expect(validated.problems.filter((p) => p.level === 'error')).toEqual([]);
  answers = validated.answers;
  result = score(q, answers);
  inventoryId = q.items.find((i) => i.def.role === 'data_inventory')!.def.id;
});

describe('民船行业模块', () => {
  it('composes with the core and has at least 25 industry items', () => {
    expect(q).toBeDefined();
    expect(q.industryName).toBe('民船');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith(`${ID}.`))).toBe(true);
    expect(q.dataTypes.filter((d) => d.origin === 'industry' && d.key).length).toBeGreaterThanOrEqual(5);
  });

  it('covers the four frequent-risk scenarios', () => {
    const scenarios = new Set(
      q.items.filter((i) => i.origin === 'industry').flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om']) expect(scenarios).toContain(s);
  });

  it('scores the mid-maturity fixture plausibly', () => {
    expect(result.questionnaire.id).toBe(ID);
    expect(result.classification.score).toBeGreaterThan(0);
    expect(result.classification.score).toBeLessThan(100);
    expect(result.risk.entries.length).toBeGreaterThan(0);
    expect(result.risk.entries.some((e) => e.sources[0].itemId.startsWith(`${ID}.`))).toBe(true);
    expect(result.maturity.level).toBeGreaterThanOrEqual(1);
    expect(result.maturity.mean).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.itemId.startsWith(`${ID}.`))).toBe(true);
    expect(result.profile.keyEnterprise?.met).toBe(false);
    expect(result.classification.catalogue.some((e) => e.key && e.dataType?.startsWith(`${ID}.`))).toBe(true);
  });

  it('proposes important or core for key data at national scale, general at enterprise or regional scale', () => {
    const keyTypes = q.dataTypes.filter((d) => d.origin === 'industry' && d.key);
    for (const t of keyTypes) {
      const [national, enterprise, regional] = catalogueFor([
        { type: t.id, scale: 'national' },
        { type: t.id, scale: 'enterprise' },
        { type: t.id, scale: 'regional' },
      ]);
      expect(['important', 'core'], `${t.id} national`).toContain(national.level);
      expect(enterprise.level, `${t.id} enterprise`).toBe('general');
      expect(regional.level, `${t.id} regional`).toBe('general');
    }
  });

  it('selects the top-10 shipbuilders by order book and completions as key enterprises', () => {
    const ke = (extra: Answers) => score(q, { ...answers, ...extra }).profile.keyEnterprise?.met;
    expect(ke({ 'shipbuilding.profile.role': ['yard'], 'shipbuilding.profile.top10': true })).toBe(true);
    expect(ke({ 'shipbuilding.profile.role': ['yard'], 'shipbuilding.profile.top10': false })).toBe(false);
    // The ranking question is only asked of shipyards; a hidden answer does not count.
    expect(ke({ 'shipbuilding.profile.role': ['electrical'], 'shipbuilding.profile.top10': true })).toBe(false);
  });

  it('has items on the ship-shore boundary, equipment backdoors and cloud migration', () => {
    for (const id of ['shipbuilding.ship.zoning', 'shipbuilding.ship.equipment_backdoor', 'shipbuilding.res.cloud'])
      expect(q.itemById.has(id), id).toBe(true);
  });
});
