/**
 * The integrated-circuit module (questionnaires/ic.yaml): composition with the core, the sample answers of a
 * mid-maturity Changchun image-sensor design and packaging/test company (test/fixtures/answers/ic-mid.json), the key-enterprise
 * criterion and the grading rules of its key data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../server/domain/questionnaire/compose.js';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { validateAnswers, validateAnswersFile } from '../../server/domain/questionnaire/validate-answers.js';
import { score, type ScoreResult } from '../../server/domain/scoring/index.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

const ID = 'ic';
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

describe('集成电路行业模块', () => {
  it('composes with the core and has at least 25 industry items', () => {
    expect(q).toBeDefined();
    expect(q.industryName).toBe('集成电路');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith(`${ID}.`))).toBe(true);
    const keyTypes = q.dataTypes.filter((d) => d.origin === 'industry' && d.key).map((d) => d.id);
    expect(keyTypes).toEqual(
      expect.arrayContaining(['ic.dt.material_formula', 'ic.dt.melting_process', 'ic.dt.component_indicators', 'ic.dt.equipment_params', 'ic.dt.eda_algorithm']),
    );
  });

  it('covers the four frequent-risk scenarios and the IC scenarios of the annex', () => {
    const scenarios = new Set(
      q.items.filter((i) => i.origin === 'industry').flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om', 'supply_chain', 'illegal_transfer'])
      expect(scenarios).toContain(s);
    // IP 使用审核、光罩运输追踪、报废晶圆保护、供应商遴选、境外司法调取、境外系统填报
    for (const id of ['ic.design.ip_review', 'ic.fab.mask_tracking', 'ic.backend.scrap_wafer', 'ic.external.supplier_vetting', 'ic.external.foreign_judicial', 'ic.external.overseas_systems'])
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

  it('shows only the sections of the segments the enterprise works in', () => {
    const sectionsShown = (segments: string[]) => {
      const v = visibleItems(q, { ...answers, 'ic.profile.segments': segments });
      return new Set(q.items.filter((i) => v.has(i.def.id)).map((i) => i.sectionId));
    };
    const fab = sectionsShown(['foundry']);
    expect(fab.has('ic.fab')).toBe(true);
    expect(fab.has('ic.backend')).toBe(true);
    expect(fab.has('ic.design')).toBe(false);
    const design = sectionsShown(['design']);
    expect(design.has('ic.design')).toBe(true);
    expect(design.has('ic.fab')).toBe(false);
    expect(design.has('ic.backend')).toBe(false);
    expect(design.has('ic.external')).toBe(true);
    const supplier = sectionsShown(['materials', 'equipment']);
    expect(supplier.has('ic.materials')).toBe(true);
    expect(supplier.has('ic.equipment')).toBe(true);
  });

  it('flags CSIA top-ten enterprises and domestic top-three market leaders as key enterprises', () => {
    const ke = (extra: Answers) => score(q, { ...answers, ...extra }).profile.keyEnterprise?.met;
    expect(ke({ 'ic.profile.csia_top10': true })).toBe(true);
    expect(ke({ 'ic.profile.market_share': 'top3' })).toBe(true);
    expect(ke({ 'ic.profile.csia_top10': false, 'ic.profile.market_share': 'top10' })).toBe(false);
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

  it('grades complete recipes of advanced nodes as important and data of national projects as core', () => {
    const recipes = (node: string) => {
      const { answers: a } = validateAnswers(q, {
        ...answers,
        'ic.profile.segments': ['foundry'],
        'ic.profile.process_node': node,
        [inventoryId]: [{ type: 'ic.dt.equipment_params', scale: 'enterprise', precision: 'high' }],
      });
      return score(q, a).classification.catalogue[0].level;
    };
    expect(recipes('advanced')).toBe('important');
    expect(recipes('specialty')).toBe('general');
    const [eda] = catalogueFor([{ type: 'ic.dt.eda_algorithm', scale: 'enterprise', national_project: true }]);
    expect(eda.level).toBe('core');
  });
});
