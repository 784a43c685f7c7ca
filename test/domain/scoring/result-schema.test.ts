import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateAnswers, validateAnswersFile } from '../../../server/domain/questionnaire/validate-answers.js';
import { score, ScoreResultSchema } from '../../../server/domain/scoring/index.js';
import { checkQuestionnaireDir } from '../../../server/services/questionnaire-loader.js';

const { questionnaires } = checkQuestionnaireDir(fileURLToPath(new URL('../../../questionnaires', import.meta.url)));

describe('the score result schema', () => {
  it.each(['steel', 'ic', 'core'])('describes the %s fixture’s result exactly (nothing stripped, nothing missing)', (id) => {
    const file = JSON.parse(readFileSync(fileURLToPath(new URL(`../../fixtures/answers/${id}-mid.json`, import.meta.url)), 'utf8'));
    const { file: parsed } = validateAnswersFile(questionnaires, file);
    const q = questionnaires.find((x) => x.id === id)!;
    const r = JSON.parse(JSON.stringify(score(q, validateAnswers(q, parsed!.answers).answers)));
    expect(ScoreResultSchema.parse(r)).toEqual(r);
  });
});
