/**
 * npm run score -- FILE [--dir questionnaires]
 * Scores an answers file (JSON or YAML: { questionnaire, version, answers }) against the questionnaires in DIR
 * and prints the ScoreResult as JSON on stdout. A bad file gets every problem listed in Chinese on stderr and
 * exit code 1; warnings (checks, unanswered required items) go to stderr without failing. Usage errors exit 2.
 */
import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import { validateAnswers, validateAnswersFile, type AnswerProblem } from '../domain/questionnaire/validate-answers.js';
import { score } from '../domain/scoring/index.js';
import { loadQuestionnaires, QuestionnaireLoadError } from '../services/questionnaire-loader.js';

const USAGE = '用法：npm run score -- 答案文件(.json/.yaml) [--dir 问卷目录]';

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parseArgs(argv: string[]): { file: string; dir: string } {
  let file: string | undefined;
  let dir = 'questionnaires';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--help' || a === '-h') fail(USAGE, 0);
    else if (a === '--dir') dir = argv[++i] ?? fail(`--dir 后面缺少问卷目录\n${USAGE}`, 2);
    else if (a.startsWith('--dir=')) dir = a.slice('--dir='.length);
    else if (a.startsWith('-')) fail(`不认识的选项 ${a}\n${USAGE}`, 2);
    else if (file === undefined) file = a;
    else fail(`只能指定一个答案文件（多出 ${a}）\n${USAGE}`, 2);
  }
  if (file === undefined) fail(`缺少答案文件\n${USAGE}`, 2);
  return { file, dir };
}

const READ_ERRORS: Record<string, string> = { ENOENT: '文件不存在', EACCES: '没有读取权限', EISDIR: '这是一个目录，不是文件' };

function readAnswersFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    fail(`无法读取答案文件 ${file}：${READ_ERRORS[code] ?? (e as Error).message}`);
  }
  const json = extname(file).toLowerCase() === '.json';
  try {
    // YAML is a superset of JSON, but JSON.parse gives the clearer message for a .json file.
    return json ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    fail(`答案文件 ${file} 不是有效的 ${json ? 'JSON' : 'YAML'}${json ? jsonPosition(text, e as Error) : ''}：${(e as Error).message.split('\n')[0]}`);
  }
}

/** JSON.parse reports a character offset; people look for a line. */
function jsonPosition(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1])).split('\n');
  return `（第 ${before.length} 行第 ${before[before.length - 1].length + 1} 列）`;
}

function loadAll(dir: string): Questionnaire[] {
  try {
    return loadQuestionnaires(dir);
  } catch (e) {
    if (e instanceof QuestionnaireLoadError) fail(e.message);
    const code = (e as NodeJS.ErrnoException).code ?? '';
    fail(`无法读取问卷目录 ${dir}：${READ_ERRORS[code] ?? (e as Error).message}`);
  }
}

function report(file: string, problems: AnswerProblem[]): void {
  const errors = problems.filter((p) => p.level === 'error');
  const warnings = problems.filter((p) => p.level === 'warning');
  if (errors.length > 0)
    process.stderr.write(`答案文件 ${file} 有 ${errors.length} 处错误，未计分：\n${errors.map((e) => `  - ${e.message}`).join('\n')}\n`);
  for (const w of warnings) process.stderr.write(`警告：${w.message}\n`);
  if (errors.length > 0) process.exit(1);
}

const { file, dir } = parseArgs(process.argv.slice(2));
const raw = readAnswersFile(file);
const questionnaires = loadAll(resolve(dir));

const envelope = validateAnswersFile(questionnaires, raw);
report(file, envelope.problems);
const q = envelope.questionnaire!;
const { answers, problems } = validateAnswers(q, envelope.file!.answers);
report(file, problems);

process.stdout.write(`${JSON.stringify(score(q, answers), null, 2)}\n`);
