import { describe, expect, it } from 'vitest';
import {
  QuestionnaireLoadError,
  checkQuestionnaireDir,
  composeFromSources,
  loadQuestionnaires,
} from '../../server/services/questionnaire-loader.js';
import { MINIMAL_CORE, MINIMAL_MODULE, questionnaireDir } from '../helpers/questionnaire-files.js';

describe('questionnaire loader', () => {
  it('composes the core alone and the core with each industry module', () => {
    const qs = loadQuestionnaires(questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': MINIMAL_MODULE }));
    expect(qs.map((q) => q.id).sort()).toEqual(['core', 'steel']);
    const steel = qs.find((q) => q.id === 'steel')!;
    expect(steel.version).toBe('1.0.0+core.1.0.0');
    expect(steel.items.filter((i) => i.origin === 'industry').map((i) => i.def.id)).toEqual(['steel.output']);
    expect(steel.items[0].def.id).toBe('profile.internet');
    expect(steel.dataTypeById.get('steel.params')?.key).toBe(true);
    expect(steel.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(steel.hash).not.toBe(qs.find((q) => q.id === 'core')!.hash);
  });

  it('changes the content hash when a file changes', () => {
    const a = loadQuestionnaires(questionnaireDir({ 'core.yaml': MINIMAL_CORE }))[0];
    const b = loadQuestionnaires(questionnaireDir({ 'core.yaml': MINIMAL_CORE.replace('测试通用部分', '通用部分') }))[0];
    expect(a.hash).not.toBe(b.hash);
  });

  it('names the file, the path inside it with its line, and what is wrong', () => {
    const bad = MINIMAL_CORE.replace('scoring: { weight: 2, classification: true }', 'scoring: { weight: -1, classification: true }');
    const dir = questionnaireDir({ 'core.yaml': bad });
    expect(() => loadQuestionnaires(dir)).toThrow(QuestionnaireLoadError);
    const { problems } = checkQuestionnaireDir(dir);
    const p = problems.find((x) => x.level === 'error')!;
    expect(p.file).toMatch(/core\.yaml$/);
    expect(p.where).toContain('sections[1](classification).items[1](classification.catalogue_filed).scoring.weight');
    expect(p.where).toMatch(/第 \d+ 行/);
  });

  it('reports unknown fields and wrong kinds in Chinese', () => {
    const dir = questionnaireDir({ 'core.yaml': MINIMAL_CORE.replace('kind: yesno', 'kind: yesno\n        colour: red') });
    const { problems } = checkQuestionnaireDir(dir);
    expect(problems.some((p) => p.message.includes('不认识的字段：colour'))).toBe(true);
  });

  it('reports YAML syntax errors with their line', () => {
    const dir = questionnaireDir({ 'core.yaml': MINIMAL_CORE.replace('title: 基本情况', 'title: [基本情况') });
    const { problems } = checkQuestionnaireDir(dir);
    expect(problems[0].message).toContain('YAML 语法错误');
    expect(problems[0].where).toMatch(/第 \d+ 行/);
  });

  it('refuses a module whose core does not exist', () => {
    const dir = questionnaireDir({ 'steel.yaml': MINIMAL_MODULE });
    const { problems } = checkQuestionnaireDir(dir);
    expect(problems.some((p) => p.where === 'core' && p.message.includes('找不到'))).toBe(true);
  });

  it('recomposes a stored version from its source texts', () => {
    const q = composeFromSources(MINIMAL_CORE, MINIMAL_MODULE);
    expect(q.id).toBe('steel');
    expect(q.itemById.has('steel.output')).toBe(true);
  });
});
