/**
 * The software module (questionnaires/software.yaml): composition with the core, the sample answers of a
 * mid-maturity Changchun industrial-software company (test/fixtures/answers/software-mid.json), the key-enterprise
 * criterion and the grading rules of its key data.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answers } from '../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../server/domain/questionnaire/compose.js';
import { validateAnswers, validateAnswersFile } from '../../server/domain/questionnaire/validate-answers.js';
import { score, type ScoreResult } from '../../server/domain/scoring/index.js';
import { loadQuestionnaires } from '../../server/services/questionnaire-loader.js';

const ID = 'software';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = `${ROOT}test/fixtures/answers/${ID}-mid.json`;

let q: Questionnaire;
let answers: Answers;
let result: ScoreResult;
let inventoryId: string;

/** Scores the fixture's answers with the data inventory replaced by the given rows (schema defaults applied). */
function catalogueFor(rows: Record<string, unknown>[]) {
  const { answers: a, problems } = validateAnswers(q, { ...answers, [inventoryId]: rows });
  expect(problems.filter((p) => p.level === 'error')).toEqual([]);
  return score(q, a).classification.catalogue;
}

beforeAll(() => {
  q = loadQuestionnaires(`${ROOT}questionnaires`).find((x) => x.id === ID)!;
  const envelope = validateAnswersFile([q], JSON.parse(readFileSync(FIXTURE, 'utf8')));
  expect(envelope.problems).toEqual([]);
  const validated = validateAnswers(q, envelope.file!.answers);
  expect(validated.problems.filter((p) => p.level === 'error')).toEqual([]);
  answers = validated.answers;
  result = score(q, answers);
  inventoryId = q.items.find((i) => i.def.role === 'data_inventory')!.def.id;
});

describe('软件行业模块', () => {
  it('composes with the core and has at least 25 industry items', () => {
    expect(q).toBeDefined();
    expect(q.industryName).toBe('软件');
    const industry = q.items.filter((i) => i.origin === 'industry');
    expect(industry.length).toBeGreaterThanOrEqual(25);
    expect(industry.every((i) => i.def.id.startsWith(`${ID}.`))).toBe(true);
    const keyTypes = q.dataTypes.filter((d) => d.origin === 'industry' && d.key).map((d) => d.id);
    expect(keyTypes).toEqual(expect.arrayContaining(['software.dt.source_code', 'software.dt.algorithm']));
  });

  it('covers the four frequent-risk scenarios and the software risks of the annex', () => {
    const scenarios = new Set(
      q.items.filter((i) => i.origin === 'industry').flatMap((i) => ('scoring' in i.def && i.def.scoring?.risk ? [i.def.scoring.risk.scenario] : [])),
    );
    for (const s of ['ransomware', 'vuln_backdoor', 'insider_misuse', 'uncontrolled_remote_om', 'tampering', 'supply_chain'])
      expect(scenarios).toContain(s);
    // 源代码漏洞审查、开源组件评估与白名单、API 的认证授权与数据暴露、云化服务、AI 训练
    for (const id of ['software.supply.code_audit', 'software.supply.sca', 'software.supply.whitelist', 'software.api.authz', 'software.api.exposure', 'software.cloud.tenant_isolation', 'software.ai.data_source'])
      expect(q.itemById.has(id), id).toBe(true);
  });

  it('scores the mid-maturity fixture plausibly', () => {
    expect(result.questionnaire.id).toBe(ID);
    expect(result.classification.score).toBeGreaterThan(0);
    expect(result.classification.score).toBeLessThan(100);
    expect(result.risk.entries.length).toBeGreaterThan(0);
    expect(result.risk.entries.some((e) => e.sources[0].itemId.startsWith(`${ID}.`))).toBe(true);
    expect(result.maturity.level).toBeGreaterThanOrEqual(1);
    expect(result.maturity.mean).toBeGreaterThan(0);
    expect(result.findings.some((f) => f.itemId.startsWith(`${ID}.`))).toBe(true);
    // A provincial 专精特新 SME is a key enterprise under the annex.
    expect(result.profile.keyEnterprise?.met).toBe(true);
    expect(result.classification.catalogue.some((e) => e.key && e.dataType?.startsWith(`${ID}.`))).toBe(true);
  });

  it('flags key software enterprises, 专精特新 SMEs and leaders, but not others', () => {
    const ke = (recognition: string[]) => score(q, { ...answers, 'software.profile.recognition': recognition }).profile.keyEnterprise?.met;
    expect(ke(['key_software'])).toBe(true);
    expect(ke(['little_giant'])).toBe(true);
    expect(ke(['leader'])).toBe(true);
    expect(ke(['none'])).toBe(false);
  });

  it('proposes important or core for key data at national scale, general at enterprise or regional scale', () => {
    const keyTypes = q.dataTypes.filter((d) => d.origin === 'industry' && d.key);
    for (const t of keyTypes) {
      const [national, enterprise, regional] = catalogueFor([
        { type: t.id, scale: 'national' },
        { type: t.id, scale: 'enterprise' },
        { type: t.id, scale: 'regional' },
      ]);
      expect(['important', 'core'], `${t.id} national`).toContain(national.level);
      expect(enterprise.level, `${t.id} enterprise`).toBe('general');
      expect(regional.level, `${t.id} regional`).toBe('general');
    }
  });

  it('grades hosted industrial data by what customers entrust, and code for national projects as core', () => {
    const hosted = (kind: string) => {
      const { answers: a } = validateAnswers(q, {
        ...answers,
        'software.profile.delivery': ['saas'],
        'software.profile.hosted_data': kind,
        [inventoryId]: [{ type: 'software.dt.customer_hosted', scale: 'regional', volume: 'large' }],
      });
      return score(q, a).classification.catalogue[0].level;
    };
    expect(hosted('industrial_important')).toBe('important');
    expect(hosted('business')).toBe('general');
    const [code] = catalogueFor([{ type: 'software.dt.source_code', scale: 'enterprise', national_project: true }]);
    expect(code.level).toBe('core');
  });
});
