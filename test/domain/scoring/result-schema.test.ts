/**
 * The declared score result (result-schema.ts) is the shape score() really produces: parsing a real result
 * through the schema loses and changes nothing, for every industry's mid-maturity answer fixture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateAnswers, validateAnswersFile } from '../../../server/domain/questionnaire/validate-answers.js';
import { score, ScoreResultSchema } from '../../../server/domain/scoring/index.js';
import { ScoreResultSchema as DeclaredScoreResultSchema } from '../../../server/domain/scoring/result-schema.js';
import { checkQuestionnaireDir } from '../../../server/services/questionnaire-loader.js';

const { questionnaires } = checkQuestionnaireDir(fileURLToPath(new URL('../../../questionnaires', import.meta.url)));
const FIXTURES = ['core', 'steel', 'nonferrous', 'petrochem', 'auto', 'aviation', 'shipbuilding', 'textile', 'ic', 'software'];

describe('the score result schema', () => {
  it('is the one the engine re-exports', () => {
    expect(ScoreResultSchema).toBe(DeclaredScoreResultSchema);
  });

  it.each(FIXTURES)('describes the %s fixture’s result exactly (nothing stripped, nothing missing)', (id) => {
    const file = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/answers/${id}-mid.json`, import.meta.url)), 'utf8'));
    const { file: parsed } = validateAnswersFile(questionnaires, file);
    const q = questionnaires.find((x) => x.id === parsed!.questionnaire)!;
    const r = JSON.parse(JSON.stringify(score(q, validateAnswers(q, parsed!.answers).answers)));
    expect(ScoreResultSchema.parse(r)).toEqual(r);
  });

  it('refuses a result whose figures have the wrong type', () => {
    const q = questionnaires.find((x) => x.id === 'core')!;
    const result = JSON.parse(JSON.stringify(score(q, {})));
    result.maturity.level = 'high';
    expect(ScoreResultSchema.safeParse(result).success).toBe(false);
  });
});
