/**
 * The textile module (questionnaires/textile.yaml): composition with the core, the sample answers of a
 * mid-maturity Changchun automotive-textile maker (test/fixtures/answers/textile-mid.json), the key-enterprise
 * criterion and the grading rules of its key data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../server/domain/questionnaire/compose.js';
import { validateAnswers, validateAnswersFile } from '../../server/domain/questionnaire/validate-answers.js';
import { score, type ScoreResult } from '../../server/domain/scoring/index.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

const ID = 'textile';
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

describe('纺织行业模块', () => {
  it('composes with the core and has at least 25 industry items', () => {
    expect(q).toBeDefined();
    expect(q.industryName).toBe('纺织');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith(`${ID}.`))).toBe(true);
    const keyTypes = q.dataTypes.filter((d) => d.origin === 'industry' && d.key).map((d) => d.id);
    expect(keyTypes).toEqual(
      expect.arrayContaining(['textile.dt.hitech_fiber', 'textile.dt.process', 'textile.dt.production', 'textile.dt.customer', 'textile.dt.supply_chain']),
    );
  });

  it('covers the four frequent-risk scenarios and the textile risks of the annex', () => {
    const scenarios = new Set(
      q.items.filter((i) => i.origin === 'industry').flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om', 'supply_chain', 'illegal_transfer'])
      expect(scenarios).toContain(s);
    // 技术服务外包、重要数据暴露、平台细粒度访问控制与脱敏共享、供应链数据出境
    for (const id of ['textile.risks.outsourcing', 'textile.risks.data_exposure', 'textile.platform.fine_access', 'textile.platform.desensitized_sharing', 'textile.customer.traceability_export'])
      expect(q.itemById.has(id), id).toBe(true);
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

  it('flags textile enterprises in the Fortune Global 500 or China Manufacturing 500 as key enterprises', () => {
    const ke = (top500: string[]) => score(q, { ...answers, 'textile.profile.top500': top500 }).profile.keyEnterprise?.met;
    expect(ke(['china_mfg_500'])).toBe(true);
    expect(ke(['fortune_global_500', 'china_mfg_500'])).toBe(true);
    expect(ke(['none'])).toBe(false);
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

  it('grades detailed supply-chain traceability sent abroad as important, and fibre data for defence programmes as core', () => {
    const [traceAbroad, traceHome, fibreDefence] = catalogueFor([
      { type: 'textile.dt.supply_chain', scale: 'enterprise', precision: 'high', cross_border: true },
      { type: 'textile.dt.supply_chain', scale: 'enterprise', precision: 'high' },
      { type: 'textile.dt.hitech_fiber', scale: 'enterprise', national_project: true },
    ]);
    expect(traceAbroad.level).toBe('important');
    expect(traceHome.level).toBe('general');
    expect(fibreDefence.level).toBe('core');
  });
});
