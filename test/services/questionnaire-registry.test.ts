import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../server/db/open.js';
import { loadQuestionnaireSources } from '../../server/services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../../server/services/questionnaire-registry.js';
import { MINIMAL_CORE, MINIMAL_MODULE, questionnaireDir } from '../helpers/questionnaire-files.js';

const freshDb = () => openDatabase(join(mkdtempSync(join(tmpdir(), 'dsd-reg-')), 'dsd.sqlite'));

describe('questionnaire registry', () => {
  it('keeps serving a version after the files move on to a new one', () => {
    const db = freshDb();
    createQuestionnaireRegistry(db, loadQuestionnaireSources(questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': MINIMAL_MODULE })));
    const v2 = MINIMAL_MODULE.replace('version: 1.0.0', 'version: 1.1.0').replace('粗钢年产量\n', '粗钢年产量（上年度）\n');
    const registry = createQuestionnaireRegistry(db, loadQuestionnaireSources(questionnaireDir({ 'core.yaml': MINIMAL_CORE, 'steel.yaml': v2 })));
    expect(registry.current('steel')?.version).toBe('1.1.0+core.1.0.0');
    const old = registry.get('steel', '1.0.0+core.1.0.0');
    expect(old?.itemById.get('steel.output')?.def.label).toBe('粗钢年产量');
    expect(registry.get('steel', '9.9.9')).toBeUndefined();
  });

  it('refuses changed content under an unchanged version number', () => {
    const db = freshDb();
    createQuestionnaireRegistry(db, loadQuestionnaireSources(questionnaireDir({ 'core.yaml': MINIMAL_CORE })));
    const edited = MINIMAL_CORE.replace('测试通用部分', '测试通用部分（修订）');
    expect(() => createQuestionnaireRegistry(db, loadQuestionnaireSources(questionnaireDir({ 'core.yaml': edited })))).toThrow(/提高 version/);
  });
});
