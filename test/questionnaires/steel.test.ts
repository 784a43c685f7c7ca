/**
 * The steel module composed with the real core: structure, the mid-maturity fixture (a short-process special-steel
 * bar mill in 九台区) and the grading of the annex's key data types.
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
const FIXTURE = fileURLToPath(new URL('../fixtures/answers/steel-mid.json', import.meta.url));
const KEY_TYPES = ['steel.smelting_params', 'steel.special_steel_process', 'steel.bulk_materials'];

const questionnaires = loadQuestionnaires(DIR);
const q = questionnaires.find((x) => x.id === 'steel')!;

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

describe('steel questionnaire module', () => {
  it('composes with the core, with at least 25 industry items and the annex key data', () => {
    expect(q.version).toBe('1.0.0+core.1.0.0');
    expect(q.industryName).toBe('钢铁');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith('steel.'))).toBe(true);
    for (const id of KEY_TYPES) expect(q.dataTypeById.get(id)?.key).toBe(true);
    const scenarios = new Set(
      industry.flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om']) expect(scenarios).toContain(s);
  });

  it('has no errors and no warnings of its own in the static checks', () => {
    const own = checkQuestionnaireDir(DIR).problems.filter((p) => p.file.endsWith('steel.yaml'));
    expect(own.filter((p) => p.level === 'error')).toEqual([]);
    expect(own.filter((p) => p.where.startsWith('steel.'))).toEqual([]);
  });

  it('scores the mid-maturity fixture plausibly', () => {
    const r = score(q, fixtureAnswers());
    expect(r.classification.score).toBeGreaterThan(0);
    expect(r.classification.score).toBeLessThan(100);
    expect(r.risk.entries.length).toBeGreaterThan(0);
    expect(r.risk.entries.some((e) => e.sources[0].itemId.startsWith('steel.'))).toBe(true);
    expect(r.maturity.level).toBeGreaterThanOrEqual(1);
    // 65 万吨, not part of a >1000 万吨 group, not on the list: not a key enterprise.
    expect(r.profile.keyEnterprise).toMatchObject({ met: false });
    expect(r.findings.some((f) => f.itemId === 'steel.autonomy.vendor_remote')).toBe(true);
  });

  it('hides the ironmaking section for an electric-arc-furnace mill', () => {
    const visible = visibleItems(q, fixtureAnswers());
    expect(visible.has('steel.iron.bf_param_change')).toBe(false);
    expect(visible.has('steel.steelmaking.model_backup')).toBe(true);
  });

  it('flags a key enterprise above 1000 万吨 of crude steel', () => {
    const answers = { ...fixtureAnswers(), 'steel.profile.crude_steel_output': 1250 };
    expect(score(q, answers).profile.keyEnterprise).toMatchObject({ met: true });
  });

  it('warns about implausible answers', () => {
    const raw = { ...fixtureAnswers(), 'steel.profile.route': 'rolling_only' };
    const { problems } = validateAnswers(q, raw);
    expect(problems.some((p) => p.itemId === 'steel.profile.crude_steel_output' && p.level === 'warning')).toBe(true);
  });

  it.each(KEY_TYPES)('grades %s as important or core at national scale and general at enterprise scale', (type) => {
    const national = score(q, withSingleRow({ type, scale: 'national' })).classification.catalogue;
    expect(national).toHaveLength(1);
    expect(['important', 'core']).toContain(national[0].level);
    const enterprise = score(q, withSingleRow({ type, scale: 'enterprise' })).classification.catalogue;
    expect(enterprise[0].level).toBe('general');
  });

  it('grades special-steel process data serving a national project as core', () => {
    const rows = score(q, withSingleRow({ type: 'steel.special_steel_process', national_project: true })).classification.catalogue;
    expect(rows[0]).toMatchObject({ level: 'core', object: 'national_security' });
  });
});
