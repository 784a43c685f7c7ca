/**
 * Builders for tiny hand-written questionnaires, so each test shows exactly the items its arithmetic uses.
 * Everything goes through the real schema (QuestionnaireFile) and the loader's composition, as questionnaires/*.yaml do.
 */
import type { InventoryRowValue } from '../../../server/domain/questionnaire/answers.js';
import type { Questionnaire } from '../../../server/domain/questionnaire/compose.js';
import { composeFiles, sha256 } from '../../../server/services/questionnaire-loader.js';
import { QuestionnaireFile, type CoreFileDef, type IndustryFileDef } from '../../../server/domain/questionnaire/schema.js';

type Obj = Record<string, unknown>;

/** A control item with a finding; `scoring` is passed through the schema (weight defaults to 1). */
export function control(id: string, scoring: Obj, extra: Obj = {}): Obj {
  return {
    id,
    kind: 'control',
    label: `题目 ${id}`,
    scoring,
    finding: { problem: `${id} 未落实`, recommendation: `落实 ${id}`, priority: 'medium' },
    ...extra,
  };
}

export const inventoryItem: Obj = { id: 'data.inventory', kind: 'inventory', label: '数据清单', role: 'data_inventory' };

export function filedItem(scoring: Obj = { classification: true }): Obj {
  return control('data.filed', scoring, { label: '已备案重要数据目录', role: 'catalogue_filed' });
}

export interface CoreSpec {
  items: Obj[];
  data_types?: Obj[];
  exposure?: Obj[];
  sections?: Obj[];
  operational_technology?: Obj;
  important_data_declared?: Obj;
  obligations?: Obj[];
}

export function coreDef(spec: CoreSpec): CoreFileDef {
  return QuestionnaireFile.parse({
    kind: 'core',
    id: 't',
    title: '测试问卷',
    version: '1.0.0',
    exposure: spec.exposure ?? [],
    ...(spec.operational_technology && { operational_technology: spec.operational_technology }),
    ...(spec.important_data_declared && { important_data_declared: spec.important_data_declared }),
    obligations: spec.obligations ?? [],
    data_types: spec.data_types ?? [],
    sections: spec.sections ?? [{ id: 's', title: '测试', items: spec.items }],
  }) as CoreFileDef;
}

export function buildQ(spec: CoreSpec, module?: Obj): Questionnaire {
  const core = coreDef(spec);
  const mod = module
    ? (QuestionnaireFile.parse({ kind: 'industry', id: 'ind', title: '行业', version: '1.0.0', core: 't', industry_name: '测试行业', ...module }) as IndustryFileDef)
    : undefined;
  return composeFiles(
    { def: core, hash: sha256(JSON.stringify(core)) },
    mod && { def: mod, hash: sha256(JSON.stringify(mod)) },
  );
}

/** An inventory row with the schema defaults filled in, as validateAnswers() returns it. */
export function row(fields: Obj): InventoryRowValue {
  return {
    held: true,
    scale: 'enterprise',
    precision: 'medium',
    volume: 'small',
    personal_count: 'none',
    national_project: false,
    location: 'onprem',
    shared_external: false,
    cross_border: false,
    ...fields,
  } as InventoryRowValue;
}
