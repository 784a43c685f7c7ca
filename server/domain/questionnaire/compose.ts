/**
 * Composition: an industry questionnaire is the common core followed by one industry module.
 * The core alone is also a questionnaire (通用), for enterprises outside the nine industries.
 * Pure and browser-safe: file hashes are computed by whoever read the files (services/questionnaire-loader.ts)
 * and passed in.
 */
import type {
  CoreFileDef,
  DataTypeDef,
  Condition,
  ExposureRuleDef,
  IndustryFileDef,
  ItemDef,
  ObligationDef,
  SectionDef,
} from './schema.js';

export type Origin = 'core' | 'industry';

export interface ComposedItem {
  def: ItemDef;
  sectionId: string;
  origin: Origin;
}

export interface ComposedSection extends SectionDef {
  origin: Origin;
}

export interface ComposedDataType extends DataTypeDef {
  origin: Origin;
}

export interface Questionnaire {
  /** The module id (steel, ic, …), or the core's id for the core alone. */
  id: string;
  title: string;
  /** Composite version that answers are pinned to: `<module version>+<core id>.<core version>`. */
  version: string;
  /** sha256 over the content of both files. */
  hash: string;
  industry: string | null;
  industryName: string | null;
  core: { id: string; version: string; hash: string };
  module: { id: string; version: string; hash: string } | null;
  sections: ComposedSection[];
  items: ComposedItem[];
  itemById: ReadonlyMap<string, ComposedItem>;
  dataTypes: ComposedDataType[];
  dataTypeById: ReadonlyMap<string, ComposedDataType>;
  exposure: ExposureRuleDef[];
  keyEnterprise: IndustryFileDef['key_enterprise'] | null;
  /** When the enterprise runs OT (from the core); null when the core does not say. */
  operationalTechnology: Condition | null;
  /** When the enterprise declares 重要/核心 data (from the core); null when the core does not say. */
  importantDataDeclared: Condition | null;
  obligations: ObligationDef[];
}

export interface HashedFile<T> {
  def: T;
  /** sha256 of the file's text. */
  hash: string;
}

/**
 * Composes the core with an optional industry module. Duplicate ids are reported by analyze(), not here.
 * `hash` identifies the composition's content (the core alone is identified by its own hash).
 */
export function compose(core: HashedFile<CoreFileDef>): Questionnaire;
export function compose(core: HashedFile<CoreFileDef>, module: HashedFile<IndustryFileDef> | undefined, hash: string): Questionnaire;
export function compose(core: HashedFile<CoreFileDef>, module?: HashedFile<IndustryFileDef>, hash?: string): Questionnaire {
  if (module && hash === undefined) throw new Error('compose: a core with a module needs the composition hash');
  const sections: ComposedSection[] = [
    ...core.def.sections.map((s) => ({ ...s, origin: 'core' as const })),
    ...(module?.def.sections ?? []).map((s) => ({ ...s, origin: 'industry' as const })),
  ];
  const items = sections.flatMap((s) => s.items.map((def) => ({ def, sectionId: s.id, origin: s.origin })));
  const dataTypes: ComposedDataType[] = [
    ...core.def.data_types.map((d) => ({ ...d, origin: 'core' as const })),
    ...(module?.def.data_types ?? []).map((d) => ({ ...d, origin: 'industry' as const })),
  ];
  const coreRef = { id: core.def.id, version: core.def.version, hash: core.hash };
  return {
    id: module?.def.id ?? core.def.id,
    title: module?.def.title ?? core.def.title,
    version: module ? `${module.def.version}+${core.def.id}.${core.def.version}` : core.def.version,
    hash: module ? hash! : core.hash,
    industry: module?.def.id ?? null,
    industryName: module?.def.industry_name ?? null,
    core: coreRef,
    module: module ? { id: module.def.id, version: module.def.version, hash: module.hash } : null,
    sections,
    items,
    itemById: new Map(items.map((i) => [i.def.id, i])),
    dataTypes,
    dataTypeById: new Map(dataTypes.map((d) => [d.id, d])),
    exposure: core.def.exposure,
    keyEnterprise: module?.def.key_enterprise ?? null,
    operationalTechnology: core.def.operational_technology ?? null,
    importantDataDeclared: core.def.important_data_declared ?? null,
    obligations: core.def.obligations,
  };
}
