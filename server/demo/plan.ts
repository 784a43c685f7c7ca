/**
 * What the demo city looks like and how its story is told: enterprises per district with their industry mix, the
 * parts of fictional company names, the seeded random source and the story clock (dates counted back from a fixed
 * day, so every load gives the same data). Plain data and pure helpers; generate.ts drives the services with them.
 */
import { mulberry32 } from '../domain/random.js';
import type { Size } from '../domain/vocabularies.js';

export type Industry = 'steel' | 'nonferrous' | 'petrochem' | 'auto' | 'aviation' | 'shipbuilding' | 'textile' | 'ic' | 'software' | 'other';

/** Enterprises per district (at scale 1) and the weight of each industry there. */
export const DISTRICT_MIX: Record<string, { count: number; mix: Partial<Record<Industry, number>>; place: string }> = {
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
export const TRADE_NAMES = [
  '北辰', '恒川', '启岳', '融泰', '嘉禾', '瑞丰', '众鑫', '华屹', '凯德', '远帆', '森源', '博睿', '天衡', '越达', '益新',
  '泓盛', '翔宇', '昊川', '鼎峰', '聚力', '合信', '冠通', '晟弘', '立诚', '沃川', '锦程', '安驰', '丰润', '正元', '辰光',
  '松原', '雪岭', '长白', '鹿鸣', '云杉', '青禾', '宏岳', '铭川', '拓远', '卓越', '同润', '利恒', '金穗', '北麦', '伊通',
];
export const BUSINESS: Record<Industry, string[]> = {
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
export const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '科技有限公司'];
export const ROADS = ['工业大街', '创业路', '兴业街', '振兴路', '科技大道', '物流路', '富民大街', '开发大路'];
export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗';
export const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '霞', '平', '刚', '桂英'];
export const REFUSALS = ['企业正在停产整顿，暂不具备诊断条件', '企业负责人认为无需开展诊断', '企业已委托第三方开展同类评估'];

/**
 * Dates are spread backwards from this fixed day so the data does not change with the clock. It sits late in the
 * plan's last year so that a newcomer sees a campaign in progress: recent reports, rectifications both due and overdue.
 */
export const ANCHOR = Date.UTC(2026, 10, 20);
/** Office hours in Beijing (09:00–16:00, UTC+8), drawn from the day so the order of days is kept and a day is one time. */
const officeHourUtc = (daysBefore: number) => 1 + ((daysBefore * 5) % 8);
export const day = (daysBefore: number, extraMs = 0) =>
  new Date(ANCHOR - daysBefore * 86_400_000 + officeHourUtc(daysBefore) * 3_600_000 + extraMs).toISOString();

export interface Ctx {
  random: () => number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
  int(lo: number, hi: number): number;
}

export function context(seed: number): Ctx {
  const random = mulberry32(seed);
  return {
    random,
    pick: (xs) => xs[Math.floor(random() * xs.length)],
    chance: (p) => random() < p,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
  };
}

export function weighted<T extends string>(c: Ctx, mix: Partial<Record<T, number>>): T {
  const entries = Object.entries(mix) as [T, number][];
  let r = c.random() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of entries) if ((r -= w) < 0) return k;
  return entries[entries.length - 1][0];
}

export interface DemoEnterprise {
  id: number;
  name: string;
  creditCode: string;
  districtCode: string;
  industry: Industry;
  size: Size;
}
