/**
 * What the evaluator taught the upload, remembered in this browser (localStorage):
 * column mappings confirmed for a header (by header key), and raw values mapped by hand
 * to canonical ones (by table and column). Everything read back is checked: a stored
 * entry that does not fit the schema is ignored, never trusted.
 */
import { TABLES, TABLE_NAMES, type TableName } from '../domain/schema';
import type { RememberedMapping } from '../upload/inspect';
import type { ValueOverrides } from '../upload/normalise';

const MAPPINGS_KEY = 'dampingan.columnMappings';
const VALUES_KEY = 'dampingan.valueMappings';
/** Keep the storage small: the most recent mappings only. */
const MAX_MAPPINGS = 50;

function read(key: string): unknown {
  try {
    const text = localStorage.getItem(key);
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // storage full or disabled: not remembered
  }
}

type StoredMappings = [headerKey: string, table: TableName, mapping: (string | null)[]][];

function storedMappings(): StoredMappings {
  const raw = read(MAPPINGS_KEY);
  if (!Array.isArray(raw)) return [];
  return raw.filter((entry): entry is StoredMappings[number] => {
    if (!Array.isArray(entry) || entry.length !== 3) return false;
    const [key, table, mapping] = entry as unknown[];
    if (typeof key !== 'string' || !(TABLE_NAMES as readonly unknown[]).includes(table) || !Array.isArray(mapping)) return false;
    const names = TABLES[table as TableName].columns.map((c) => c.name);
    return mapping.every((m) => m === null || (typeof m === 'string' && names.includes(m)));
  });
}

export function recallMapping(headerKey: string): RememberedMapping | null {
  const hit = storedMappings().find(([key]) => key === headerKey);
  return hit ? { table: hit[1], mapping: hit[2] } : null;
}

export function rememberMapping(headerKey: string, table: TableName, mapping: readonly (string | null)[]): void {
  const rest = storedMappings().filter(([key]) => key !== headerKey);
  write(MAPPINGS_KEY, [[headerKey, table, [...mapping]], ...rest].slice(0, MAX_MAPPINGS));
}

type StoredValues = Record<string, Record<string, string>>;

function storedValues(): StoredValues {
  const raw = read(VALUES_KEY);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return {};
  const out: StoredValues = Object.create(null) as StoredValues;
  for (const [column, values] of Object.entries(raw as Record<string, unknown>)) {
    const [table, name] = column.split('.');
    if (!(TABLE_NAMES as readonly string[]).includes(table) || !TABLES[table as TableName].columns.some((c) => c.name === name)) continue;
    if (typeof values !== 'object' || values === null) continue;
    const clean = Object.create(null) as Record<string, string>;
    for (const [rawValue, canonical] of Object.entries(values as Record<string, unknown>)) {
      if (typeof canonical === 'string') clean[rawValue] = canonical;
    }
    out[column] = clean;
  }
  return out;
}

/** The value mappings as the pipeline wants them. */
export function valueOverrides(): ValueOverrides {
  return new Map(Object.entries(storedValues()).map(([column, values]) => [column, new Map(Object.entries(values))]));
}

export function rememberValues(entries: readonly { table: TableName; column: string; raw: string; value: string }[]): void {
  const all = storedValues();
  for (const e of entries) {
    const key = `${e.table}.${e.column}`;
    // A Map-like object with no prototype: raw values such as `__proto__` stay plain keys.
    const values = Object.assign(Object.create(null) as Record<string, string>, all[key] ?? {});
    values[e.raw] = e.value;
    all[key] = values;
  }
  write(VALUES_KEY, all);
}
