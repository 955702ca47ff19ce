/**
 * Kabupaten/kota → 4-digit BPS code, from `regions.ts` (never restated here).
 *
 * Codes: `5203`, `52.03`, `52 03`, `52-03`. Names: the region's name and aliases, plus
 * `Kab.`/`Kabupaten` + name for a kabupaten and `Kota` + name for a kota, matched as
 * whole folded names — never by prefix, so `Sumbawa` (5204) is not `Sumbawa Barat`
 * (5207) and `Bima` (5206, kabupaten) is not `Kota Bima` (5272).
 */
import { REGIONS, REGION_CODES, type Region } from '../domain/regions';
import { fail, foldText, ok, preCheck, type Normalized } from './normalize-common';

const CODE = /^(\d{2})[\s.-]?(\d{2})$/;

/** Every folded spelling of a region's name. */
function spellings(region: Region): string[] {
  const names = [region.name, ...region.aliases];
  const bare = region.kind === 'kota' ? region.name.replace(/^Kota\s+/i, '') : region.name;
  if (region.kind === 'kabupaten') names.push(`Kab ${bare}`, `Kabupaten ${bare}`);
  else names.push(`Kota ${bare}`);
  return names.map(foldText);
}

function buildNameIndex(): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const r of REGIONS) {
    for (const s of spellings(r)) {
      const existing = index.get(s);
      // Two regions sharing a spelling would make matching a guess: fail loudly in tests.
      if (existing !== undefined && existing !== r.code) {
        throw new Error(`region spelling "${s}" is claimed by ${existing} and ${r.code}`);
      }
      index.set(s, r.code);
    }
  }
  return index;
}

const NAME_INDEX = buildNameIndex();
const CODES = new Set(REGION_CODES);

export function normalizeRegion(raw: string | null | undefined): Normalized<string | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const text = pre.text;
  const code = CODE.exec(text);
  if (code) {
    const c = code[1] + code[2];
    return CODES.has(c) ? ok(c) : fail('unknown_region', text);
  }
  const byName = NAME_INDEX.get(foldText(text));
  return byName === undefined ? fail('unknown_region', text) : ok(byName);
}
