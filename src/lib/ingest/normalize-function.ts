/**
 * Mentor-function names → official task codes, using the crosswalk data
 * (`data/mentor-functions.csv`, parsed once by `parseCrosswalk` and passed in: this
 * module runs in the browser and reads no files).
 *
 * A name is looked up in tiers, first hit wins:
 *  1. official tasks: code, labels, aliases (`Fasilitator`, `memfasilitasi`,
 *     `facilitating` → facilitate);
 *  2. other frameworks' function keys and aliases → that function's official tasks
 *     (`penjangkauan` → observe; `pemungkinan` → facilitate + observe);
 *  3. other frameworks' labels.
 * Within a tier, a name that means different tasks in different frameworks (`empowering`
 * is Wiryasaputra's educate+facilitate but Suharto's educate+correct) is
 * `ambiguous_function` unless the caller names the framework the export uses.
 *
 * Multi-valued cells are split on `|`, `;`, `,`, `/`, `+`, `&`, ` dan `, ` and ` and new
 * lines — but a longer match wins, so `evaluasi dan refleksi` stays one name.
 */
import type { FrameworkFunction } from '../domain/frameworks';
import { OFFICIAL_FUNCTIONS, type OfficialFunction } from '../domain/schema';
import { fail, foldText, ok, preCheck, type Normalized } from './normalize-common';

const OFFICIAL_FRAMEWORK = 'official';

interface Meaning {
  readonly framework: string;
  readonly tasks: readonly OfficialFunction[];
}

/** Folded name → what it means, per tier. Build once per crosswalk with `buildFunctionIndex`. */
export interface FunctionIndex {
  readonly tiers: readonly ReadonlyMap<string, readonly Meaning[]>[];
}

function addMeaning(tier: Map<string, Meaning[]>, name: string, meaning: Meaning): void {
  const key = foldText(name);
  if (key === '') return;
  const list = tier.get(key);
  if (list) list.push(meaning);
  else tier.set(key, [meaning]);
}

export function buildFunctionIndex(crosswalk: readonly FrameworkFunction[]): FunctionIndex {
  const official = new Map<string, Meaning[]>();
  const otherNames = new Map<string, Meaning[]>();
  const otherLabels = new Map<string, Meaning[]>();
  for (const f of crosswalk) {
    const meaning: Meaning = { framework: f.framework, tasks: f.official_tasks };
    const names = [f.function, ...f.aliases];
    const labels = [f.label_id, f.label_en];
    if (f.framework === OFFICIAL_FRAMEWORK) {
      for (const n of [...names, ...labels]) addMeaning(official, n, meaning);
    } else {
      for (const n of names) addMeaning(otherNames, n, meaning);
      for (const n of labels) addMeaning(otherLabels, n, meaning);
    }
  }
  return { tiers: [official, otherNames, otherLabels] };
}

const sameTasks = (a: readonly OfficialFunction[], b: readonly OfficialFunction[]): boolean =>
  a.length === b.length && a.every((t) => b.includes(t));

type Lookup = { readonly tasks: readonly OfficialFunction[] } | { readonly ambiguous: true } | null;

function lookup(index: FunctionIndex, name: string, framework: string | undefined): Lookup {
  const key = foldText(name);
  if (key === '') return null;
  for (const tier of index.tiers) {
    const meanings = tier.get(key);
    if (!meanings) continue;
    const preferred = framework === undefined ? undefined : meanings.find((m) => m.framework === framework);
    if (preferred) return { tasks: preferred.tasks };
    if (meanings.every((m) => sameTasks(m.tasks, meanings[0].tasks))) return { tasks: meanings[0].tasks };
    return { ambiguous: true };
  }
  return null;
}

/** Separators between names in a cell; captured so that longer matches can rejoin pieces. */
const SEPARATORS = /(\s*[|;,/+&\n]\s*|\s+(?:dan|and)\s+)/i;

/** No known name spans more pieces than this (`administrasi, laporan dan basis data` is 4). */
const MAX_PIECES_PER_NAME = 6;

/** Longest run of pieces (with their original separators) that is a known name; greedy from the left. */
function matchPieces(index: FunctionIndex, cell: string, framework: string | undefined): Normalized<Set<OfficialFunction>> {
  const parts = cell.split(SEPARATORS); // [piece, sep, piece, sep, piece…]
  const pieces: string[] = [];
  const seps: string[] = [];
  parts.forEach((p, i) => (i % 2 === 0 ? pieces.push(p) : seps.push(p)));
  const found = new Set<OfficialFunction>();
  let i = 0;
  while (i < pieces.length) {
    if (pieces[i].trim() === '') {
      i++;
      continue;
    }
    let matched = false;
    for (let j = Math.min(pieces.length - 1, i + MAX_PIECES_PER_NAME - 1); j >= i; j--) {
      let joined = pieces[i];
      for (let k = i + 1; k <= j; k++) joined += seps[k - 1] + pieces[k];
      const hit = lookup(index, joined, framework);
      if (hit === null) continue;
      if ('ambiguous' in hit) return fail('ambiguous_function', joined.trim());
      for (const t of hit.tasks) found.add(t);
      i = j + 1;
      matched = true;
      break;
    }
    if (!matched) return fail('unknown_function', pieces[i].trim());
  }
  return ok(found);
}

export interface FunctionOptions {
  /** Framework key the export is written in; resolves names shared by frameworks. */
  readonly framework?: string;
}

/**
 * A cell naming one or more mentor functions → official task codes, deduplicated and in
 * the official order. Null markers → null.
 */
export function normalizeFunctions(
  raw: string | null | undefined,
  index: FunctionIndex,
  options: FunctionOptions = {},
): Normalized<OfficialFunction[] | null> {
  const pre = preCheck(raw);
  if ('done' in pre) return pre.done;
  const r = matchPieces(index, pre.text, options.framework);
  if (!r.ok) return r;
  if (r.value.size === 0) return ok(null);
  return ok(OFFICIAL_FUNCTIONS.filter((f) => r.value.has(f)));
}
