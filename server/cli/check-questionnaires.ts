/**
 * npm run check:questionnaires [-- [--json] [DIR]]
 * Validates every questionnaire file, composes the core with each industry module and checks references,
 * cycles, ids and scoring. Exit code 1 on any error.
 */
import { resolve } from 'node:path';
import { maturityGates } from '../domain/questionnaire/analyze.js';
import { checkQuestionnaireDir } from '../services/questionnaire-loader.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dir = resolve(args.find((a) => !a.startsWith('--')) ?? 'questionnaires');

const { questionnaires, problems } = checkQuestionnaireDir(dir);
const errors = problems.filter((p) => p.level === 'error');

if (json) {
  const summary = questionnaires.map((q) => ({
    id: q.id,
    title: q.title,
    version: q.version,
    hash: q.hash,
    items: {
      total: q.items.length,
      core: q.items.filter((i) => i.origin === 'core').length,
      industry: q.items.filter((i) => i.origin === 'industry').length,
    },
    dataTypes: q.dataTypes.length,
    // items gating maturity levels 1–3 per PA
    maturityGates: maturityGates(q),
  }));
  console.log(JSON.stringify({ ok: errors.length === 0, questionnaires: summary, problems }, null, 2));
} else {
  for (const p of problems) {
    const tag = p.level === 'error' ? '错误' : '警告';
    console.log(`${tag} ${p.file}: ${p.where}: ${p.message}`);
  }
  for (const q of questionnaires) {
    const industry = q.items.filter((i) => i.origin === 'industry').length;
    console.log(`✓ ${q.id} ${q.version}  ${q.items.length} 题（通用 ${q.items.length - industry}，行业 ${industry}）  ${q.hash.slice(0, 12)}`);
  }
  console.log(errors.length === 0 ? '问卷校验通过。' : `问卷校验失败：${errors.length} 处错误。`);
}
process.exit(errors.length === 0 ? 0 : 1);
