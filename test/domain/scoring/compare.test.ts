/** Two results of one enterprise compared: per dimension and per item, improved or worse, symmetric when swapped. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateAnswers, validateAnswersFile } from '../../../server/domain/questionnaire/validate-answers.js';
import { compareResults } from '../../../server/domain/scoring/compare.js';
import { score } from '../../../server/domain/scoring/index.js';
import { checkQuestionnaireDir } from '../../../server/services/questionnaire-loader.js';

const { questionnaires } = checkQuestionnaireDir(fileURLToPath(new URL('../../../questionnaires', import.meta.url)));
const q = questionnaires.find((x) => x.id === 'core')!;
function result(name: string, change: Record<string, unknown> = {}) {
  const file = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/answers/${name}.json`, import.meta.url)), 'utf8'));
  const { file: parsed } = validateAnswersFile(questionnaires, file);
  return score(q, validateAnswers(q, { ...parsed!.answers, ...change }).answers);
}

describe('compareResults', () => {
  it('marks one changed answer and the figures it moves, and nothing else', () => {
    const before = result('core-mid');
    const item = before.findings.find((f) => f.fulfilment === 0)!.itemId;
    const after = result('core-mid', { [item]: 'full' });
    const c = compareResults(before, after);
    expect(c.items).toEqual([expect.objectContaining({ itemId: item, before: 0, after: 1, change: 'better' })]);
    expect(c.dimensions.find((d) => d.key === 'findings')).toMatchObject({ before: `${before.findings.length} 项`, after: `${before.findings.length - 1} 项`, change: 'better' });
    expect(c.dimensions.every((d) => d.change !== 'worse')).toBe(true);
    expect(c.unchanged).toBeGreaterThan(10);
  });

  it('says the opposite when the results are swapped', () => {
    const low = result('core-low');
    const good = result('core-good');
    const up = compareResults(low, good);
    const down = compareResults(good, low);
    expect(up.dimensions.find((d) => d.key === 'maturity-mean')!.change).toBe('better');
    expect(down.dimensions.find((d) => d.key === 'maturity-mean')!.change).toBe('worse');
    const flip = { better: 'worse', worse: 'better', same: 'same' } as const;
    for (const d of up.dimensions) {
      const other = down.dimensions.find((x) => x.key === d.key);
      if (other) expect(other.change).toBe(flip[d.change]);
    }
    expect(down.items.filter((i) => i.change === 'worse').length).toBe(up.items.filter((i) => i.change === 'better').length);
    // Worse first.
    const order = down.items.map((i) => i.change);
    expect(order.indexOf('better') === -1 || order.lastIndexOf('worse') < order.indexOf('better')).toBe(true);
  });
});
