/**
 * A questionnaire version whose district and industry options came from the reference data keeps those options:
 * an assessment pinned to it is shown what it was answered against after the reference file changes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open.js';
import { loadQuestionnaireSources } from '../../server/services/questionnaire-loader.js';
import { createQuestionnaireRegistry } from '../../server/services/questionnaire-registry.js';

describe('questionnaire registry and reference options', () => {
  it('recomposes a stored version with the options it was served with', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'dsd-reg-ref-')), 'dsd.sqlite'));
    const first = createQuestionnaireRegistry(db, loadQuestionnaireSources(resolve('questionnaires')));
    const served = first.current('core')!;
    const stored = db.prepare(`SELECT reference_options FROM questionnaire_versions WHERE id = 'core'`).pluck().get() as string;
    expect(JSON.parse(stored).district).toHaveLength(18);

    // A later start where that version is no longer among the files: it comes back from the database alone.
    const later = createQuestionnaireRegistry(db, []);
    const again = later.get('core', served.version)!;
    expect(again.hash).toBe(served.hash);
    const options = (q: typeof served) => {
      const def = q.items.find((i) => i.def.role === 'district')!.def;
      return def.kind === 'single' ? def.options : [];
    };
    expect(options(again)).toEqual(options(served));
    db.close();
  });
});
