/**
 * The demo and scale dataset: fictional enterprises over the city's districts with a Changchun-like industry mix
 * (汽开区 mostly automotive, the counties food, textile and chemicals), valid credit codes, assessments at every
 * stage with answers generated from the real questionnaires, and rectifications in every state — all written by
 * the real services (registration, assessment creation, answer batches, submit with scoring, review, issue,
 * rectification), each at the time of the story being told (a fixed clock), so the data obeys every rule the API
 * enforces. `scale` multiplies the enterprises per district (1 ≈ 290; about 171 gives a 50,000-enterprise city);
 * `seed` picks another, equally reproducible, city; `campaigns` tells earlier campaign years. Loaded only into a
 * database without enterprises, in one transaction (a large city: in batches, `commitEvery`).
 */
import type { Db } from '../db/open.js';
import { withScoreTextCache } from '../db/score-record.js';
import type { SessionUser } from '../domain/roles.js';
import { generateUscc } from '../domain/uscc.js';
import { isScored, type EvidenceBasisCode } from '../domain/questionnaire/schema.js';
import type { AssessmentKind, AssessmentStatus, Size } from '../domain/vocabularies.js';
import type { AnswerBatch } from '../schemas/assessments.js';
import { applyAnswerBatch } from '../services/answers.js';
import { advanceAssessment, createAssessment, submitAssessment } from '../services/assessments.js';
import { registerEnterprise } from '../services/enterprises.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import type { QuestionnaireRegistry } from '../services/questionnaire-registry.js';
import { changeRectification } from '../services/rectifications.js';
import { addAssignments, createAccountWithoutLogin, createDemoAccounts, findUser } from '../services/users.js';
import { demoMaturity, generateAnswers } from './answers.js';
import { storyCopier, type ProfileItems } from './clone.js';
import { addUpwardFigures } from './upward.js';
import {
  BUSINESS,
  DISTRICT_MIX,
  GIVEN,
  REFUSALS,
  ROADS,
  SUFFIXES,
  SURNAMES,
  TRADE_NAMES,
  context,
  day,
  weighted,
  type Ctx,
  type DemoEnterprise,
  type Industry,
} from './plan.js';

export interface DemoSummary {
  enterprises: number;
  refused: number;
  assessments: Record<AssessmentStatus, number>;
  rectifications: number;
}

export interface DemoOptions {
  /** Seed of the random source: the same seed and scale give the same data. */
  seed?: number;
  /** Enterprises per district relative to the demo city (1 ≈ 290 enterprises). */
  scale?: number;
  /**
   * Yearly diagnosis campaigns told (default 1, the current one): each earlier year adds an issued field diagnosis
   * for about two thirds of the enterprises, its findings mostly closed. Three give a city about two assessments an
   * enterprise.
   */
  campaigns?: number;
  /**
   * For a large city: commit after about this many assessments (the default, 0, is one transaction for the whole
   * city) and report progress, so the write-ahead log stays small. Interrupted, such a city is partly written.
   */
  commitEvery?: number;
  onProgress?: (p: { enterprisesDone: number; enterprises: number; assessments: number }) => void;
  /**
   * For a large city: once this many enterprises of an industry and size have had their story told through the
   * services, each further one of that industry and size gets a copy of one of those stories (picked at random),
   * with its own name, credit code, district and people (`clone.ts`). The default, 0, tells every story.
   */
  storiesPerKind?: number;
  /**
   * Enterprises a field diagnostician carries (default 250): a city gets one diagnostician per this many, at least
   * six, in a work group per district when there are more diagnosticians than districts.
   */
  perDiagnostician?: number;
}

/** A district without a plan of its own (another city's reference data) gets a general mix. */
const DEFAULT_PLAN = { count: 10, mix: { other: 3, auto: 1, software: 1 } as Partial<Record<Industry, number>>, place: '' };

/**
 * Loads the dataset unless the database already has enterprises (then returns null). Runs before the server
 * listens; the awaited password hashing of the demo accounts happens inside the same open transaction (the first
 * one, with `commitEvery`).
 */
export async function loadDemoData(db: Db, registry: QuestionnaireRegistry, options: DemoOptions = {}): Promise<DemoSummary | null> {
  if ((db.prepare('SELECT COUNT(*) FROM enterprises').pluck().get() as number) > 0) return null;
  // Each service call is a savepoint inside the city's long transaction, and SQLite keeps the pages it changes in a
  // sub-journal that outgrows its memory buffer and went to a temporary file: nineteen writes in twenty were to that
  // file. In memory for the load; the connection's setting is restored after.
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');
  const deferred = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${DEFERRED_INDEXES.map(() => '?').join(', ')})`)
    .all(...DEFERRED_INDEXES) as { name: string; sql: string }[];
  const buildDeferred = () => {
    for (const index of deferred)
      if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(index.name) === undefined) db.exec(index.sql);
  };
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      for (const index of deferred) db.exec(`DROP INDEX ${index.name}`);
      // On any error all that is uncommitted is rolled back (below) and the remembered text ids go with it.
      const summary = await withScoreTextCache(db, () => fill(db, registry, context(options.seed ?? 20260301), options));
      buildDeferred();
      db.exec('COMMIT');
      return summary;
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // A city committed in batches has lost the indexes in its first one.
      buildDeferred();
      throw err;
    }
  } finally {
    db.pragma(`temp_store = ${tempStore}`);
  }
}

/**
 * Indexes built once at the end of a load rather than row by row: the rectification work list's two partial indexes
 * (migrations 160, 164) are ordered by status, due date and area, so each finding written lands on a random page of
 * them. At 50,000 enterprises they were two thirds of the time of writing an assessment's findings (3.1 of 4.6 ms).
 */
const DEFERRED_INDEXES = ['rectifications_work', 'rectifications_area'];

/** The scale that gives about `enterprises` enterprises over the database's districts. */
export function scaleForEnterprises(db: Db, enterprises: number): number {
  const codes = db.prepare('SELECT code FROM districts').pluck().all() as string[];
  const perScale = codes.reduce((n, code) => n + (DISTRICT_MIX[code] ?? DEFAULT_PLAN).count, 0);
  return enterprises / perScale;
}

const RECTIFICATION_STEPS = [
  { to: 'in_progress', note: '已制定整改计划，明确责任人和完成时限', side: 'enterprise' },
  { to: 'rectified', note: '已完成整改，相关制度和记录已归档', side: 'enterprise' },
  { to: 'accepted', note: '现场核验整改材料，确认整改到位', side: 'confirmer' },
] as const;

interface Plan {
  kind: AssessmentKind;
  status: AssessmentStatus;
  /** 0 for the current campaign, 1 for last year's, … */
  yearsBack: number;
}

/** The share of enterprises diagnosed in each earlier campaign year: with three years, about two assessments each. */
const PAST_CAMPAIGN_SHARE = 0.64;

async function fill(db: Db, registry: QuestionnaireRegistry, c: Ctx, options: DemoOptions): Promise<DemoSummary> {
  const { scale = 1, campaigns = 1, commitEvery = 0, onProgress, storiesPerKind = 0 } = options;
  const districts = db.prepare('SELECT id, code, name FROM districts ORDER BY sort_order').all() as { id: number; code: string; name: string }[];
  const industries = new Set(db.prepare('SELECT code FROM industries').pluck().all() as string[]);
  // Enterprises are registered as the city's bureau would; registration stores no author, so no account is needed yet.
  const registrar: SessionUser = { id: 0, username: 'demo-registrar', displayName: '演示数据', role: 'bureau', districtId: null, enterpriseId: null };

  const enterprises: (DemoEnterprise & { districtId: number; refused: boolean })[] = [];
  const names = new Set<string>();
  const codes = new Set<string>();
  for (const d of districts) {
    const plan = DISTRICT_MIX[d.code] ?? DEFAULT_PLAN;
    const count = Math.round(plan.count * scale);
    for (let i = 0; i < count; i++) {
      const drawn = weighted(c, plan.mix);
      const industry = industries.has(drawn) ? drawn : 'other';
      let name: string;
      let attempt = 0;
      do {
        name = `${plan.place}${c.pick(TRADE_NAMES)}${c.pick(BUSINESS[industry])}${c.pick(SUFFIXES)}`;
        // A large city runs out of combinations: number the branches (分公司) instead of looping forever.
        if (++attempt > 20) name = name.replace(/(有限公司)$/, `第${attempt}分公司`);
      } while (names.has(name));
      names.add(name);
      let creditCode: string;
      do creditCode = generateUscc(c.random);
      while (codes.has(creditCode));
      codes.add(creditCode);
      const size = weighted<Size>(c, { large: 0.8, medium: 3, small: 5.5, micro: 0.7 });
      const refused = c.chance(0.05);
      const e = registerEnterprise(
        db,
        registrar,
        {
          creditCode,
          name,
          district: d.id,
          industry,
          size,
          address: `${d.name}${c.pick(ROADS)}${c.int(1, 3999)}号`,
          contactName: c.pick([...SURNAMES]) + c.pick(GIVEN),
          contactPhone: `0431-8${c.int(1000000, 9999999)}`,
          refused,
          refusedReason: refused ? c.pick(REFUSALS) : null,
        },
        day(450),
      );
      enterprises.push({ id: e.id, name, creditCode, districtCode: d.code, districtId: d.id, industry, size, refused });
    }
  }

  // Accounts: one per role (the demo district is 汽开区 when the city has it; the demo enterprise is an automotive
  // supplier there), plus accounts without login that appear as the authors of the generated work.
  const demoDistrict = districts.find((d) => d.code === 'qikai') ?? districts[0];
  const perDiagnostician = options.perDiagnostician ?? 250;
  const area = enterprises.filter((e) => !e.refused && (e.districtId === demoDistrict.id || e.districtCode === 'chaoyang'));
  const demoEnterprise = area.find((e) => e.industry === 'auto' && e.size === 'medium') ?? area[0];
  // In a large city the demo diagnostician carries a diagnostician's share of it, the demo enterprise among them.
  const demoArea = area.length > perDiagnostician
    ? [demoEnterprise, ...area.filter((e) => e !== demoEnterprise)].slice(0, perDiagnostician)
    : area;
  await createDemoAccounts(db, { districtId: demoDistrict.id, enterpriseId: demoEnterprise.id, assignedEnterpriseIds: demoArea.map((e) => e.id) });
  const account = (username: string) => {
    const id = db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
    return findUser(db, id)!;
  };
  const demoDiagnostician = account('demo-diagnostician');
  const bureau = account('demo-bureau');
  // Six field diagnosticians, or in a large city one per `perDiagnostician` enterprises.
  const staffSize = Math.max(6, Math.ceil(enterprises.length / perDiagnostician));
  const fieldStaff = Array.from({ length: staffSize }, (_, i) =>
    createAccountWithoutLogin(db, {
      username: `demo-diag-${i + 1}`,
      displayName: `诊断员${SURNAMES[(i * 3) % SURNAMES.length]}${GIVEN[(i * 2) % GIVEN.length]}${i < 6 ? '' : i + 1}（演示）`,
      role: 'diagnostician',
      districtId: null,
      enterpriseId: null,
    }),
  );
  const demoAreaIds = new Set(demoArea.map((e) => e.id));
  // An enterprise's field diagnostician follows from its district: the staff form one work group per district when
  // there are enough of them (staff i serves district i mod the number of groups; within the group, the enterprise
  // picks one), else each serves whole districts. Assigned once, however often asked for (the demo area's
  // diagnostician is assigned up front).
  const districtIndex = new Map(districts.map((d, i) => [d.code, i]));
  const groups = Math.min(districts.length, staffSize);
  const staffOf = (e: DemoEnterprise): SessionUser => {
    const first = districtIndex.get(e.districtCode)! % groups;
    return fieldStaff[first + groups * (e.id % Math.ceil((staffSize - first) / groups))];
  };
  const assigned = new Set<number>();
  const diagnosticianFor = (e: DemoEnterprise): SessionUser => (demoAreaIds.has(e.id) ? demoDiagnostician : staffOf(e));
  const diagnosticianOf = (e: DemoEnterprise): SessionUser => {
    const u = diagnosticianFor(e);
    if (!assigned.has(e.id)) {
      if (u !== demoDiagnostician) addAssignments(db, u.id, [e.id]);
      assigned.add(e.id);
    }
    return u;
  };
  const enterpriseUsers = new Map<number, SessionUser>([[demoEnterprise.id, account('demo-enterprise')]]);
  const enterpriseUser = (e: DemoEnterprise): SessionUser => {
    let u = enterpriseUsers.get(e.id);
    if (!u) {
      u = createAccountWithoutLogin(db, { username: `demo-ent-${e.id}`, displayName: `${e.name}（演示）`, role: 'enterprise', districtId: null, enterpriseId: e.id });
      enterpriseUsers.set(e.id, u);
    }
    return u;
  };
  const officers = new Map<number, SessionUser>([[demoDistrict.id, account('demo-district')]]);
  const officer = (districtId: number): SessionUser => {
    let u = officers.get(districtId);
    if (!u) {
      const d = districts.find((x) => x.id === districtId)!;
      u = createAccountWithoutLogin(db, { username: `demo-district-${d.code}`, displayName: `${d.name}工信部门（演示）`, role: 'district', districtId, enterpriseId: null });
      officers.set(districtId, u);
    }
    return u;
  };

  // Assessments, through the same services as the API, each step at its moment in the story.
  const summary: DemoSummary = { enterprises: enterprises.length, refused: 0, assessments: { draft: 0, submitted: 0, reviewed: 0, issued: 0 }, rectifications: 0 };
  const rectificationIds = db.prepare('SELECT id FROM rectifications WHERE assessment_id = ? ORDER BY id').pluck();
  // Stories told through the services, by industry and size, to be copied once there are `storiesPerKind` of a kind.
  const told = new Map<string, (typeof enterprises)[number][]>();
  const batches = new Map<number, AnswerBatch>();
  const reviewedByOfficer = new Set<number>();
  let profileItems: ProfileItems | undefined;
  let copyStory: ReturnType<typeof storyCopier> | undefined;
  const copy = (from: (typeof enterprises)[number], to: (typeof enterprises)[number]) => {
    // Before any assessment is told there is nothing a story could hold.
    if (!profileItems) return;
    copyStory ??= storyCopier(db, profileItems, batches);
    // The people of the story: the enterprise's own account, its diagnostician, its district's officer.
    const cast = new Map<number, number>();
    if (enterpriseUsers.has(from.id)) cast.set(enterpriseUsers.get(from.id)!.id, enterpriseUser(to).id);
    if (assigned.has(from.id)) cast.set(diagnosticianFor(from).id, diagnosticianOf(to).id);
    if (reviewedByOfficer.has(from.id)) cast.set(officer(from.districtId).id, officer(to.districtId).id);
    const copied = copyStory(from.id, to, cast);
    for (const a of copied.assessments) summary.assessments[a.status as AssessmentStatus]++;
    summary.rectifications += copied.rectifications;
  };
  const run = (e: (typeof enterprises)[number], plan: Plan, maturity: number) => {
    const drawn = c.int(40, 420) + 365 * plan.yearsBack;
    // The demo enterprise's own diagnosis is recent: a newcomer finds its rectifications partly due, partly overdue.
    const started = e.id === demoEnterprise.id && plan.yearsBack === 0 ? 50 : drawn;
    const author = plan.kind === 'self' ? enterpriseUser(e) : diagnosticianOf(e);
    // Most field visits take the 90–120 minute quick path; enterprises assessing themselves take the full one.
    const variant = plan.kind === 'field' && c.chance(0.55) ? 'quick' : 'full';
    const a = createAssessment(db, registry, author, { enterpriseId: e.id, kind: plan.kind, variant }, day(started));
    const q = registry.get(a.questionnaireId, a.questionnaireVersion)!;
    const answers = generateAnswers(c, q, e, maturity, plan.status === 'draft' ? 0.3 + c.random() * 0.5 : 0.97, variant);
    // In item order, the order answers are kept in (a batch is a set): their pages fill instead of splitting.
    const changes = Object.entries(answers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)).map(([itemId, value]) => ({
      itemId,
      value,
      // A diagnostician records how each scored answer was checked; a self-assessment is the enterprise's word.
      ...(plan.kind === 'field' && isScored(q.itemById.get(itemId)!.def) && { basis: weighted<EvidenceBasisCode>(c, { onsite: 3, document: 4, verbal: 2 }) }),
    }));
    const batch: AnswerBatch = { batchId: `demo-${a.id}`, baseVersion: 0, answers: changes };
    applyAnswerBatch(db, q, author, a.id, batch, day(started));
    if (storiesPerKind > 0) {
      batches.set(a.id, batch);
      profileItems ??= profileItemsOf(q);
    }
    summary.assessments[plan.status]++;
    if (plan.status === 'draft') return;
    const submitted = submitAssessment(db, registry, author, a.id, day(started - c.int(1, 10)));
    summary.rectifications += submitted.score?.findings ?? 0;
    if (plan.status === 'submitted') return;
    const reviewer = plan.kind === 'field' ? officer(e.districtId) : diagnosticianOf(e);
    if (plan.kind === 'field') reviewedByOfficer.add(e.id);
    advanceAssessment(db, reviewer, a.id, 'review', day(started - c.int(11, 25)));
    if (plan.status === 'issued') advanceAssessment(db, bureau, a.id, 'issue', day(started - c.int(26, 35)));
    // The enterprise sees a field assessment's findings only once its report is issued: work on them starts then.
    if (plan.kind === 'field' && plan.status !== 'issued') return;
    // Each finding moves a random number of steps along open → in_progress → rectified → accepted; a past
    // campaign's findings have had longer.
    const worker = enterpriseUser(e);
    const confirmer = diagnosticianOf(e);
    const progress = plan.yearsBack > 0 ? { '0': 0.5, '1': 1, '2': 2, '3': 6.5 } : { '0': 3.5, '1': 3, '2': 2, '3': 1.5 };
    for (const rid of rectificationIds.all(a.id) as number[]) {
      const steps = Number(weighted(c, progress));
      let when = started - 36;
      for (const s of RECTIFICATION_STEPS.slice(0, steps)) {
        when = Math.max(1, when - c.int(3, 30));
        const at = day(when);
        changeRectification(db, s.side === 'enterprise' ? worker : confirmer, rid, { status: s.to, note: s.note, date: at.slice(0, 10) }, at);
      }
    }
  };
  let done = 0;
  let committed = 0;
  for (const e of enterprises) {
    if (e.refused) {
      summary.refused++;
      done++;
      continue;
    }
    const kind = `${e.industry}/${e.size}`;
    const stories = told.get(kind) ?? [];
    if (storiesPerKind > 0 && stories.length >= storiesPerKind && e.id !== demoEnterprise.id) copy(c.pick(stories), e);
    else {
      tell(e);
      if (e.id !== demoEnterprise.id) told.set(kind, [...stories, e]);
    }
    done++;
    const written = Object.values(summary.assessments).reduce((a, b) => a + b, 0);
    if (commitEvery > 0 && written - committed >= commitEvery) {
      db.exec('COMMIT');
      db.exec('BEGIN IMMEDIATE');
      committed = written;
      onProgress?.({ enterprisesDone: done, enterprises: enterprises.length, assessments: written });
    }
  }
  addUpwardFigures(db, bureau.id);
  return summary;

  /** An enterprise's campaigns, through the services. */
  function tell(e: (typeof enterprises)[number]) {
    const maturity = demoMaturity(c, e.size);
    // Earlier campaign years: a field diagnosis issued that year, the enterprise a little less mature then.
    for (let yearsBack = campaigns - 1; yearsBack >= 1; yearsBack--)
      if (c.chance(PAST_CAMPAIGN_SHARE)) run(e, { kind: 'field', status: 'issued', yearsBack }, Math.max(0.08, maturity - 0.05 * yearsBack));
    const plans: Plan[] = [];
    if (e.id === demoEnterprise.id) plans.push({ kind: 'field', status: 'issued', yearsBack: 0 }, { kind: 'self', status: 'draft', yearsBack: 0 });
    else {
      if (c.chance(0.68)) plans.push({ kind: 'field', status: weighted<AssessmentStatus>(c, { draft: 1.5, submitted: 1.5, reviewed: 2.5, issued: 4.5 }), yearsBack: 0 });
      if (c.chance(0.15)) plans.push({ kind: 'self', status: weighted<AssessmentStatus>(c, { draft: 2, submitted: 1, reviewed: 1, issued: 0.5 }), yearsBack: 0 });
    }
    for (const plan of plans) run(e, plan, maturity);
  }
}

/** The profile items answered with the enterprise's registered name, credit code and district. */
function profileItemsOf(q: Questionnaire): ProfileItems {
  const byRole = (role: string) => [...q.itemById.values()].find((i) => i.def.role === role)?.def.id ?? '';
  return { name: byRole('enterprise_name'), creditCode: byRole('credit_code'), district: byRole('district') };
}
