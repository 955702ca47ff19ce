/**
 * Which canonical table a file is, and which of its columns is which.
 *
 * Header names are normalised (`normalizeHeaderName`: accents, case, camelCase,
 * punctuation, unit suffixes like `(Rp)` or `[jam]`) and looked up among each table's
 * column names and `aliases` from `schema.ts`. Every table is scored (mostly by the share
 * of its required columns found) and the best one returned with the mapping, what is
 * missing, what is doubled and what is unknown — enough for the UI to decide whether to
 * show a mapping screen (`needsReview`).
 *
 * Header text is user data: it is only ever a key of a `Map` or an array element, never
 * a property name, so `__proto__` or `toString` columns are ordinary unknown columns.
 * All work is linear in the number of columns (10,000 columns are fine).
 */
import { TABLES, TABLE_NAMES, type TableName } from '../domain/schema';

/** File column index → canonical column name (or null when unmapped). */
export type ColumnMapping = (string | null)[];

export interface DuplicateTarget {
  readonly canonical: string;
  /** File column indexes naming the same canonical column; the first one is mapped. */
  readonly columns: number[];
}

export interface HeaderMatch {
  /** Best table, or null when no column of any table was recognised. */
  readonly table: TableName | null;
  /** 0–1: mostly the share of the table's required columns found. */
  readonly confidence: number;
  readonly mapping: ColumnMapping;
  readonly missingRequired: string[];
  readonly duplicates: DuplicateTarget[];
  /** File columns that match no column of the table (empty names included). */
  readonly unknownColumns: number[];
  /** File columns whose name is empty. */
  readonly emptyHeaders: number[];
  /** The normalised name of every file column. */
  readonly normalizedHeaders: string[];
  /** Every table with its confidence, best first. */
  readonly alternatives: { readonly table: TableName; readonly confidence: number }[];
  /**
   * A flat sheet: rows of `table` (sessions or outcomes) that repeat their client's details
   * (and the mentor's) — the further tables found in the same columns, each with its own
   * mapping of the file's columns. Empty for an ordinary file.
   */
  readonly extraParts: readonly FlatPart[];
  /** True when a person should confirm the mapping. */
  readonly needsReview: boolean;
}

export interface FlatPart {
  readonly table: TableName;
  readonly mapping: ColumnMapping;
}

export interface MatchOptions {
  /** The file's name; a name like `sesi.csv` breaks near-ties between tables. */
  readonly fileName?: string;
}

/** A runner-up this close to the best table also calls for review. */
const CLOSE_RUNNER_UP = 0.1;
const FILE_NAME_BONUS = 0.05;

/** Words in a file name that point at a table. */
const FILE_NAME_HINTS: ReadonlyMap<TableName, readonly string[]> = new Map([
  ['clients', ['client', 'klien', 'umkm', 'peserta']],
  ['mentors', ['mentor', 'pendamping', 'konsultan', 'ppkl']],
  ['sessions', ['session', 'sesi', 'kegiatan', 'kunjungan', 'logbook']],
  ['outcomes', ['outcome', 'hasil', 'capaian', 'pengukuran', 'baseline', 'endline']],
] as const);

/** Unit or note in brackets at the end: `(Rp)`, `[MEZ]`, `(jam)`, `(ya/tidak)`. */
const TRAILING_BRACKETS = /\s*[([{][^()[\]{}]*[)\]}]\s*$/;
const TRAILING_CURRENCY = /_(?:rp|idr|rupiah)$/;

/**
 * `Omzet per bulan (Rp)` → `omzet_per_bulan`; `Kab./Kota` → `kab_kota`;
 * `ClientID` → `client_id`; `  Jenis Kelamin ` → `jenis_kelamin`; `Année` → `annee`.
 */
export function normalizeHeaderName(name: string): string {
  let s = name.replace(/[\uFEFF\u200B-\u200D\u2060]/g, '').trim();
  // Strip trailing bracketed notes, but keep a name that is nothing but brackets.
  while (TRAILING_BRACKETS.test(s) && s.replace(TRAILING_BRACKETS, '') !== '') s = s.replace(TRAILING_BRACKETS, '');
  s = s
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/^\d+[.)]\s+/, '') // `1. Nama` — numbered column titles
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const withoutCurrency = s.replace(TRAILING_CURRENCY, '');
  return withoutCurrency === '' ? s : withoutCurrency;
}

const compact = (key: string): string => key.replace(/_/g, '');

interface TableLookup {
  readonly exact: ReadonlyMap<string, string>;
  /** Same keys without underscores, for `kodeklien`-style names. */
  readonly compact: ReadonlyMap<string, string>;
  /** Columns an upload of the table must have. */
  readonly required: readonly string[];
  /** The table's signature columns (see `ColumnDef.core`): recognition weighs them. */
  readonly core: readonly string[];
}

function buildLookup(table: TableName): TableLookup {
  const exact = new Map<string, string>();
  const compactKeys = new Map<string, string>();
  for (const col of TABLES[table].columns) {
    for (const spelling of [col.name, ...col.aliases]) {
      const key = normalizeHeaderName(spelling);
      if (!exact.has(key)) exact.set(key, col.name);
      if (!compactKeys.has(compact(key))) compactKeys.set(compact(key), col.name);
    }
  }
  return {
    exact,
    compact: compactKeys,
    required: TABLES[table].columns.filter((c) => c.required).map((c) => c.name),
    core: TABLES[table].columns.filter((c) => c.core).map((c) => c.name),
  };
}

const LOOKUPS: ReadonlyMap<TableName, TableLookup> = new Map(TABLE_NAMES.map((t) => [t, buildLookup(t)] as const));

function lookupFor(table: TableName): TableLookup {
  const l = LOOKUPS.get(table);
  if (!l) throw new Error(`unknown table ${table}`);
  return l;
}

interface TableFit {
  readonly table: TableName;
  readonly confidence: number;
  readonly mapping: ColumnMapping;
  readonly missingRequired: string[];
  readonly duplicates: DuplicateTarget[];
  readonly unknownColumns: number[];
  readonly matchedCount: number;
}

/** Names of a spreadsheet's row-number column. */
const ROW_NUMBER_NAMES: ReadonlySet<string> = new Set(['no', 'nomor', 'no_urut', 'nr', 'num', '']);

/** Fewer of a file's columns recognised than this share calls for a person to look. */
export const REVIEW_MATCHED_SHARE = 0.5;

function fitTable(table: TableName, normalized: readonly string[]): TableFit {
  const lookup = lookupFor(table);
  const mapping: ColumnMapping = [];
  const firstColumnOf = new Map<string, number>();
  const competitors = new Map<string, number[]>();
  const unknownColumns: number[] = [];
  let named = 0;
  normalized.forEach((key, i) => {
    if (key !== '') named++;
    const canonical = key === '' ? undefined : (lookup.exact.get(key) ?? lookup.compact.get(compact(key)));
    if (canonical === undefined) {
      mapping.push(null);
      unknownColumns.push(i);
      return;
    }
    const first = firstColumnOf.get(canonical);
    if (first === undefined) {
      firstColumnOf.set(canonical, i);
      mapping.push(canonical);
    } else {
      mapping.push(null);
      const list = competitors.get(canonical);
      if (list) list.push(i);
      else competitors.set(canonical, [first, i]);
    }
  });
  const missingRequired = lookup.required.filter((c) => !firstColumnOf.has(c));
  const coreShare = lookup.core.filter((c) => firstColumnOf.has(c)).length / Math.max(1, lookup.core.length);
  // A row-number column ("No", "Nomor", "#") is part of every spreadsheet, of no table.
  const counted = named - normalized.filter((key) => ROW_NUMBER_NAMES.has(key)).length;
  const matchedShare = counted <= 0 ? 0 : Math.min(1, firstColumnOf.size / counted);
  const confidence =
    firstColumnOf.size === 0
      ? 0
      : missingRequired.length > 0
        ? 0.5 * (0.75 * coreShare + 0.25 * matchedShare)
        : 0.75 * coreShare + 0.25 * matchedShare;
  const duplicates = [...competitors].map(([canonical, columns]) => ({ canonical, columns }));
  return { table, confidence, mapping, missingRequired, duplicates, unknownColumns, matchedCount: firstColumnOf.size };
}

function fileNamePoints(fileName: string | undefined, table: TableName): boolean {
  if (!fileName) return false;
  const base = fileName.toLowerCase();
  return (FILE_NAME_HINTS.get(table) ?? []).some((w) => base.includes(w));
}

/** Tables whose rows can carry their client's (and mentor's) details in a flat sheet. */
const ROW_TABLES: ReadonlySet<TableName> = new Set(['sessions', 'outcomes']);
/** Client columns besides the id that make a sessions/outcomes file a flat sheet. */
const FLAT_MIN_CLIENT_COLUMNS = 2;

/**
 * The further tables a sessions or outcomes file carries: file columns the primary table
 * does not use that name client details (≥ 2 of them) become a clients part keyed by the
 * primary's client id; then mentor details (besides the id) a mentors part keyed by its
 * mentor id. Each file column goes to one part only (clients first).
 */
function flatParts(primary: Pick<TableFit, 'table' | 'mapping'>, normalized: readonly string[]): FlatPart[] {
  if (!ROW_TABLES.has(primary.table)) return [];
  const used = new Set<number>(primary.mapping.flatMap((m, i) => (m === null ? [] : [i])));
  const parts: FlatPart[] = [];
  const link = (table: TableName, key: string, keyColumn: number): void => {
    const fit = fitTable(table, normalized);
    const mapping: ColumnMapping = fit.mapping.map((m, i) => (m !== null && m !== key && !used.has(i) ? m : null));
    const extra = mapping.filter((m) => m !== null).length;
    if (extra < (table === 'clients' ? FLAT_MIN_CLIENT_COLUMNS : 1)) return;
    mapping[keyColumn] = key;
    mapping.forEach((m, i) => m !== null && i !== keyColumn && used.add(i));
    parts.push({ table, mapping });
  };
  const clientColumn = primary.mapping.indexOf('client_id');
  if (clientColumn >= 0) link('clients', 'client_id', clientColumn);
  const mentorColumn = primary.mapping.indexOf('mentor_id');
  if (mentorColumn >= 0 && parts.length > 0) link('mentors', 'mentor_id', mentorColumn);
  return parts;
}

function toMatch(best: TableFit, normalized: string[], ranked: TableFit[], recognised: boolean, extraParts: FlatPart[] = []): HeaderMatch {
  const runnerUp = ranked.find((f) => f.table !== best.table);
  const closeRunnerUp = extraParts.length === 0 && runnerUp !== undefined && best.confidence - runnerUp.confidence < CLOSE_RUNNER_UP;
  // Columns a flat sheet's further parts use are recognised too.
  const partColumns = new Set(extraParts.flatMap((p) => p.mapping.flatMap((m, i) => (m === null ? [] : [i]))));
  const unknownColumns = best.unknownColumns.filter((i) => !partColumns.has(i));
  const counted = normalized.filter((key) => key !== '' && !ROW_NUMBER_NAMES.has(key)).length;
  const matchedShare =
    counted === 0
      ? 0
      : Math.min(
          1,
          (counted - unknownColumns.filter((i) => normalized[i] !== '' && !ROW_NUMBER_NAMES.has(normalized[i])).length) / counted,
        );
  return {
    table: recognised ? best.table : null,
    confidence: best.confidence,
    mapping: best.mapping,
    missingRequired: best.missingRequired,
    duplicates: best.duplicates,
    unknownColumns,
    emptyHeaders: normalized.flatMap((k, i) => (k === '' ? [i] : [])),
    normalizedHeaders: normalized,
    alternatives: ranked.map((f) => ({ table: f.table, confidence: f.confidence })),
    extraParts,
    // Sure enough to load without a person: the table is clear (no close runner-up), every
    // required column is there, no column is doubled, and most named columns were recognised.
    // A complete export is not needed: absent optional columns load as missing values.
    needsReview:
      !recognised || best.missingRequired.length > 0 || best.duplicates.length > 0 || matchedShare < REVIEW_MATCHED_SHARE || closeRunnerUp,
  };
}

/** Recognises the table a header row belongs to and maps its columns. */
export function matchHeader(headers: readonly string[], options: MatchOptions = {}): HeaderMatch {
  const normalized = headers.map(normalizeHeaderName);
  const fits = TABLE_NAMES.map((t) => fitTable(t, normalized));
  const rank = (f: TableFit): number => f.confidence + (fileNamePoints(options.fileName, f.table) ? FILE_NAME_BONUS : 0);
  const ranked = [...fits].sort((a, b) => rank(b) - rank(a) || b.matchedCount - a.matchedCount);
  const best = ranked[0];
  const recognised = best.matchedCount > 0;
  return toMatch(best, normalized, ranked, recognised, recognised ? flatParts(best, normalized) : []);
}

/** Maps a header row onto a table the user chose (the mapping screen's "this is a … file"). */
export function mapHeaderToTable(headers: readonly string[], table: TableName): HeaderMatch {
  const normalized = headers.map(normalizeHeaderName);
  const fits = TABLE_NAMES.map((t) => fitTable(t, normalized));
  const chosen = fitTable(table, normalized);
  const ranked = [chosen, ...fits.filter((f) => f.table !== table).sort((a, b) => b.confidence - a.confidence)];
  return {
    ...toMatch(chosen, normalized, [chosen], true, flatParts(chosen, normalized)),
    alternatives: ranked.map((f) => ({ table: f.table, confidence: f.confidence })),
  };
}

/** The flat-sheet parts of a header once its primary table and mapping are settled (e.g. by the evaluator). */
export function flatPartsFor(headers: readonly string[], table: TableName, mapping: ColumnMapping): FlatPart[] {
  return flatParts({ table, mapping }, headers.map(normalizeHeaderName));
}
