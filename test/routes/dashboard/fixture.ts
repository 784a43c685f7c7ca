/**
 * A small hand-counted city for the dashboard tests, at a fixed clock (2026-06-30):
 *
 * Findings A, B, C are the core checklist's items org.first_responsible, org.security_lead, org.management_body.
 *
 * 朝阳区: e1 钢铁 — report issued 2026-03-02 (Mon), risk high, maturity 2, findings A open + B accepted;
 *                 2 red lines, classification done, catalogue not filed, holds 重要/核心 candidates, meets the
 *                 key-enterprise criterion
 *         e2 钢铁 — draft only (in progress), finding A in progress (not in the loop: it counts the rectification work
 *                 list's rows, findings of reviewed and issued assessments)
 *         e3 other — nothing (not started)
 *         e4 other — refused
 * 南关区: e5 钢铁 — report issued 2026-03-04 (same week as e1), risk low, maturity 3, findings A rectified, C open;
 *                 no red line, classification done, catalogue filed, holds candidates;
 *                 an earlier assessment of e5 issued 2026-01-05 with risk high and 1 red line, no classification,
 *                 meeting the key-enterprise criterion (the latest issued one counts: e5 is no candidate)
 *         e6 other — nothing (not started)
 *
 * So the city: roster 6, diagnosed 2, in progress 1, not started 2, refused 1; findings in the loop 4 (open 2,
 * rectified 1, accepted 1), close rate 2/4, overdue 2 (e1's A and e5's C, both issued > 90 days before the clock);
 * top finding A (3 enterprises); red lines: 1 enterprise, 2 red lines; classification done 2, catalogue filed 1,
 * candidates held 2; key-enterprise candidates 1 (e1). Weekly trend: 2026-01-05 → 1 (e5's first report), 2026-03-02 → 1 (e1).
 */
import type { FastifyInstance } from 'fastify';
import { createEnterprise } from '../../helpers/enterprises.js';

export const CLOCK = '2026-06-30T08:00:00.000Z';

/** The fixture's findings A, B, C: real checklist items, so the dashboard can name them. */
export const ITEMS = {
  A: { id: 'org.first_responsible', label: '已书面明确法定代表人或主要负责人为本单位数据安全第一责任人' },
  B: { id: 'org.security_lead', label: '已书面任命数据安全负责人，处理重要数据的由管理层成员担任' },
  C: { id: 'org.management_body', label: '设立数据安全管理机构（领导小组或归口管理部门），职责和成员明确' },
} as const;

/** The part of a 2.x score result's summary the dashboard counts. */
interface Summary { redlines: number; classificationDone: boolean; catalogueFiled: boolean; candidatesHeld: boolean; keyEnterpriseCandidate: boolean }

function assessment(app: FastifyInstance, enterpriseId: number, userId: number, status: string, issuedAt: string | null): number {
  app.db
    .prepare(
      `INSERT OR IGNORE INTO questionnaire_versions (id, version, hash, title, core_source)
       VALUES ('test', '0', 'test', 'test', '')`,
    )
    .run();
  return Number(
    app.db
      .prepare(
        `INSERT INTO assessments (enterprise_id, kind, status, questionnaire_id, questionnaire_version, created_by, issued_at)
         VALUES (?, 'field', ?, 'test', '0', ?, ?)`,
      )
      .run(enterpriseId, status, userId, issuedAt).lastInsertRowid,
  );
}

function score(app: FastifyInstance, assessmentId: number, risk: string, maturity: number, summary: Summary): void {
  app.db
    .prepare(
      `INSERT INTO scores (assessment_id, questionnaire_id, questionnaire_version, questionnaire_hash, scoring_model,
         classification_score, risk_level, maturity_level, maturity_mean, result)
       VALUES (?, 'test', '0', 'test', 'test', 0, ?, ?, ?, ?)`,
    )
    .run(assessmentId, risk, maturity, maturity, JSON.stringify({ summary }));
}

function finding(app: FastifyInstance, assessmentId: number, item: keyof typeof ITEMS, status: string): void {
  const id = Number(
    app.db.prepare('INSERT INTO rectifications (assessment_id, item_id) VALUES (?, ?)').run(assessmentId, ITEMS[item].id).lastInsertRowid,
  );
  // Moved on by an update, as the workflow does, so the summary's update trigger is exercised too.
  if (status !== 'open') app.db.prepare('UPDATE rectifications SET status = ? WHERE id = ?').run(status, id);
}

export interface Fixture { e: number[]; userId: number }

export function buildFixture(app: FastifyInstance, userId: number): Fixture {
  const e1 = createEnterprise(app, '朝阳区', { industryCode: 'steel', name: '一号钢铁有限公司' });
  const e2 = createEnterprise(app, '朝阳区', { industryCode: 'steel', name: '二号钢铁有限公司' });
  const e3 = createEnterprise(app, '朝阳区', { name: '三号有限公司' });
  const e4 = createEnterprise(app, '朝阳区', { name: '四号有限公司' });
  app.db.prepare('UPDATE enterprises SET refused = 1 WHERE id = ?').run(e4);
  const e5 = createEnterprise(app, '南关区', { industryCode: 'steel', name: '五号钢铁有限公司' });
  const e6 = createEnterprise(app, '南关区', { name: '六号有限公司' });

  const a1 = assessment(app, e1, userId, 'issued', '2026-03-02T09:00:00.000Z');
  score(app, a1, 'high', 2, { redlines: 2, classificationDone: true, catalogueFiled: false, candidatesHeld: true, keyEnterpriseCandidate: true });
  finding(app, a1, 'A', 'open');
  finding(app, a1, 'B', 'accepted');
  const a2 = assessment(app, e2, userId, 'draft', null);
  finding(app, a2, 'A', 'in_progress');
  const a5old = assessment(app, e5, userId, 'issued', '2026-01-05T09:00:00.000Z');
  score(app, a5old, 'high', 1, { redlines: 1, classificationDone: false, catalogueFiled: false, candidatesHeld: false, keyEnterpriseCandidate: true });
  const a5 = assessment(app, e5, userId, 'draft', null);
  // Scored before it is issued, as the workflow does: the levels must follow the issue.
  score(app, a5, 'low', 3, { redlines: 0, classificationDone: true, catalogueFiled: true, candidatesHeld: true, keyEnterpriseCandidate: false });
  app.db.prepare("UPDATE assessments SET status = 'issued', issued_at = '2026-03-04T09:00:00.000Z' WHERE id = ?").run(a5);
  finding(app, a5, 'A', 'rectified');
  finding(app, a5, 'C', 'open');
  return { e: [e1, e2, e3, e4, e5, e6], userId };
}
