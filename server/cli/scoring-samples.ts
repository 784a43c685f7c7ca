/**
 * npm run scoring:samples -- [--dir questionnaires] [--answers test/fixtures/answers]
 * Scores the low / mid / good sample answers of each questionnaire (<id>-low.json, <id>-mid.json, <id>-good.json)
 * on the full and the quick path and prints one row per sample: register size, 重大 entries, maturity level and mean,
 * findings, red lines, and the quick path's level beside the full one. These are the figures a release note about
 * the scoring model quotes; a sample that fails validation is reported on stderr and the command exits 1.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateAnswers, validateAnswersFile } from '../domain/questionnaire/validate-answers.js';
import { score, SCORING_MODEL_VERSION } from '../domain/scoring/index.js';
import { loadQuestionnaires } from '../services/questionnaire-loader.js';

const SAMPLES = [
  ['low', '低'],
  ['mid', '中'],
  ['good', '好'],
] as const;

function option(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i >= 0) return argv[i + 1] ?? fallback;
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline ? inline.slice(name.length + 3) : fallback;
}

const dir = option('dir', 'questionnaires');
const answersDir = option('answers', 'test/fixtures/answers');
const questionnaires = loadQuestionnaires(dir);

const header = ['行业', '样本', '风险条目', '重大', '成熟度(深度)', '均值', '问题数', '红线', '成熟度(快速)', '快速均值'];
const rows: string[][] = [];
let failed = false;

for (const q of questionnaires) {
  for (const [code, label] of SAMPLES) {
    const file = join(answersDir, `${q.id}-${code}.json`);
    if (!existsSync(file)) continue;
    const envelope = validateAnswersFile(questionnaires, JSON.parse(readFileSync(file, 'utf8')) as unknown);
    if (envelope.questionnaire?.id !== q.id || envelope.problems.length > 0) {
      process.stderr.write(`${file}：${envelope.problems.map((p) => p.message).join('；') || '问卷不符'}\n`);
      failed = true;
      continue;
    }
    const { answers } = validateAnswers(q, envelope.file!.answers);
    const full = score(q, answers);
    const quick = score(q, answers, { variant: 'quick' });
    rows.push([
      q.industryName ?? '通用',
      label,
      String(full.risk.entries.length),
      String(full.risk.entries.filter((e) => e.level === 'major').length),
      String(full.maturity.level),
      full.maturity.mean.toFixed(2),
      String(full.findings.length),
      String(full.redlines.length),
      String(quick.maturity.level),
      quick.maturity.mean.toFixed(2),
    ]);
  }
}

// Pad by display width: CJK characters take two columns.
const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - width(s)));
const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
const line = (cells: string[]) => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();

console.log(`评分模型 ${SCORING_MODEL_VERSION}，样本目录 ${answersDir}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
if (rows.length === 0) console.log('（没有找到样本答案）');
process.exit(failed ? 1 : 0);
