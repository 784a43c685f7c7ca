/**
 * The petrochemical module composed with the real core: structure, the mid-maturity fixture (a special engineering
 * plastics maker in 长春新区 with a polymerisation unit under SIS) and the grading of the annex's key data types.
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
const FIXTURE = fileURLToPath(new URL('../fixtures/answers/petrochem-mid.json', import.meta.url));
const KEY_TYPES = [
  'petrochem.production_data',
  'petrochem.process_params',
  'petrochem.energy_data',
  'petrochem.rnd_data',
  'petrochem.supply_chain_data',
  'petrochem.key_material_process',
];

const questionnaires = loadQuestionnaires(DIR);
const q = questionnaires.find((x) => x.id === 'petrochem')!;

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

describe('petrochem questionnaire module', () => {
  it('composes with the core, with at least 25 industry items and the annex key data', () => {
    expect(q.version).toBe('1.0.0+core.1.0.0');
    expect(q.industryName).toBe('石化化工');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith('petrochem.'))).toBe(true);
    for (const id of KEY_TYPES) expect(q.dataTypeById.get(id)?.key).toBe(true);
    const scenarios = new Set(
      industry.flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om']) expect(scenarios).toContain(s);
  });

  it('has no errors and no warnings of its own in the static checks', () => {
    const own = checkQuestionnaireDir(DIR).problems.filter((p) => p.file.endsWith('petrochem.yaml'));
    expect(own.filter((p) => p.level === 'error')).toEqual([]);
    expect(own.filter((p) => p.where.startsWith('petrochem.'))).toEqual([]);
  });

  it('scores the mid-maturity fixture plausibly', () => {
    const r = score(q, fixtureAnswers());
    expect(r.classification.score).toBeGreaterThan(0);
    expect(r.classification.score).toBeLessThan(100);
    expect(r.risk.entries.length).toBeGreaterThan(0);
    expect(r.risk.entries.some((e) => e.sources[0].itemId.startsWith('petrochem.'))).toBe(true);
    expect(r.maturity.level).toBeGreaterThanOrEqual(1);
    // Not among the 500 strongest petroleum and chemical enterprises and not on the list.
    expect(r.profile.keyEnterprise).toMatchObject({ met: false });
    expect(r.findings.some((f) => f.itemId === 'petrochem.supply.vendor_security')).toBe(true);
    expect(r.risk.entries.some((e) => e.scenario === 'supply_chain')).toBe(true);
    // The polymerisation unit's SIS logic is graded important (重点监管危险化工工艺).
    expect(r.classification.catalogue.find((c) => c.dataType === 'petrochem.sis_config')?.level).toBe('important');
  });

  it('shows the key-material questions and hides the park and IoT questions for this enterprise', () => {
    const visible = visibleItems(q, fixtureAnswers());
    expect(visible.has('petrochem.materials.desensitize')).toBe(true);
    expect(visible.has('petrochem.control.sis_independence')).toBe(true);
    expect(visible.has('petrochem.park.sharing')).toBe(false);
    expect(visible.has('petrochem.iot.device_auth')).toBe(false);
  });

  it('flags the 500 strongest petroleum and chemical enterprises as key enterprises', () => {
    expect(score(q, { ...fixtureAnswers(), 'petrochem.profile.top500': true }).profile.keyEnterprise).toMatchObject({ met: true });
  });

  it('warns when a major-hazard plant declares no safety instrumented system', () => {
    const { problems } = validateAnswers(q, { ...fixtureAnswers(), 'petrochem.profile.control_systems': ['dcs', 'gds'] });
    expect(problems.some((p) => p.itemId === 'petrochem.profile.control_systems' && p.level === 'warning')).toBe(true);
  });

  it.each(KEY_TYPES)('grades %s as important or core at national scale and general at enterprise scale', (type) => {
    const national = score(q, withSingleRow({ type, scale: 'national' })).classification.catalogue;
    expect(national).toHaveLength(1);
    expect(['important', 'core']).toContain(national[0].level);
    const enterprise = score(q, withSingleRow({ type, scale: 'enterprise' })).classification.catalogue;
    expect(enterprise[0].level).toBe('general');
  });

  it('grades key-material process data serving a national project as core', () => {
    const rows = score(q, withSingleRow({ type: 'petrochem.key_material_process', national_project: true })).classification.catalogue;
    expect(rows[0]).toMatchObject({ level: 'core', object: 'national_security' });
  });
});
