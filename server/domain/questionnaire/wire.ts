/**
 * The wire format of a composed questionnaire: what the server sends and the browser caches offline, one
 * document per questionnaire version. It is the composed questionnaire without its lookup Maps and without the
 * flat item list (both are rebuilt by fromWire), and it reuses the file format's schemas (schema.ts), so a
 * change to the format flows through to the wire and to the API documentation by itself.
 *
 * Rules: toWire and fromWire are inverse (fromWire(toWire(q)) behaves as q for conditions, validation and
 * scoring); a document is immutable for its id@version and identified by `hash`, which the server also
 * sends as the ETag.
 */
import { z } from 'zod';
import type { ComposedDataType, ComposedItem, ComposedSection, Questionnaire } from './compose.js';
import { CoreFile, DataType, ExposureRule, IndustryFile, Section } from './schema.js';

const Origin = z.enum(['core', 'industry']);
const PartRef = z.object({ id: z.string(), version: z.string(), hash: z.string() });

export const WireQuestionnaire = z
  .object({
    id: z.string().describe('问卷编号（行业模块编号，或通用部分编号）'),
    title: z.string(),
    version: z.string().describe('组合版本：<模块版本>+<通用部分编号>.<通用部分版本>'),
    hash: z.string().describe('内容哈希（sha256），即 ETag'),
    industry: z.string().nullable(),
    industryName: z.string().nullable(),
    core: PartRef,
    module: PartRef.nullable(),
    sections: z.array(Section.extend({ origin: Origin })),
    dataTypes: z.array(DataType.extend({ origin: Origin })),
    exposure: z.array(ExposureRule),
    keyEnterprise: IndustryFile.shape.key_enterprise.unwrap().nullable(),
    operationalTechnology: CoreFile.shape.operational_technology.unwrap().nullable(),
    importantDataDeclared: CoreFile.shape.important_data_declared.unwrap().nullable(),
    obligations: CoreFile.shape.obligations.unwrap(),
  })
  .describe('组合后的问卷（通用部分 + 行业模块）');
export type WireQuestionnaireDoc = z.infer<typeof WireQuestionnaire>;

/** The composed questionnaire as a plain JSON document. */
export function toWire(q: Questionnaire): WireQuestionnaireDoc {
  return {
    id: q.id,
    title: q.title,
    version: q.version,
    hash: q.hash,
    industry: q.industry,
    industryName: q.industryName,
    core: q.core,
    module: q.module,
    sections: q.sections,
    dataTypes: q.dataTypes,
    exposure: q.exposure,
    keyEnterprise: q.keyEnterprise ?? null,
    operationalTechnology: q.operationalTechnology,
    importantDataDeclared: q.importantDataDeclared,
    obligations: q.obligations,
  };
}

/** Validates a received document and rebuilds the in-memory questionnaire (item list and lookup Maps). */
export function fromWire(input: unknown): Questionnaire {
  const w = WireQuestionnaire.parse(input);
  const sections: ComposedSection[] = w.sections;
  const items: ComposedItem[] = sections.flatMap((s) => s.items.map((def) => ({ def, sectionId: s.id, origin: s.origin })));
  const dataTypes: ComposedDataType[] = w.dataTypes;
  return {
    ...w,
    sections,
    items,
    itemById: new Map(items.map((i) => [i.def.id, i])),
    dataTypes,
    dataTypeById: new Map(dataTypes.map((d) => [d.id, d])),
  };
}
