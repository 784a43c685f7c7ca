/**
 * The demo dataset (`npm start -- --demo`): ~300 fictional enterprises over the 18 districts with an industry mix
 * that resembles Changchun's (汽开区 mostly automotive, the counties food, textile and chemicals), valid credit
 * codes, assessments at every stage with answers generated from the real questionnaires at varying maturity and
 * scored by the scoring engine, and rectifications in every state. Deterministic: a seeded PRNG and fixed dates,
 * so every load gives the same data. Loaded only into a database without enterprises, in one transaction.
 */
import type { Db } from '../db/open.js';
import type { Answers, AnswerValue, InventoryRowValue } from '../domain/questionnaire/answers.js';
import type { Questionnaire } from '../domain/questionnaire/compose.js';
import { visibleItems } from '../domain/questionnaire/conditions.js';
import type { ItemDef } from '../domain/questionnaire/schema.js';
import { validateAnswers } from '../domain/questionnaire/validate-answers.js';
import { generateUscc } from '../domain/uscc.js';
import { scoreForSubmit, storeScore, type AssessmentStatus } from './assessments.js';
import { insertEnterprise, OPTIONAL_FIELD_DEFAULTS, type Size } from './enterprises.js';
import type { QuestionnaireRegistry } from './questionnaire-registry.js';
import { createDemoAccounts } from './users.js';
import { mulberry32 } from '../domain/random.js';

export interface DemoSummary {
  enterprises: number;
  refused: number;
  assessments: Record<AssessmentStatus, number>;
  rectifications: number;
}

type Industry = 'steel' | 'nonferrous' | 'petrochem' | 'auto' | 'aviation' | 'shipbuilding' | 'textile' | 'ic' | 'software' | 'other';

/** Enterprises per district and the weight of each industry there. */
const DISTRICT_MIX: Record<string, { count: number; mix: Partial<Record<Industry, number>>; place: string }> = {
  qikai: { count: 42, mix: { auto: 9, software: 0.5, other: 0.5 }, place: '长春' },
  jingkai: { count: 30, mix: { auto: 3, ic: 1.5, petrochem: 1, software: 1, nonferrous: 0.5, other: 2 }, place: '长春' },
  xinqu_south: { count: 24, mix: { ic: 3, software: 3, aviation: 1, auto: 1, other: 1 }, place: '长春' },
  xinqu_north: { count: 18, mix: { auto: 2, ic: 1, aviation: 1, software: 1, other: 1 }, place: '长春' },
  lvyuan: { count: 20, mix: { auto: 4, steel: 1, shipbuilding: 0.5, other: 2 }, place: '长春' },
  chaoyang: { count: 14, mix: { software: 2, ic: 1, other: 2, auto: 1 }, place: '长春' },
  kuancheng: { count: 14, mix: { steel: 1.5, nonferrous: 1, petrochem: 1, other: 2 }, place: '长春' },
  erdao: { count: 12, mix: { petrochem: 1, auto: 1, other: 2, steel: 0.5 }, place: '长春' },
  nanguan: { count: 7, mix: { software: 1, other: 2 }, place: '长春' },
  jingyue: { count: 10, mix: { software: 2, ic: 1, other: 1 }, place: '长春' },
  lianhuashan: { count: 4, mix: { other: 2, software: 1 }, place: '长春' },
  zhonghan: { count: 8, mix: { ic: 1, software: 1, auto: 1, other: 1 }, place: '长春' },
  jiutai: { count: 16, mix: { petrochem: 2, steel: 1, nonferrous: 1, other: 2 }, place: '九台' },
  shuangyang: { count: 11, mix: { other: 3, textile: 1, petrochem: 1 }, place: '双阳' },
  dehui: { count: 16, mix: { other: 4, textile: 1.5, petrochem: 1.5 }, place: '德惠' },
  yushu: { count: 13, mix: { other: 4, textile: 2, petrochem: 1 }, place: '榆树' },
  nongan: { count: 15, mix: { other: 4, textile: 1.5, petrochem: 1.5 }, place: '农安' },
  gongzhuling: { count: 18, mix: { other: 3, auto: 1, petrochem: 1, textile: 1 }, place: '公主岭' },
};

/** Made-up trade names (字号) and business words per industry; combined they make fictional company names. */
const TRADE_NAMES = [
  '北辰', '恒川', '启岳', '融泰', '嘉禾', '瑞丰', '众鑫', '华屹', '凯德', '远帆', '森源', '博睿', '天衡', '越达', '益新',
  '泓盛', '翔宇', '昊川', '鼎峰', '聚力', '合信', '冠通', '晟弘', '立诚', '沃川', '锦程', '安驰', '丰润', '正元', '辰光',
  '松原', '雪岭', '长白', '鹿鸣', '云杉', '青禾', '宏岳', '铭川', '拓远', '卓越', '同润', '利恒', '金穗', '北麦', '伊通',
];
const BUSINESS: Record<Industry, string[]> = {
  auto: ['汽车零部件', '汽车电子', '汽车座椅', '车身冲压', '汽车线束', '底盘系统', '汽车内饰', '精密锻造'],
  steel: ['特钢', '钢材加工', '钢结构', '金属制品'],
  nonferrous: ['铝业', '有色金属材料', '铜材', '精密合金'],
  petrochem: ['化工', '精细化工', '石化材料', '生物化工', '新材料'],
  aviation: ['航空部件', '航空装备', '通用航空器材'],
  shipbuilding: ['船舶配套', '船用设备'],
  textile: ['纺织', '服饰', '纺织材料', '非织造布'],
  ic: ['半导体', '光电芯片', '微电子', '集成电路'],
  software: ['软件', '信息技术', '数字科技', '工业软件'],
  other: ['食品', '粮油', '农产品加工', '建材', '医药', '装备制造', '饮品', '包装材料', '玉米深加工', '肉制品'],
};
const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '科技有限公司'];
const ROADS = ['工业大街', '创业路', '兴业街', '振兴路', '科技大道', '物流路', '富民大街', '开发大路'];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英'];
const REFUSALS = ['企业正在停产整顿，暂不具备诊断条件', '企业负责人认为无需开展诊断', '企业已委托第三方开展同类评估'];

/** Dates are spread backwards from this fixed day so the data does not change with the clock. */
const ANCHOR = Date.UTC(2026, 2, 1);
const day = (daysBefore: number, extraMs = 0) => new Date(ANCHOR - daysBefore * 86_400_000 + extraMs).toISOString();

interface Ctx {
  random: () => number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  int(lo: number, hi: number): number;
}

function context(seed: number): Ctx {
  const random = mulberry32(seed);
  return {
    random,
    pick: (xs) => xs[Math.floor(random() * xs.length)],
    chance: (p) => random() < p,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
  };
}

function weighted<T extends string>(c: Ctx, mix: Partial<Record<T, number>>): T {
  const entries = Object.entries(mix) as [T, number][];
  let r = c.random() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

interface DemoEnterprise {
  id: number;
  name: string;
  creditCode: string;
  districtCode: string;
  industry: Industry;
  size: Size;
}

const STAFF_BY_SIZE: Record<Size, [number, number]> = { large: [1000, 6000], medium: [300, 999], small: [20, 299], micro: [8, 19] };

// ---------- answers ----------

/** Answers to the questionnaire for an enterprise whose practices fulfil about `maturity` (0–1) of the controls. */
function generateAnswers(c: Ctx, q: Questionnaire, e: DemoEnterprise, maturity: number, completeness: number): Answers {
  const answers: Answers = {};
  for (const { def } of q.items) {
    const fixed = profileValue(def, e, c);
    if (fixed !== undefined) {
      answers[def.id] = fixed;
      continue;
    }
    if (!def.required && !c.chance(completeness)) continue;
    const v = valueFor(c, q, def, maturity);
    if (v !== undefined) answers[def.id] = v;
  }
  return clean(q, answers);
}

function profileValue(def: ItemDef, e: DemoEnterprise, c: Ctx): AnswerValue | undefined {
  switch (def.role) {
    case 'enterprise_name':
      return e.name;
    case 'credit_code':
      return e.creditCode;
    case 'district':
      return e.districtCode;
    case 'industry':
      return e.industry;
  }
  if (def.id === 'profile.size') return e.size;
  if (def.id === 'profile.staff') return c.int(...STAFF_BY_SIZE[e.size]);
  if (def.id === 'profile.contact_name') return c.pick([...SURNAMES]) + c.pick(GIVEN);
  if (def.id === 'profile.contact_phone') return `0431-8${c.int(1000000, 9999999)}`;
  return undefined;
}

/**
 * Real enterprises build capability level by level: practices at or below their level are mostly in place,
 * those above mostly missing. Maturity m (0–1) stands for a target DSMM level between 0.5 and 3.5.
 */
function maturityMix(level: number, m: number): Record<'full' | 'partial' | 'none', number> {
  const target = 0.5 + 3 * m;
  if (level <= target - 1) return { full: 0.9, partial: 0.08, none: 0.02 };
  if (level <= target) return { full: 0.72, partial: 0.23, none: 0.05 };
  if (level <= target + 1) return { full: 0.2, partial: 0.4, none: 0.4 };
  return { full: 0.05, partial: 0.2, none: 0.75 };
}

function valueFor(c: Ctx, q: Questionnaire, def: ItemDef, m: number): AnswerValue | undefined {
  switch (def.kind) {
    case 'control': {
      if (def.na_allowed && c.chance(0.04)) return 'na';
      const level = def.scoring?.maturity?.level;
      if (level !== undefined) return weighted(c, maturityMix(level, m));
      const r = c.random();
      return r < m ? 'full' : r < m + (1 - m) * 0.45 ? 'partial' : 'none';
    }
    case 'yesno':
      return def.scoring ? c.chance(m) === (def.pass === 'yes') : c.chance(0.35);
    case 'single': {
      const scored = def.options.filter((o) => o.score !== undefined);
      if (scored.length === 0) return c.pick(def.options).value;
      // Options closer to the enterprise's maturity are likelier.
      const mix = Object.fromEntries(scored.map((o) => [o.value, 1 / (0.15 + Math.abs((o.score ?? 0) - m))]));
      return weighted(c, mix);
    }
    case 'multi': {
      const exclusive = def.options.filter((o) => o.exclusive);
      const plain = def.options.filter((o) => !o.exclusive);
      if (exclusive.length > 0 && (def.min ?? 0) <= 1 && c.chance(0.12)) return [exclusive[0].value];
      const want = Math.max(def.min ?? 1, Math.min(def.max ?? plain.length, c.int(1, Math.max(1, Math.ceil(plain.length / 2)))));
      const chosen = plain.filter(() => c.chance(want / plain.length)).map((o) => o.value);
      return chosen.length >= (def.min ?? 1) ? chosen.slice(0, def.max ?? chosen.length) : plain.slice(0, want).map((o) => o.value);
    }
    case 'number': {
      const lo = def.min ?? 0;
      const hi = Math.min(def.max ?? lo + 50, lo + 50);
      return def.integer ? c.int(lo, hi) : Math.round((lo + c.random() * (hi - lo)) * 10) / 10;
    }
    case 'date':
      return day(c.int(20, 700)).slice(0, 10);
    case 'text':
      return def.pattern || def.max_length < 20 ? undefined : '（演示数据）';
    case 'inventory':
      return inventory(c, q, m);
    case 'evidence':
      return undefined;
  }
}

function inventory(c: Ctx, q: Questionnaire, m: number): InventoryRowValue[] {
  const types = q.dataTypes.filter((d) => d.key || c.chance(0.5)).filter(() => c.chance(0.7)).slice(0, 10);
  return types.map((d) => ({
    type: d.id,
    held: true,
    scale: weighted(c, { enterprise: 5, regional: 2, industry: 1, national: 0.2 }),
    precision: weighted(c, { low: 1, medium: 3, high: 2 }),
    volume: weighted(c, { small: 3, medium: 3, large: 1.5, massive: 0.3 }),
    personal_count: d.domain === 'management' ? weighted(c, { none: 1, lt_100k: 3, lt_1m: 0.5 }) : 'none',
    national_project: c.chance(0.03),
    classified: false,
    location: weighted(c, { onprem: 6, cloud: 2 * (1 - m) + 0.5, abroad: 0.1 }),
    shared_external: c.chance(0.3),
    cross_border: c.chance(0.04),
  }));
}

/** Drops answers to hidden items and answers that fail validation or an error check, until the set is clean. */
function clean(q: Questionnaire, raw: Answers): Answers {
  let answers = raw;
  for (let round = 0; round < 5; round++) {
    const visible = visibleItems(q, answers);
    const { answers: valid, problems } = validateAnswers(q, answers);
    const bad = new Set(problems.filter((p) => p.level === 'error').map((p) => p.itemId));
    const next = Object.fromEntries(Object.entries(valid).filter(([id]) => visible.has(id) && !bad.has(id)));
    if (Object.keys(next).length === Object.keys(answers).length) return next;
    answers = next;
  }
  return answers;
}

// ---------- loading ----------

const NO_LOGIN = '!demo-account-without-login';

/**
 * Loads the dataset unless the database already has enterprises (then returns null). Runs before the server
 * listens; the awaited password hashing of the demo accounts happens inside the same open transaction.
 */
export async function loadDemoData(db: Db, registry: QuestionnaireRegistry, seed = 20260301): Promise<DemoSummary | null> {
  if ((db.prepare('SELECT COUNT(*) FROM enterprises').pluck().get() as number) > 0) return null;
  db.exec('BEGIN IMMEDIATE');
  try {
    const summary = await fill(db, registry, context(seed));
    db.exec('COMMIT');
    return summary;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}

async function fill(db: Db, registry: QuestionnaireRegistry, c: Ctx): Promise<DemoSummary> {
  const districts = db.prepare('SELECT id, code, name FROM districts ORDER BY sort_order').all() as { id: number; code: string; name: string }[];
  const questionnaireOf = new Map(
    (db.prepare('SELECT code, questionnaire_id AS q FROM industries').all() as { code: string; q: string }[]).map((r) => [r.code, r.q]),
  );

  // Enterprises.
  const enterprises: (DemoEnterprise & { districtId: number; refused: boolean })[] = [];
  const names = new Set<string>();
  const codes = new Set<string>();
  for (const d of districts) {
    const plan = DISTRICT_MIX[d.code];
    if (!plan) continue;
    for (let i = 0; i < plan.count; i++) {
      const industry = weighted(c, plan.mix);
      let name: string;
      do name = `${plan.place}${c.pick(TRADE_NAMES)}${c.pick(BUSINESS[industry])}${c.pick(SUFFIXES)}`;
      while (names.has(name));
      names.add(name);
      let creditCode: string;
      do creditCode = generateUscc(c.random);
      while (codes.has(creditCode));
      codes.add(creditCode);
      const size = weighted<Size>(c, { large: 0.8, medium: 3, small: 5.5, micro: 0.7 });
      const refused = c.chance(0.05);
      const id = insertEnterprise(db, {
        ...OPTIONAL_FIELD_DEFAULTS,
        creditCode,
        name,
        districtId: d.id,
        industryCode: industry,
        size,
        address: `${d.name}${c.pick(ROADS)}${c.int(1, 3999)}号`,
        contactName: c.pick([...SURNAMES]) + c.pick(GIVEN),
        contactPhone: `0431-8${c.int(1000000, 9999999)}`,
        refused,
        refusedReason: refused ? c.pick(REFUSALS) : null,
      });
      enterprises.push({ id, name, creditCode, districtCode: d.code, districtId: d.id, industry, size, refused });
    }
  }

  // Accounts: one per role (the demo district is 汽开区; the demo enterprise is an automotive supplier there),
  // plus diagnosticians and enterprise users without login who appear as the authors of the generated work.
  const qikai = districts.find((d) => d.code === 'qikai')!;
  const demoArea = enterprises.filter((e) => !e.refused && (e.districtCode === 'qikai' || e.districtCode === 'chaoyang'));
  const demoEnterprise = demoArea.find((e) => e.industry === 'auto' && e.size === 'medium') ?? demoArea[0];
  await createDemoAccounts(db, { districtId: qikai.id, enterpriseId: demoEnterprise.id, assignedEnterpriseIds: demoArea.map((e) => e.id) });
  const userId = (username: string) => db.prepare('SELECT id FROM users WHERE username = ?').pluck().get(username) as number;
  const demoDiagnostician = userId('demo-diagnostician');
  const addUser = db.prepare(
    `INSERT INTO users (username, display_name, password_hash, role, enterprise_id, disabled) VALUES (?, ?, ?, ?, ?, 1)`,
  );
  const assign = db.prepare('INSERT OR IGNORE INTO assignments (user_id, enterprise_id) VALUES (?, ?)');
  const fieldStaff = Array.from({ length: 6 }, (_, i) => {
    const name = `${SURNAMES[i * 3]}${GIVEN[i * 2]}`;
    return Number(addUser.run(`demo-diag-${i + 1}`, `诊断员${name}（演示）`, NO_LOGIN, 'diagnostician', null).lastInsertRowid);
  });
  const diagnosticianOf = (e: DemoEnterprise) => {
    if (demoArea.some((x) => x.id === e.id)) return demoDiagnostician;
    const u = fieldStaff[Math.abs(hashCode(e.districtCode)) % fieldStaff.length];
    assign.run(u, e.id);
    return u;
  };
  const enterpriseUsers = new Map<number, number>([[demoEnterprise.id, userId('demo-enterprise')]]);
  const enterpriseUser = (e: DemoEnterprise) => {
    let u = enterpriseUsers.get(e.id);
    if (u === undefined) {
      u = Number(addUser.run(`demo-ent-${e.id}`, `${e.name}（演示）`, NO_LOGIN, 'enterprise', e.id).lastInsertRowid);
      enterpriseUsers.set(e.id, u);
    }
    return u;
  };
  const officerOf = new Map<number, number>();
  const officer = (districtId: number) => {
    if (districtId === qikai.id) return userId('demo-district');
    let u = officerOf.get(districtId);
    if (u === undefined) {
      const code = districts.find((d) => d.id === districtId)!.code;
      u = Number(
        db
          .prepare(`INSERT INTO users (username, display_name, password_hash, role, district_id, disabled) VALUES (?, ?, ?, 'district', ?, 1)`)
          .run(`demo-district-${code}`, `${districts.find((d) => d.id === districtId)!.name}工信部门（演示）`, NO_LOGIN, districtId).lastInsertRowid,
      );
      officerOf.set(districtId, u);
    }
    return u;
  };
  const bureau = userId('demo-bureau');

  // Assessments.
  const summary: DemoSummary = { enterprises: enterprises.length, refused: 0, assessments: { draft: 0, submitted: 0, reviewed: 0, issued: 0 }, rectifications: 0 };
  const writer = assessmentWriter(db);
  for (const e of enterprises) {
    if (e.refused) {
      summary.refused++;
      continue;
    }
    const q = registry.current(questionnaireOf.get(e.industry)!);
    if (!q) throw new Error(`演示数据需要问卷 ${questionnaireOf.get(e.industry)}，但它没有加载`);
    const base = { large: 0.72, medium: 0.55, small: 0.4, micro: 0.3 }[e.size];
    const maturity = Math.min(0.95, Math.max(0.08, base + (c.random() - 0.5) * 0.45));
    const plans: { kind: 'self' | 'field'; status: AssessmentStatus }[] = [];
    if (e.id === demoEnterprise.id) plans.push({ kind: 'field', status: 'issued' }, { kind: 'self', status: 'draft' });
    else {
      if (c.chance(0.68)) plans.push({ kind: 'field', status: weighted<AssessmentStatus>(c, { draft: 1.5, submitted: 1.5, reviewed: 2.5, issued: 4.5 }) });
      if (c.chance(0.15)) plans.push({ kind: 'self', status: weighted<AssessmentStatus>(c, { draft: 2, submitted: 1, reviewed: 1, issued: 0.5 }) });
    }
    for (const plan of plans) {
      const started = c.int(40, 420);
      const author = plan.kind === 'self' ? enterpriseUser(e) : diagnosticianOf(e);
      const answers = generateAnswers(c, q, e, maturity, plan.status === 'draft' ? 0.3 + c.random() * 0.5 : 0.97);
      const id = writer.assessment(e.id, plan.kind, q, author, day(started), answers);
      summary.assessments[plan.status]++;
      if (plan.status === 'draft') continue;
      const submittedAt = day(started - c.int(1, 10));
      const result = scoreForSubmit(q, answers);
      writer.advance(id, 'submit', 'draft', 'submitted', author, submittedAt);
      storeScore(db, id, result, submittedAt);
      summary.rectifications += result.findings.length;
      if (plan.status === 'submitted') continue;
      const reviewer = plan.kind === 'field' ? officer(e.districtId) : diagnosticianOf(e);
      const reviewedAt = day(started - c.int(11, 25));
      writer.advance(id, 'review', 'submitted', 'reviewed', reviewer, reviewedAt);
      if (plan.status === 'issued') writer.advance(id, 'issue', 'reviewed', 'issued', bureau, day(started - c.int(26, 35)));
      writer.rectify(c, id, plan.kind === 'self' ? enterpriseUser(e) : enterpriseUsers.get(e.id) ?? author, diagnosticianOf(e), started - 36);
    }
  }
  return summary;
}

function hashCode(s: string): number {
  let h = 0;
  for (const ch of s) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0;
  return h;
}

/** Direct writes for the generated workflow, with the timestamps of the story being told. */
function assessmentWriter(db: Db) {
  const insert = db.prepare(
    `INSERT INTO assessments (enterprise_id, kind, questionnaire_id, questionnaire_version, version, created_by, created_at, updated_at)
     VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
  );
  const answer = db.prepare('INSERT INTO answers (assessment_id, item_id, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)');
  const history = db.prepare(
    'INSERT INTO answer_history (assessment_id, item_id, old_value, new_value, user_id, batch_id, changed_at) VALUES (?, ?, NULL, ?, ?, ?, ?)',
  );
  const batch = db.prepare(
    'INSERT INTO answer_batches (assessment_id, batch_id, base_version, result_version, user_id, applied_at) VALUES (?, ?, 0, 1, ?, ?)',
  );
  const event = db.prepare('INSERT INTO assessment_events (assessment_id, action, from_status, to_status, user_id, at) VALUES (?, ?, ?, ?, ?, ?)');
  const rectifications = db.prepare('SELECT id FROM rectifications WHERE assessment_id = ? ORDER BY id').pluck();
  const setRect = db.prepare(
    `UPDATE rectifications SET status = ?, note = ?, status_date = ?, updated_by = ?, updated_at = ?,
       confirmed_by = ?, confirmed_at = ? WHERE id = ?`,
  );
  const rectHistory = db.prepare(
    'INSERT INTO rectification_history (rectification_id, old_status, new_status, note, user_id, changed_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const STEPS = [
    { from: 'open', to: 'in_progress', note: '已制定整改计划，明确责任人和完成时限', side: 'enterprise' },
    { from: 'in_progress', to: 'rectified', note: '已完成整改，相关制度和记录已归档', side: 'enterprise' },
    { from: 'rectified', to: 'accepted', note: '现场核验整改材料，确认整改到位', side: 'confirmer' },
  ] as const;

  return {
    assessment(enterpriseId: number, kind: string, q: Questionnaire, userId: number, at: string, answers: Answers): number {
      const id = Number(insert.run(enterpriseId, kind, q.id, q.version, userId, at, at).lastInsertRowid);
      const batchId = `demo-${id}`;
      batch.run(id, batchId, userId, at);
      for (const [itemId, value] of Object.entries(answers)) {
        const json = JSON.stringify(value);
        answer.run(id, itemId, json, userId, at);
        history.run(id, itemId, json, userId, batchId, at);
      }
      event.run(id, 'create', null, 'draft', userId, at);
      return id;
    },
    advance(id: number, action: 'submit' | 'review' | 'issue', from: string, to: string, userId: number, at: string): void {
      const col = { submit: 'submitted', review: 'reviewed', issue: 'issued' }[action];
      db.prepare(`UPDATE assessments SET status = ?, ${col}_at = ?, ${col}_by = ?, updated_at = ? WHERE id = ?`).run(to, at, userId, at, id);
      event.run(id, action, from, to, userId, at);
    },
    /** Moves each finding a random number of steps along open → in_progress → rectified → accepted. */
    rectify(c: Ctx, assessmentId: number, enterpriseUser: number, confirmer: number, daysBefore: number): void {
      for (const rid of rectifications.all(assessmentId) as number[]) {
        const steps = weighted(c, { '0': 3.5, '1': 3, '2': 2, '3': 1.5 });
        let when = daysBefore;
        for (const s of STEPS.slice(0, Number(steps))) {
          when = Math.max(1, when - c.int(3, 30));
          const at = day(when);
          const user = s.side === 'enterprise' ? enterpriseUser : confirmer;
          rectHistory.run(rid, s.from, s.to, s.note, user, at);
          setRect.run(s.to, s.note, at.slice(0, 10), user, at, s.to === 'accepted' ? user : null, s.to === 'accepted' ? at : null, rid);
        }
      }
    },
  };
}
