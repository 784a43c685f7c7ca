/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015: 18 characters —
 * 1 登记管理部门代码, 2 机构类别代码, 3–8 行政区划码, 9–17 组织机构代码 (GB 11714, with its own check
 * character at position 17), 18 check character. Messages are Chinese and name the offending position, because
 * the person reading them is comparing a printed licence against what they typed.
 */

/** The code's alphabet, in value order (0–30): digits and capitals without I, O, Z, S, V. */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Valid 机构类别代码 (position 2) for each 登记管理部门代码 (position 1). */
const CATEGORIES: Record<string, string> = {
  '1': '1239', // 机构编制
  '2': '19', // 外交
  '3': '123459', // 司法行政
  '4': '19', // 文化
  '5': '1239', // 民政
  '6': '129', // 旅游
  '7': '129', // 宗教
  '8': '19', // 工会
  '9': '123', // 工商
  A: '19', // 中央军委改革和编制办公室
  N: '1239', // 农业
  Y: '1', // 其他
};

export type UsccResult = { ok: true; code: string } | { ok: false; message: string };

/** Trim, drop inner whitespace, full-width → half-width, lower → upper: how people actually type codes. */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000\u00A0]+/g, '')
    .toUpperCase();
}

/** The 18th character for the first 17 (already normalised and within the alphabet). */
export function computeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('computeCheckChar expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i]);
    if (v < 0) throw new Error(`character ${first17[i]} is not in the USCC alphabet`);
    sum += v * WEIGHTS[i];
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** GB 11714 check character for the 8-character body of an organisation code (letters A–Z count 10–35). */
export function computeOrgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * ORG_WEIGHTS[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function validateUscc(input: string): UsccResult {
  const code = normalizeUscc(input);
  if (code.length === 0) return { ok: false, message: '统一社会信用代码不能为空' };
  for (let i = 0; i < code.length; i++) {
    if (!CHARSET.includes(code[i])) {
      const hint = 'IOZSV'.includes(code[i]) ? '（代码中不使用字母 I、O、Z、S、V，请核对是否为数字 1、0、2、5 或字母 U）' : '';
      return { ok: false, message: `第 ${i + 1} 位字符 ‘${code[i]}’ 不是统一社会信用代码允许的字符${hint}` };
    }
  }
  if (code.length !== 18) return { ok: false, message: `统一社会信用代码应为 18 位，实际为 ${code.length} 位` };
  const categories = CATEGORIES[code[0]];
  if (!categories) return { ok: false, message: `第 1 位登记管理部门代码 ‘${code[0]}’ 无效` };
  if (!categories.includes(code[1])) {
    return { ok: false, message: `第 2 位机构类别代码 ‘${code[1]}’ 与第 1 位登记管理部门代码 ‘${code[0]}’ 不匹配` };
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, message: `第 3–8 位应为 6 位数字的行政区划码，实际为 ‘${code.slice(2, 8)}’` };
  }
  const orgCheck = computeOrgCheckChar(code.slice(8, 16));
  if (orgCheck !== code[16]) {
    return {
      ok: false,
      message: `第 9–17 位组织机构代码校验不通过：第 17 位校验位应为 ‘${orgCheck}’，实际为 ‘${code[16]}’，请核对是否抄错`,
    };
  }
  const check = computeCheckChar(code.slice(0, 17));
  if (check !== code[17]) {
    return { ok: false, message: `统一社会信用代码校验不通过：第 18 位校验位应为 ‘${check}’，实际为 ‘${code[17]}’，请核对是否抄错` };
  }
  return { ok: true, code };
}

/** County-level codes of Changchun (2201xx) for generated test and demo data. */
const CHANGCHUN_AREAS = ['220102', '220103', '220104', '220105', '220106', '220112', '220113', '220122', '220182', '220183', '220184'];

/**
 * A valid 企业 code (登记管理部门 9, 类别 1) in a Changchun area, drawn from `random` (a [0, 1) source, seeded
 * by the caller for reproducible demo data).
 */
export function generateUscc(random: () => number = Math.random): string {
  const pick = (s: string | readonly string[]) => s[Math.floor(random() * s.length)];
  let body = '';
  for (let i = 0; i < 8; i++) body += pick('0123456789');
  const first17 = '91' + pick(CHANGCHUN_AREAS) + body + computeOrgCheckChar(body);
  return first17 + computeCheckChar(first17);
}
