/**
 * Saved reports: named links kept in this browser (localStorage). A report is only a link —
 * the view's state — so it carries no data; opening it recomputes from the loaded data.
 */
export interface SavedReport {
  id: string;
  name: string;
  /** Path and query of the view, relative to the site (no origin). */
  link: string;
  /** Dataset the report was made on, as shown to the evaluator. */
  datasetLabel: string;
  createdAt: string;
}

const KEY = 'dampingan.reports.v1';
const MAX_REPORTS = 200;

function isReport(x: unknown): x is SavedReport {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as Record<string, unknown>;
  return ['id', 'name', 'link', 'datasetLabel', 'createdAt'].every((k) => typeof r[k] === 'string');
}

/** Reads the saved reports; anything malformed in storage is ignored, never thrown. */
export function loadReports(storage: Pick<Storage, 'getItem'> = localStorage): SavedReport[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isReport) : [];
  } catch {
    return [];
  }
}

function store(reports: SavedReport[], storage: Pick<Storage, 'setItem'>) {
  storage.setItem(KEY, JSON.stringify(reports.slice(0, MAX_REPORTS)));
}

export function saveReport(
  report: Omit<SavedReport, 'id' | 'createdAt'>,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
  now = new Date(),
): SavedReport {
  const saved: SavedReport = {
    ...report,
    name: report.name.trim().slice(0, 120) || report.link,
    id: `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    createdAt: now.toISOString(),
  };
  store([saved, ...loadReports(storage)], storage);
  return saved;
}

export function deleteReport(id: string, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  store(
    loadReports(storage).filter((r) => r.id !== id),
    storage,
  );
}
