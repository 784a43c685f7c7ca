/**
 * The nonferrous module composed with the real core: structure, the mid-maturity fixture (a recycled-aluminium
 * smelter and automotive extrusion plant in 经开区 that files data into overseas systems) and the grading of the
 * annex's key data types.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Answers, InventoryRowValue } from '../../server/domain/questionnaire/answers.js';
import { visibleItems } from '../../server/domain/questionnaire/conditions.js';
import { validateAnswers, validateAnswersFile } from '../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { checkQuestionnaireDir, loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

const DIR = fileURLToPath(new URL('../../questionnaires', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/answers/nonferrous-mid.json', import.meta.url));
const KEY_TYPES = [
  'nonferrous.mineral_resources',
  'nonferrous.stock_volumes',
  'nonferrous.purchase_sales',
  'nonferrous.production_plan',
  'nonferrous.supply_channels',
  'nonferrous.key_process',
  'nonferrous.economic_indicators',
];

const questionnaires = loadQuestionnaires(DIR);
const q = questionnaires.find((x) => x.id === 'nonferrous')!;

function fixtureAnswers(): Answers {
  const envelope = validateAnswersFile(questionnaires, JSON.parse(readFileSync(FIXTURE, 'utf8')));
  expect(envelope.problems).toEqual([]);
  const { answers, problems } = validateAnswers(q, envelope.file!.answers);
  expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  return answers;
}

function inventoryId(): string {
  return q.items.find((i) => i.def.role === 'data_inventory')!.def.id;
}

/** The fixture's answers with the inventory replaced by one row. */
function withSingleRow(row: Partial<InventoryRowValue>): Answers {
  const raw = { ...fixtureAnswers(), [inventoryId()]: [row] };
  const { answers, problems } = validateAnswers(q, raw);
  expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  return answers;
}

describe('nonferrous questionnaire module', () => {
  it('composes with the core, with at least 25 industry items and the annex key data', () => {
    expect(q.version).toBe('1.0.0+core.1.0.0');
    expect(q.industryName).toBe('有色金属');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith('nonferrous.'))).toBe(true);
    for (const id of KEY_TYPES) expect(q.dataTypeById.get(id)?.key).toBe(true);
    const scenarios = new Set(
      industry.flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om']) expect(scenarios).toContain(s);
  });

  it('has no errors and no warnings of its own in the static checks', () => {
    const own = checkQuestionnaireDir(DIR).problems.filter((p) => p.file.endsWith('nonferrous.yaml'));
    expect(own.filter((p) => p.level === 'error')).toEqual([]);
    expect(own.filter((p) => p.where.startsWith('nonferrous.'))).toEqual([]);
  });

  it('scores the mid-maturity fixture plausibly', () => {
    const r = score(q, fixtureAnswers());
    expect(r.classification.score).toBeGreaterThan(0);
    expect(r.classification.score).toBeLessThan(100);
    expect(r.risk.entries.length).toBeGreaterThan(0);
    expect(r.risk.entries.some((e) => e.sources[0].itemId.startsWith('nonferrous.'))).toBe(true);
    expect(r.maturity.level).toBeGreaterThanOrEqual(1);
    // Not in the top 50, not a rare-earth or rare-metal enterprise, not on the list.
    expect(r.profile.keyEnterprise).toMatchObject({ met: false });
    expect(r.findings.some((f) => f.itemId === 'nonferrous.crossborder.systems_register')).toBe(true);
    expect(r.risk.entries.some((e) => e.scenario === 'illegal_transfer' && e.exposure.includes('cross_border'))).toBe(true);
  });

  it('shows the overseas-system questions and hides mining and rare-earth questions for this enterprise', () => {
    const visible = visibleItems(q, fixtureAnswers());
    expect(visible.has('nonferrous.crossborder.systems_register')).toBe(true);
    expect(visible.has('nonferrous.crossborder.foreign_requests')).toBe(true);
    expect(visible.has('nonferrous.mining.resource_data')).toBe(false);
    expect(visible.has('nonferrous.crossborder.rare_trace')).toBe(false);
  });

  it('flags rare-earth and rare-metal enterprises and the top 50 as key enterprises', () => {
    const base = fixtureAnswers();
    expect(score(q, { ...base, 'nonferrous.profile.rare_main': true, 'nonferrous.profile.metals': ['aluminium', 'rare_earth'] }).profile.keyEnterprise).toMatchObject({ met: true });
    expect(score(q, { ...base, 'nonferrous.profile.top50': true }).profile.keyEnterprise).toMatchObject({ met: true });
  });

  it('warns when data is filed into overseas systems but no data export is declared', () => {
    const { problems } = validateAnswers(q, { ...fixtureAnswers(), 'profile.cross_border': 'none' });
    expect(problems.some((p) => p.itemId === 'nonferrous.profile.overseas' && p.level === 'warning')).toBe(true);
  });

  it.each(KEY_TYPES)('grades %s as important or core at national scale and general at enterprise scale', (type) => {
    const national = score(q, withSingleRow({ type, scale: 'national' })).classification.catalogue;
    expect(national).toHaveLength(1);
    expect(['important', 'core']).toContain(national[0].level);
    const enterprise = score(q, withSingleRow({ type, scale: 'enterprise' })).classification.catalogue;
    expect(enterprise[0].level).toBe('general');
  });
});

describe('nonferrous rare-earth grading', () => {
  it('grades industry-wide rare-earth resource data as core', () => {
    const raw = { ...fixtureAnswers(), 'nonferrous.profile.metals': ['rare_earth'], [inventoryId()]: [{ type: 'nonferrous.mineral_resources', scale: 'industry' }] };
    const { answers } = validateAnswers(q, raw);
    expect(score(q, answers).classification.catalogue[0]).toMatchObject({ level: 'core', object: 'national_security' });
  });
});
