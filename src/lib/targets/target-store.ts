/**
 * A dataset's targets, kept in this browser beside it (localStorage, keyed by the
 * dataset's content fingerprint, so the sample has its own and a stored upload keeps
 * its targets across visits). What is read back is checked target by target: an entry
 * that no longer fits (an indicator since renamed, a value that is not a number) is
 * left out, never trusted.
 */
import { REGION_CODES } from '../domain/regions';
import { measureByKey } from '../query/measures';
import { targetKey, type Target } from '../ingest/targets-file';

export interface TargetSheet {
  /** Where the targets came from: a file's name, or '' when typed in the editor. */
  readonly source: string;
  /** ISO time of the last change. */
  readonly savedAt: string;
  readonly targets: readonly Target[];
}

/** The part of Web Storage the store uses (localStorage in the browser, a Map in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'dampingan.targets.';
const FINGERPRINT = /^[0-9a-f]{1,64}$/;
/** Enough for a year-by-region-by-indicator plan; keeps storage small. */
export const MAX_TARGETS = 500;

function keyOf(fingerprint: string): string {
  if (!FINGERPRINT.test(fingerprint)) throw new Error(`Not a dataset fingerprint: ${JSON.stringify(fingerprint)}`);
  return PREFIX + fingerprint;
}

const optionalText = (v: unknown): v is string | null => v === null || (typeof v === 'string' && v.length > 0 && v.length <= 200);

function isTarget(value: unknown): value is Target {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t.indicator === 'string' &&
    measureByKey(t.indicator) !== undefined &&
    typeof t.target === 'number' &&
    Number.isFinite(t.target) &&
    (t.period === null || (typeof t.period === 'number' && Number.isInteger(t.period) && t.period >= 1900 && t.period <= 2199)) &&
    (t.region_code === null || (typeof t.region_code === 'string' && REGION_CODES.includes(t.region_code))) &&
    optionalText(t.cohort) &&
    optionalText(t.programme)
  );
}

/** Only the fields of a target, in a fixed order (nothing else is stored). */
function plain(t: Target): Target {
  return {
    indicator: t.indicator,
    target: t.target,
    period: t.period,
    region_code: t.region_code,
    cohort: t.cohort,
    programme: t.programme,
  };
}

export function loadTargets(storage: KeyValueStorage, fingerprint: string): TargetSheet | null {
  let raw: unknown;
  try {
    const text = storage.getItem(keyOf(fingerprint));
    raw = text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const sheet = raw as Record<string, unknown>;
  if (!Array.isArray(sheet.targets)) return null;
  const seen = new Set<string>();
  const targets = sheet.targets
    .filter(isTarget)
    .map(plain)
    .filter((t) => !seen.has(targetKey(t)) && seen.add(targetKey(t)))
    .slice(0, MAX_TARGETS);
  return {
    source: typeof sheet.source === 'string' ? sheet.source.slice(0, 200) : '',
    savedAt: typeof sheet.savedAt === 'string' ? sheet.savedAt : '',
    targets,
  };
}

/** Stores the sheet (an empty one removes the entry); throws when the storage refuses (full or disabled). */
export function saveTargets(storage: KeyValueStorage, fingerprint: string, sheet: TargetSheet): void {
  if (sheet.targets.length === 0) return removeTargets(storage, fingerprint);
  if (sheet.targets.length > MAX_TARGETS) throw new RangeError(`At most ${MAX_TARGETS} targets`);
  storage.setItem(keyOf(fingerprint), JSON.stringify({ ...sheet, targets: sheet.targets.map(plain) }));
}

export function removeTargets(storage: KeyValueStorage, fingerprint: string): void {
  storage.removeItem(keyOf(fingerprint));
}
