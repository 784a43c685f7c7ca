/**
 * 一、诊断概述's list of the documents the diagnosis rests on, as an official document cites them: each document once
 * (the questionnaires cite one document in several spellings, with and without its 文号), with its title where the
 * questionnaire gives only a standard's number, in the order of legal force — laws, administrative regulations,
 * rules and normative documents of the ministries, national standards, then other references.
 */

/** Titles of the national standards the questionnaires cite by number alone. */
const STANDARD_TITLES: Record<string, string> = {
  'GB/T 37988-2019': '《信息安全技术 数据安全能力成熟度模型》',
  'GB/T 43697-2024': '《数据安全技术 数据分类分级规则》',
  'GB/T 45577-2025': '《数据安全技术 数据安全风险评估方法》',
  'GB/T 22239-2019': '《信息安全技术 网络安全等级保护基本要求》',
};

/** Rank of legal force: lower comes first. */
function rank(citation: string): number {
  if (/^《中华人民共和国.+法》/.test(citation) || /^《个人信息保护法》/.test(citation)) return 0;
  if (/条例》|国务院令/.test(citation)) return 1;
  if (/^GB/.test(citation)) return 3;
  if (/《/.test(citation)) return 2;
  return 4;
}

/** What identifies the document whatever its spelling: the title in 《》, else the standard's number. */
function documentKey(citation: string): string {
  const title = /《([^》]+)》/.exec(citation);
  if (title) return title[1]!.replace(/^中华人民共和国/, '');
  const number = /^(GB(?:\/T)?\s*\d+(?:\.\d+)?-\d{4})/.exec(citation);
  return number ? number[1]!.replace(/\s+/g, ' ') : citation;
}

function withTitle(citation: string): string {
  const title = STANDARD_TITLES[citation.trim()];
  return title ? `${citation.trim()} ${title}` : citation;
}

/** The documents cited, each once in its fullest spelling, ordered by legal force and then by first citation. */
export function basisDocuments(citations: readonly string[]): string[] {
  const fullest = new Map<string, string>();
  for (const c of citations) {
    const key = documentKey(c);
    const seen = fullest.get(key);
    // The longer spelling carries the 文号 or the date the shorter one omits.
    if (seen === undefined || c.length > seen.length) fullest.set(key, c);
  }
  // A Map keeps insertion order, so the index is the order of first citation.
  return [...fullest.values()]
    .map((citation, order) => ({ citation: withTitle(citation), rank: rank(citation), order }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map((x) => x.citation);
}
