/**
 * The checks every industry module must pass, declared once: composition with the real core, the static checks, the
 * mid-maturity fixture (test/fixtures/answers/<id>-mid.json) scoring plausibly, the low / mid / good samples spreading
 * honestly (they are made by test/fixtures/answers/spread.ts), the key-enterprise verdict and the
 * grading of each key data type by scale. Each <industry>.test.ts calls industryModule() with a small spec and keeps
 * only that industry's own assertions.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../server/domain/questionnaire/compose.js';
import { validateAnswers, validateAnswersFile } from '../../server/domain/questionnaire/validate-answers.js';
import { score, type CatalogueEntry, type ScoreResult } from '../../server/domain/scoring/index.js';
import { checkQuestionnaireDir, type LoadResult } from '../../server/services/questionnaire-loader.js';

const DIR = fileURLToPath(new URL('../../questionnaires', import.meta.url));
const FREQUENT_SCENARIOS = ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om'];

let loaded: LoadResult | undefined;

/** Every questionnaire with the static-check problems, loaded once per test file. */
export function questionnaireDir(): LoadResult {
  loaded ??= checkQuestionnaireDir(DIR);
  return loaded;
}

/** A fixture of an industry (low / mid / good), validated as a file and as answers (schema defaults applied). */
export function fixtureAnswers(id: string, level: 'low' | 'mid' | 'good' = 'mid'): Answers {
  const { questionnaires } = questionnaireDir();
  const q = questionnaires.find((x) => x.id === id)!;
  const file = fileURLToPath(new URL(`../fixtures/answers/${id}-${level}.json`, import.meta.url));
  const envelope = validateAnswersFile(questionnaires, JSON.parse(readFileSync(file, 'utf8')));
  expect(envelope.problems).toEqual([]);
  expect(envelope.file!.questionnaire).toBe(id);
  return validAnswers(q, envelope.file!.answers);
}

function validAnswers(q: Questionnaire, raw: unknown): Answers {
  const { answers, problems } = validateAnswers(q, raw);
  expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  return answers;
}

export interface IndustrySpec {
  id: string;
  industryName: string;
  /** Whether the fixture's enterprise is a key enterprise under the annex. */
  keyEnterprise: boolean;
  /** Exactly the industry's key data types (the annex's 重点数据). */
  keyTypes: readonly string[];
  /** Risk scenarios the module must cover besides the four frequent ones. */
  scenarios?: readonly string[];
  /** Items that must be among the fixture's findings. */
  findings?: readonly string[];
}

/** What an industry's own tests work with; filled in beforeAll. */
export interface IndustryModule {
  q: Questionnaire;
  /** The fixture's validated answers. */
  answers: Answers;
  /** The fixture's score. */
  result: ScoreResult;
  inventoryId: string;
  /** The catalogue for the fixture's answers with the data inventory replaced by the given rows (and extra answers). */
  catalogueFor(rows: Record<string, unknown>[], extra?: Record<string, unknown>): CatalogueEntry[];
}

export function industryModule(spec: IndustrySpec): IndustryModule {
  const { id } = spec;
  const m = {
    catalogueFor: (rows, extra = {}) =>
      score(m.q, validAnswers(m.q, { ...m.answers, ...extra, [m.inventoryId]: rows })).classification.catalogue,
  } as IndustryModule;

  beforeAll(() => {
    m.q = questionnaireDir().questionnaires.find((x) => x.id === id)!;
    expect(m.q, `questionnaire ${id}`).toBeDefined();
    m.answers = fixtureAnswers(id);
    m.result = score(m.q, m.answers);
    m.inventoryId = m.q.items.find((i) => i.def.role === 'data_inventory')!.def.id;
  });

  describe(`${spec.industryName}行业模块 (${id}): shared checks`, () => {
    it('composes with the core, with at least 25 industry items and the annex key data', () => {
      const { q } = m;
      expect(q.version).toMatch(/^2\.0\.[12]\+core\.2\.0\.1$/);
      expect(q.industryName).toBe(spec.industryName);
      const industry = q.items.filter((i) => i.origin === 'industry');
      expect(industry.length).toBeGreaterThanOrEqual(25);
      expect(industry.every((i) => i.def.id.startsWith(`${id}.`))).toBe(true);
      const keyTypes = q.dataTypes.filter((d) => d.origin === 'industry' && d.key).map((d) => d.id);
      expect([...keyTypes].sort()).toEqual([...spec.keyTypes].sort());
    });

    it('covers the four frequent-risk scenarios and its own', () => {
      const scenarios = new Set(
        m.q.items
          .filter((i) => i.origin === 'industry')
          .flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
      );
      for (const s of [...FREQUENT_SCENARIOS, ...(spec.scenarios ?? [])]) expect(scenarios).toContain(s);
    });

    it('has no errors and no warnings of its own in the static checks', () => {
      const own = questionnaireDir().problems.filter((p) => p.file.endsWith(`${id}.yaml`));
      expect(own.filter((p) => p.level === 'error')).toEqual([]);
      expect(own.filter((p) => p.where.startsWith(`${id}.`))).toEqual([]);
    });

    it('scores the mid-maturity fixture plausibly', () => {
      const { result } = m;
      expect(result.questionnaire.id).toBe(id);
      expect(result.classification.score).toBeGreaterThan(0);
      expect(result.classification.score).toBeLessThan(100);
      expect(result.risk.entries.length).toBeGreaterThan(0);
      expect(result.risk.entries.some((e) => e.sources.some((s) => s.itemId.startsWith(`${id}.`)))).toBe(true);
      expect(result.maturity.level).toBeGreaterThanOrEqual(1);
      expect(result.maturity.mean).toBeGreaterThan(0);
      expect(result.findings.some((f) => f.itemId.startsWith(`${id}.`))).toBe(true);
      for (const itemId of spec.findings ?? []) expect(result.findings.some((f) => f.itemId === itemId), itemId).toBe(true);
      expect(result.classification.catalogue.some((e) => e.key && e.dataType?.startsWith(`${id}.`))).toBe(true);
    });

    it('spreads the low, mid and good samples of the same enterprise honestly', () => {
      const [low, mid, good] = (['low', 'mid', 'good'] as const).map((l) => score(m.q, fixtureAnswers(id, l)));
      expect(low.findings.length).toBeGreaterThan(mid.findings.length);
      expect(mid.findings.length).toBeGreaterThan(good.findings.length);
      expect(low.maturity.coreMean).toBeLessThanOrEqual(mid.maturity.coreMean);
      expect(mid.maturity.coreMean).toBeLessThan(good.maturity.coreMean);
      expect(good.maturity.coreMean).toBeGreaterThanOrEqual(2);
      // a mid enterprise is at level 2 in a few core PAs; the register stays a short list of scenarios
      const coreAt2 = mid.maturity.processAreas.filter((p) => mid.maturity.coreSet.includes(p.pa) && p.level >= 2);
      expect(coreAt2.length).toBeGreaterThanOrEqual(2);
      for (const r of [low, mid, good]) expect(r.risk.entries.length).toBeLessThanOrEqual(16);
      expect(low.risk.counts.major).toBeGreaterThanOrEqual(mid.risk.counts.major);
      expect(good.risk.counts.major).toBe(0);
      expect(good.redlines).toEqual([]);
    });

    it('offers a quick variant with at least eight module items that reaches about the same level with far fewer findings', () => {
      const quickItems = m.q.items.filter((i) => i.origin === 'industry' && 'tier' in i.def && i.def.tier === 'quick');
      expect(quickItems.length).toBeGreaterThanOrEqual(8);
      for (const level of ['low', 'mid', 'good'] as const) {
        const answers = fixtureAnswers(id, level);
        const full = score(m.q, answers);
        const quick = score(m.q, answers, { variant: 'quick' });
        expect(quick.variant).toBe('quick');
        expect(Math.abs(quick.maturity.level - full.maturity.level)).toBeLessThanOrEqual(1);
        expect(quick.findings.length).toBeLessThan(full.findings.length / 2);
      }
    });

    it(`judges the fixture's enterprise ${spec.keyEnterprise ? '' : 'not '}a key enterprise`, () => {
      expect(m.result.profile.keyEnterprise).toMatchObject({ met: spec.keyEnterprise });
    });

    it('never grades a data type up for being shared or exported, nor to 核心 on a non-secret national project alone', () => {
      const types = m.q.dataTypes.filter((d) => d.origin === 'industry');
      for (const d of types) {
        const [plain, exported, national] = m.catalogueFor([
          { type: d.id },
          { type: d.id, shared_external: true, cross_border: true, location: 'abroad' },
          { type: d.id, national_project: true },
        ]);
        expect(exported.level, d.id).toBe(plain.level);
        expect(national.level, d.id).not.toBe('core');
      }
    });

    it.each(spec.keyTypes)('grades %s as important or core at national scale, general at enterprise or regional scale', (type) => {
      const national = m.catalogueFor([{ type, scale: 'national' }]);
      expect(national).toHaveLength(1);
      expect(['important', 'core']).toContain(national[0].level);
      expect(m.catalogueFor([{ type, scale: 'enterprise' }])[0].level).toBe('general');
      expect(m.catalogueFor([{ type, scale: 'regional' }])[0].level).toBe('general');
    });
  });

  return m;
}
