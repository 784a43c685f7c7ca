/** A report model from a real industry questionnaire and the fixture answers of a mid-range enterprise. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Questionnaire } from '../../server/domain/questionnaire/compose.js';
import { validateAnswers } from '../../server/domain/questionnaire/validate-answers.js';
import { score } from '../../server/domain/scoring/index.js';
import { buildReportModel, type ReportInput } from '../../server/report/model.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

let questionnaires: Questionnaire[] | undefined;

export function reportInput(overrides: Partial<ReportInput> = {}, answersFile = 'auto-mid.json'): ReportInput {
  questionnaires ??= loadQuestionnaires(resolve('questionnaires'));
  const file = JSON.parse(readFileSync(resolve('test/fixtures/answers', answersFile), 'utf8'));
  const q = questionnaires.find((x) => x.id === file.questionnaire)!;
  const { answers } = validateAnswers(q, file.answers);
  const peers = (n: number) => Array.from({ length: n }, (_, i) => ({ classification: 40 + 8 * i, maturityMean: i / 4, findings: 30 - i }));
  return {
    kind: 'field',
    issue: { number: '长春-2026-0042', verificationCode: 'ABCD-EFGH-JKMN', issuedAt: '2026-12-01T03:00:00Z', verifyUrl: 'http://127.0.0.1/api/verify/ABCD-EFGH-JKMN' },
    enterprise: { name: '长春驰远汽车电子有限公司', creditCode: '91220174MA17K3Q592', district: '汽开区', industry: '汽车' },
    assessment: { id: 7, variant: 'full', diagnosedAt: '2026-11-20T02:00:00Z', diagnosticians: ['王诊断'] },
    questionnaire: q,
    answers: { answers, notes: {}, basis: {} },
    evidence: {},
    result: score(q, answers),
    peers: { industry: { label: '同行业（汽车）', members: peers(6) }, district: { label: '同区域（汽开区）', members: peers(3) } },
    issuer: '长春市工业和信息化局',
    ...overrides,
  };
}

export const reportModel = (overrides: Partial<ReportInput> = {}, answersFile?: string) => buildReportModel(reportInput(overrides, answersFile));
