/**
 * Industry names as rosters write them (our short names, the national classification's long names such as
 * 黑色金属冶炼和压延加工业, or an industry code) → one of the industry codes. Rules are tried in order, so the
 * specific ones (化学纤维 is textile) come before the general ones (化学 is petrochem); no rule → 'other'.
 */

const RULES: readonly { code: string; keywords: readonly string[] }[] = [
  // GB/T 4754 groups rail, ships and aircraft in one division: it names no single industry of ours.
  { code: 'other', keywords: ['铁路、船舶、航空航天', '铁路船舶航空航天'] },
  { code: 'textile', keywords: ['化学纤维', '化纤', '纺织', '服装', '服饰', '印染'] },
  { code: 'steel', keywords: ['钢铁', '黑色金属', '炼钢', '炼铁', '钢压延'] },
  { code: 'nonferrous', keywords: ['有色'] },
  { code: 'petrochem', keywords: ['石化', '石油', '化工', '化学原料', '化学制品', '炼油'] },
  { code: 'auto', keywords: ['汽车', '整车', '零部件'] },
  { code: 'aviation', keywords: ['航空', '民机', '飞机'] },
  { code: 'shipbuilding', keywords: ['船舶', '造船'] },
  { code: 'ic', keywords: ['集成电路', '芯片', '半导体'] },
  { code: 'software', keywords: ['软件', '信息技术服务'] },
];

export function industryCodeFor(name: string, knownCodes: readonly string[]): string {
  const text = name.normalize('NFKC').replace(/\s+/g, '');
  const lower = text.toLowerCase();
  if (knownCodes.includes(lower)) return lower;
  return RULES.find((r) => r.keywords.some((k) => text.includes(k.normalize('NFKC'))))?.code ?? 'other';
}
