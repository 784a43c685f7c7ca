/**
 * Rubrics and partial-answer texts, as a diagnostician and a bureau panel would check them: every control item of the
 * core and of the nine industry modules says what 符合 / 部分符合 / 不符合 look like on site and has its own 部分符合
 * finding, so a partial answer never prints the worst case; and the questionnaire checker warns when an author
 * leaves one out.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isScored } from '../../server/domain/questionnaire/schema.js';
import { score } from '../../server/domain/scoring/index.js';
import { checkQuestionnaireDir } from '../../server/services/questionnaire-loader.js';
import { fixtureAnswers, questionnaireDir } from './industry-module.js';

const DIR = fileURLToPath(new URL('../../questionnaires', import.meta.url));
const INDUSTRIES = ['steel', 'nonferrous', 'petrochem', 'auto', 'aviation', 'shipbuilding', 'textile', 'ic', 'software'];

/** Every control item once (core items from the core alone, module items from their own questionnaire). */
function controlItems() {
  const { questionnaires } = questionnaireDir();
  return questionnaires.flatMap((q) =>
    q.items
      .filter((i) => i.def.kind === 'control' && (q.id === 'core' ? true : i.origin === 'industry'))
      .map((i) => ({ questionnaire: q.id, def: i.def })),
  );
}

describe('rubrics and 部分符合 texts', () => {
  it('exist for every control item of the core and of the nine industry modules', () => {
    const items = controlItems();
    const ids = new Set(items.map((i) => i.questionnaire));
    expect([...ids].sort()).toEqual(['core', ...INDUSTRIES].sort());
    expect(items.length).toBeGreaterThanOrEqual(350);
    for (const { def } of items) {
      expect(def.kind === 'control' && isScored(def), def.id).toBe(true);
      if (def.kind !== 'control' || !isScored(def)) continue;
      const r = def.rubric;
      expect(r, `${def.id} rubric`).toBeDefined();
      expect(new Set([r!.full, r!.partial, r!.none]).size, `${def.id}: three different rubric texts`).toBe(3);
      expect(def.finding.partial, `${def.id} finding.partial`).toBeTruthy();
      expect(def.finding.partial, `${def.id}: the 部分符合 text is not the 不符合 text`).not.toBe(def.finding.problem);
    }
  });

  it('use 重要数据 and 核心数据 only where the item is about the legal categories', () => {
    // Items whose label speaks of 重要数据 in its legal sense may say it in the rubric; the others must not start to.
    const colloquial: string[] = [];
    for (const { def } of controlItems()) {
      if (def.kind !== 'control' || !isScored(def)) continue;
      const legal = /重要数据|核心数据/.test(`${def.label}${def.finding.problem}`);
      const text = `${def.rubric!.full}${def.rubric!.partial}${def.rubric!.none}${def.finding.partial}`;
      if (!legal && /重要数据|核心数据/.test(text)) colloquial.push(def.id);
    }
    expect(colloquial).toEqual([]);
  });

  it('print the 部分符合 text for a partial answer and the 不符合 text for a failing one', () => {
    const q = questionnaireDir().questionnaires.find((x) => x.id === 'steel')!;
    const answers = fixtureAnswers('steel', 'low');
    const item = q.itemById.get('steel.iron.sensor_integrity')!.def;
    if (item.kind !== 'control' || !isScored(item)) throw new Error('not a scored control item');
    const withAnswer = (a: string) => score(q, { ...answers, 'steel.profile.processes': ['bf', 'bof'], [item.id]: a }).findings.find((f) => f.itemId === item.id);
    expect(withAnswer('partial')?.problem).toBe(item.finding.partial);
    expect(withAnswer('none')?.problem).toBe(item.finding.problem);
    expect(withAnswer('full')).toBeUndefined();
  });
});

describe('npm run check:questionnaires', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('warns when a control item lacks its rubric or its 部分符合 text, and has no such warning for the files as they are', () => {
    const clean = checkQuestionnaireDir(DIR).problems.filter((p) => /rubric|finding\.partial/.test(p.message));
    expect(clean).toEqual([]);

    const dir = mkdtempSync(join(tmpdir(), 'dsd-rubrics-'));
    dirs.push(dir);
    cpSync(DIR, dir, { recursive: true });
    const file = join(dir, 'steel.yaml');
    const text = readFileSync(file, 'utf8');
    // Drop the rubric of one item and the partial text of another.
    const withoutRubric = text.replace(
      /(\n {6}- id: steel\.iron\.sensor_integrity\n[\s\S]*?)\n {8}rubric:\n(?: {10}.*\n){3}/,
      '$1\n',
    );
    const withoutPartial = withoutRubric.replace(
      /(\n {6}- id: steel\.iron\.l1_l2_transfer\n[\s\S]*?)\n {10}partial: .*\n/,
      '$1\n',
    );
    expect(withoutPartial).not.toBe(withoutRubric);
    expect(withoutRubric).not.toBe(text);
    writeFileSync(file, withoutPartial);

    const { problems } = checkQuestionnaireDir(dir);
    const warnings = problems.filter((p) => p.level === 'warning' && p.file.endsWith('steel.yaml'));
    expect(warnings.some((p) => p.where === 'steel.iron.sensor_integrity' && p.message.includes('rubric'))).toBe(true);
    expect(warnings.some((p) => p.where === 'steel.iron.l1_l2_transfer' && p.message.includes('finding.partial'))).toBe(true);
    // Warnings, not errors: a draft module still loads.
    expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  });
});
