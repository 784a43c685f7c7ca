/**
 * District names as people write them in rosters → the district code. The work areas are spelt many ways
 * (长春新区（南） / 长春新区南区 / 新区南区, 汽开区 / 汽车经济技术开发区, …); matching is exact on a normalised key
 * (no province or city prefix, no brackets or spaces, half-width), first against the canonical names and the
 * aliases of the reference data (data/seed/reference.yaml), then with a trailing 区/市/县 dropped (朝阳 → 朝阳区).
 * Anything else is unknown rather than guessed.
 */

/** How a city is named in front of its districts (吉林省长春市朝阳区, 长春朝阳区). */
export interface CityNames {
  name: string;
  short_name: string;
  province: string;
}

/** Comparison key: half-width, no whitespace, no brackets, no province/city prefix. */
export function districtKey(name: string, city?: CityNames): string {
  let key = name
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[()[\]【】<>《》]/g, '');
  for (const prefix of city ? [city.province, city.name] : []) {
    const p = districtKey(prefix);
    if (key.startsWith(p)) key = key.slice(p.length);
  }
  return key;
}

export interface DistrictMatcher {
  /** The district code for a name as written, or null when it cannot be recognised. */
  match(name: string): string | null;
}

/** A district as matching needs it: its code, name and other spellings. */
export interface NamedDistrict {
  code: string;
  name: string;
  aliases?: readonly string[];
}

export function districtMatcher(districts: readonly NamedDistrict[], city?: CityNames): DistrictMatcher {
  const exact = new Map<string, string>();
  const add = (name: string, code: string) => exact.set(districtKey(name, city), code);
  for (const d of districts) {
    add(d.name, d.code);
    for (const a of d.aliases ?? []) add(a, d.code);
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
      const key = districtKey(name, city);
      if (!key) return null;
      const short = city ? districtKey(city.short_name) : '';
      const unprefixed = short && key.startsWith(short) ? key.slice(short.length) : key;
      return exact.get(key) ?? exact.get(unprefixed) ?? loose.get(key.replace(/[区市县]$/, '')) ?? null;
    },
  };
}
