/**
 * Gender → the schema's codes (`L` laki-laki, `P` perempuan):
 * `L`, `P`, `Laki-laki`, `Perempuan`, `Pria`, `Wanita`, `M`, `F`, `male`, `female`, `lk`, `pr`.
 *
 * `P` is perempuan (never "pria"): the official Indonesian pair is L/P.
 */
import { GENDERS } from '../domain/schema';
import { fail, foldText, ok, preCheck, type Normalized } from './normalize-common';

export type Gender = (typeof GENDERS)[number];

const [MALE, FEMALE] = GENDERS;

const SPELLINGS: ReadonlyMap<string, Gender> = new Map([
  ...['l', 'lk', 'laki', 'laki laki', 'lakilaki', 'laki2', 'pria', 'cowok', 'm', 'male', 'man', 'men', 'boy'].map(
    (w) => [w, MALE] as const,
  ),
  ...['p', 'pr', 'perempuan', 'wanita', 'w', 'f', 'female', 'woman', 'women'].map((w) => [w, FEMALE] as const),
]);

export function normalizeGender(raw: string | null | undefined): Normalized<Gender | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const g = SPELLINGS.get(foldText(pre.text));
  return g === undefined ? fail('unknown_gender', pre.text) : ok(g);
}
