/**
 * District names as people write them in rosters → the district code. The 18 work areas are spelt many ways
 * (长春新区（南） / 长春新区南区 / 新区南区, 汽开区 / 汽车经济技术开发区, …); matching is exact on a normalised key
 * (no 长春市 prefix, no brackets or spaces, half-width), first against the canonical names and the alias table,
 * then with a trailing 区/市/县 dropped (朝阳 → 朝阳区). Anything else is unknown rather than guessed.
 */

/** Other spellings of each district, by code; canonical names need not be repeated. */
const ALIASES: Record<string, readonly string[]> = {
  xinqu_south: ['长春新区南区', '新区南区', '新区南', '长春新区南部'],
  xinqu_north: ['长春新区北区', '新区北区', '新区北', '长春新区北部'],
  jingyue: ['净月高新区', '净月高新技术产业开发区', '净月国家高新技术产业开发区', '净月开发区', '净月经开区', '净月'],
  jingkai: ['经济技术开发区', '长春经开区', '经开', '长春经济开发区', '经济开发区'],
  qikai: ['汽车经济技术开发区', '汽车开发区', '汽车产业开发区', '汽车经开区', '汽开'],
  lianhuashan: ['莲花山生态旅游度假区', '莲花山旅游度假区', '莲花山度假区', '莲花山'],
  zhonghan: ['中韩（长春）国际合作示范区', '中韩国际合作示范区', '中韩合作示范区', '中韩'],
};

/** Comparison key: half-width, no whitespace, no brackets, no province/city prefix. */
export function districtKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()[\]【】<>《》]/g, '')
    .replace(/^吉林省/, '')
    .replace(/^长春市/, '');
}

export interface DistrictMatcher {
  /** The district code for a name as written, or null when it cannot be recognised. */
  match(name: string): string | null;
}

export function districtMatcher(districts: readonly { code: string; name: string }[]): DistrictMatcher {
  const exact = new Map<string, string>();
  const add = (name: string, code: string) => exact.set(districtKey(name), code);
  for (const d of districts) {
    add(d.name, d.code);
    for (const a of ALIASES[d.code] ?? []) add(a, d.code);
  }
  // Second pass: the same keys without the administrative suffix, unless two districts would collide.
  const loose = new Map<string, string | null>();
  for (const [key, code] of exact) {
    const bare = key.replace(/[区市县]$/, '');
    if (bare === key || bare.length < 2) continue;
    loose.set(bare, loose.has(bare) && loose.get(bare) !== code ? null : code);
  }
  return {
    match(name) {
      const key = districtKey(name);
      if (!key) return null;
      return exact.get(key) ?? exact.get(key.replace(/^长春/, '')) ?? loose.get(key.replace(/[区市县]$/, '')) ?? null;
    },
  };
}
