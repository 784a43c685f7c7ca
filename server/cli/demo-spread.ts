/**
 * npm run demo:spread -- [--n 300] [--seed 7]
 * Prints how the demo generator's enterprises score: the share of each maturity level and each enterprise risk
 * level, for the full and the quick variant, beside the spread the expert review expects of 规上 SMEs (maturity
 * 未达1级 ≤ 10 %, 1 级 60–75 %, 2 级 20–30 %, 3 级 ≤ 5 %). Run it after changing the generator or the scoring model:
 * the demo should look like a city a bureau would recognise, not like a city in crisis.
 */
import { demoMaturity, generateAnswers } from '../demo/answers.js';
import { context, weighted, type DemoEnterprise, type Industry } from '../demo/plan.js';
import type { VariantCode } from '../domain/questionnaire/schema.js';
import { score } from '../domain/scoring/index.js';
import type { Size } from '../domain/vocabularies.js';
import { loadQuestionnaires } from '../services/questionnaire-loader.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 300);
const seed = arg('seed', 7);

const questionnaires = loadQuestionnaires('questionnaires');
const share = (counts: Map<string, number>, key: string) => `${(((counts.get(key) ?? 0) / n) * 100).toFixed(0)} %`;

for (const variant of ['full', 'quick'] as VariantCode[]) {
  const c = context(seed);
  const maturity = new Map<string, number>();
  const risk = new Map<string, number>();
  let redlines = 0;
  for (let i = 0; i < n; i++) {
    const q = questionnaires[i % questionnaires.length];
    const size = weighted<Size>(c, { large: 0.08, medium: 0.3, small: 0.5, micro: 0.12 });
    const e: DemoEnterprise = { id: i, name: '演示企业', creditCode: '', districtCode: '', industry: (q.industry ?? 'other') as Industry, size };
    const result = score(q, generateAnswers(c, q, e, demoMaturity(c, size), 1, variant), { variant });
    maturity.set(String(result.maturity.level), (maturity.get(String(result.maturity.level)) ?? 0) + 1);
    risk.set(result.risk.level, (risk.get(result.risk.level) ?? 0) + 1);
    if (result.redlines.length > 0) redlines++;
  }
  console.log(`${variant === 'full' ? '深度诊断' : '快速诊断'}（${n} 家，种子 ${seed}）`);
  console.log(`  成熟度：未达1级 ${share(maturity, '0')}，1 级 ${share(maturity, '1')}，2 级 ${share(maturity, '2')}，3 级 ${share(maturity, '3')}`);
  console.log(`  风险：重大 ${share(risk, 'major')}，高 ${share(risk, 'high')}，中 ${share(risk, 'medium')}，低 ${share(risk, 'low')}`);
  console.log(`  触及红线的企业：${((redlines / n) * 100).toFixed(0)} %`);
}
