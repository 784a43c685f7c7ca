/** Test data for the enterprise registry: enterprises with valid credit codes, and a reviewed assessment. */
import type { FastifyInstance } from 'fastify';
import { generateUscc } from '../../server/domain/uscc.js';
import { OPTIONAL_FIELD_DEFAULTS, insertEnterprise, type EnterpriseFields } from '../../server/services/enterprises.js';
import { districtId } from './app.js';

let seed = 12345;
/** Deterministic, so a failing test shows the same codes on every run. */
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

export function newCreditCode(): string {
  return generateUscc(random);
}

/** Inserts an enterprise in the named district; returns its id. */
export function createEnterprise(
  app: FastifyInstance,
  districtName: string,
  fields: Partial<EnterpriseFields> = {},
): number {
  return insertEnterprise(app.db, {
    ...OPTIONAL_FIELD_DEFAULTS,
    creditCode: newCreditCode(),
    name: `测试企业${seed % 100000}有限公司`,
    districtId: districtId(app, districtName),
    industryCode: 'other',
    ...fields,
  }, app.now());
}

/** Records an assessment of the enterprise in the given status (bypassing the workflow, which has its own tests). */
export function addAssessment(app: FastifyInstance, enterpriseId: number, userId: number, status: string): void {
  app.db
    .prepare(
      `INSERT OR IGNORE INTO questionnaire_versions (id, version, hash, title, core_source)
       VALUES ('test', '0', 'test', 'test', '')`,
    )
    .run();
  app.db
    .prepare(
      `INSERT INTO assessments (enterprise_id, kind, status, questionnaire_id, questionnaire_version, created_by)
       VALUES (?, 'field', ?, 'test', '0', ?)`,
    )
    .run(enterpriseId, status, userId);
}
