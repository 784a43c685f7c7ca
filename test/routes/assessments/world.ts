/**
 * A small world for the assessment tests: the fixture questionnaires (core + auto), enterprises in two districts
 * and one user of every role and scope, with helpers to call the API as them.
 */
import { resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createTestApp, districtId, loginAs, type LoggedIn, type TestApp } from '../../helpers/app.js';
import { createEnterprise } from '../../helpers/enterprises.js';

export const FIXTURE_QUESTIONNAIRES = resolve('test/fixtures/assessments/questionnaires');

export interface World extends TestApp {
  /** 朝阳区, industry other (core questionnaire). */
  own: number;
  /** 汽开区, industry auto (core + auto module). */
  ownAuto: number;
  /** 南关区: nobody below bureau level in this world may see it, except its own users. */
  other: number;
  users: {
    admin: LoggedIn;
    bureau: LoggedIn;
    districtOwn: LoggedIn;
    districtOther: LoggedIn;
    diagAssigned: LoggedIn;
    diagOther: LoggedIn;
    entOwn: LoggedIn;
    entOther: LoggedIn;
  };
  call(as: LoggedIn | null, method: InjectOptions['method'], url: string, payload?: unknown): Promise<{ status: number; body: any }>;
}

export async function createWorld(overrides: Parameters<typeof createTestApp>[0] = {}): Promise<World> {
  const t = await createTestApp({ questionnaireDir: FIXTURE_QUESTIONNAIRES, ...overrides });
  const app = t.app;
  const own = createEnterprise(app, '朝阳区', { name: '长春测试机械有限公司' });
  const ownAuto = createEnterprise(app, '朝阳区', { name: '长春测试汽车零部件有限公司', industryCode: 'auto' });
  const other = createEnterprise(app, '南关区', { name: '长春他区测试有限公司' });
  const users = {
    admin: loginAs(app, 'admin'),
    bureau: loginAs(app, 'bureau'),
    districtOwn: loginAs(app, 'district', { districtId: districtId(app, '朝阳区') }),
    districtOther: loginAs(app, 'district', { districtId: districtId(app, '南关区') }),
    diagAssigned: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [own, ownAuto] }),
    diagOther: loginAs(app, 'diagnostician', { assignedEnterpriseIds: [other] }),
    entOwn: loginAs(app, 'enterprise', { enterpriseId: own }),
    entOther: loginAs(app, 'enterprise', { enterpriseId: other }),
  };
  return { ...t, own, ownAuto, other, users, call: (as, method, url, payload) => call(app, as, method, url, payload) };
}

export async function call(app: FastifyInstance, as: LoggedIn | null, method: InjectOptions['method'], url: string, payload?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: as?.headers ?? {},
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });
  let body: unknown = res.body;
  try {
    body = res.json();
  } catch {
    // not JSON (downloads)
  }
  return { status: res.statusCode, body: body as any };
}

/** A complete, valid answer set for the fixture core questionnaire. */
export function completeAnswers(maturity: 'full' | 'partial' | 'none' = 'partial'): { itemId: string; value: unknown }[] {
  return [
    { itemId: 'profile.name', value: '长春测试机械有限公司' },
    { itemId: 'profile.size', value: 'small' },
    { itemId: 'profile.internet', value: true },
    { itemId: 'profile.staff', value: 120 },
    { itemId: 'data.catalogue_filed', value: false },
    { itemId: 'data.inventory', value: [{ type: 'design.drawings', scale: 'industry' }] },
    { itemId: 'ctl.first_responsible', value: maturity },
    { itemId: 'ctl.backup', value: maturity },
    { itemId: 'ctl.training', value: 'none' },
  ];
}

export const batch = (baseVersion: number, answers: { itemId: string; value?: unknown; note?: string | null; flagged?: boolean; basis?: string | null }[], batchId: string = randomUUID()) => ({
  batchId,
  baseVersion,
  answers,
});

/** Creates a draft of the given kind as the given user and returns its id. */
/** A world and a self-assessment draft of its own enterprise by that enterprise's user: the start of many files. */
export async function worldWithSelfDraft(): Promise<{ w: World; id: number }> {
  const w = await createWorld();
  return { w, id: await draft(w, w.users.entOwn, w.own, 'self') };
}

export async function draft(w: World, as: LoggedIn, enterpriseId: number, kind: 'self' | 'field'): Promise<number> {
  const r = await w.call(as, 'POST', '/api/assessments', { enterpriseId, kind });
  if (r.status !== 201) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id;
}

/** A field assessment of `enterpriseId` taken to `status` through the API (answers complete). */
export async function assessmentAt(w: World, enterpriseId: number, status: 'draft' | 'submitted' | 'reviewed' | 'issued'): Promise<number> {
  const as = w.users.admin;
  const id = await draft(w, as, enterpriseId, 'field');
  const saved = await w.call(as, 'PUT', `/api/assessments/${id}/answers`, batch(0, completeAnswers()));
  if (saved.status !== 200) throw new Error(`answers failed: ${JSON.stringify(saved.body)}`);
  const steps = ['submit', 'review', 'issue'].slice(0, ['draft', 'submitted', 'reviewed', 'issued'].indexOf(status));
  for (const step of steps) {
    const r = await w.call(as, 'POST', `/api/assessments/${id}/${step}`);
    if (r.status !== 200) throw new Error(`${step} failed: ${JSON.stringify(r.body)}`);
  }
  return id;
}
