/**
 * The declared score result (result-schema.ts) is the shape score() really produces: parsing a real result
 * through the schema loses and changes nothing, for every industry's mid-maturity answer fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../../server/domain/scoring/index.js';
import { ScoreResultSchema } from '../../../server/domain/scoring/result-schema.js';
import { loadQuestionnaires } from '../../../server/services/questionnaire-loader.js';

const questionnaires = loadQuestionnaires('questionnaires');
const FIXTURES = ['core', 'steel', 'nonferrous', 'petrochem', 'auto', 'aviation', 'shipbuilding', 'textile', 'ic', 'software'];

describe('the score result schema', () => {
  it.each(FIXTURES)('describes the result for %s exactly', (name) => {
    const file = JSON.parse(readFileSync(`test/fixtures/answers/${name}-mid.json`, 'utf8'));
    const q = questionnaires.find((x) => x.id === file.questionnaire)!;
    const result = score(q, validateAnswers(q, file.answers).answers);
    expect(ScoreResultSchema.parse(JSON.parse(JSON.stringify(result)))).toEqual(JSON.parse(JSON.stringify(result)));
  });

  it('refuses a result whose figures have the wrong type', () => {
    const q = questionnaires.find((x) => x.id === 'core')!;
    const result = JSON.parse(JSON.stringify(score(q, {})));
    result.maturity.level = 'high';
    expect(ScoreResultSchema.safeParse(result).success).toBe(false);
  });
});
