/**
 * The questionnaires the server serves: the current version of each (from questionnaires/ at start) and
 * every version it has served before (from the database), so an assessment pinned to an old version
 * keeps its questionnaire.
 */
import type { Db } from '../db/open.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import { toWire } from '../domain/questionnaire/wire.js';
import { composeFromSources, type LoadedQuestionnaire } from './questionnaire-loader.js';

export interface QuestionnaireRegistry {
  /** The current version of every questionnaire. */
  list(): Questionnaire[];
  current(id: string): Questionnaire | undefined;
  /** A specific version, current or stored; undefined when unknown. */
  get(id: string, version: string): Questionnaire | undefined;
  /**
   * The wire document (domain/questionnaire/wire.ts) of a questionnaire, serialised once per version: large,
   * immutable and asked for on every form load. `etag` is the quoted content hash.
   */
  wire(q: Questionnaire): WireEntry;
}

export interface WireEntry {
  json: string;
  etag: string;
}

export function createQuestionnaireRegistry(db: Db, loaded: LoadedQuestionnaire[]): QuestionnaireRegistry {
  const record = db.prepare(
    `INSERT INTO questionnaire_versions (id, version, hash, title, industry, core_source, module_source, reference_options)
     VALUES (@id, @version, @hash, @title, @industry, @coreText, @moduleText, @referenceOptions)
     ON CONFLICT (id, version) DO NOTHING`,
  );
  const storedHash = db.prepare('SELECT hash FROM questionnaire_versions WHERE id = ? AND version = ?').pluck();
  db.transaction(() => {
    for (const { questionnaire: q, coreText, moduleText, referenceOptions } of loaded) {
      const hash = storedHash.get(q.id, q.version) as string | undefined;
      if (hash !== undefined && hash !== q.hash) {
        // Same version number, different content: answers pinned to the stored version would be misread.
        throw new Error(
          `问卷 ${q.id} 的内容已修改但版本号仍为 ${q.version}：请在问卷文件中提高 version 后再启动。`,
        );
      }
      record.run({
        id: q.id,
        version: q.version,
        hash: q.hash,
        title: q.title,
        industry: q.industry,
        coreText,
        moduleText,
        referenceOptions,
      });
    }
  })();

  const current = new Map(loaded.map((l) => [l.questionnaire.id, l.questionnaire]));
  const byVersion = new Map(loaded.map((l) => [`${l.questionnaire.id}@${l.questionnaire.version}`, l.questionnaire]));
  const loadStored = db.prepare(
    `SELECT core_source AS coreText, module_source AS moduleText, reference_options AS referenceOptions
     FROM questionnaire_versions WHERE id = ? AND version = ?`,
  );

  const wires = new Map<string, WireEntry>();

  return {
    list: () => [...current.values()],
    wire(q) {
      const key = `${q.id}@${q.version}`;
      let entry = wires.get(key);
      if (!entry) wires.set(key, (entry = { json: JSON.stringify(toWire(q)), etag: `"${q.hash}"` }));
      return entry;
    },
    current: (id) => current.get(id),
    get(id, version) {
      const key = `${id}@${version}`;
      const hit = byVersion.get(key);
      if (hit) return hit;
      const row = loadStored.get(id, version) as
        | { coreText: string; moduleText: string | null; referenceOptions: string | null }
        | undefined;
      if (!row) return undefined;
      const q = composeFromSources(row.coreText, row.moduleText, row.referenceOptions);
      byVersion.set(key, q);
      return q;
    },
  };
}
