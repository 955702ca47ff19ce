/**
 * The headline numbers of Explore (overview.ts `OverviewKpis`) from columns in memory
 * (client-columns.ts) and the view's selection, which the main chart's groups usually
 * asked for already: a filter change then costs the KPIs no query. Counts, sums of
 * integers, shares and the median are the SQL's own numbers (the median by DuckDB's
 * definition, stats/intervals.ts), so the cards show the same values either way.
 */
import type { Database } from './database';
import { clientSelectionSql, Params, usesFunctions, type ViewFilters } from './group-query';
import { ensureFramework, frameworkKnown } from './model';
import { mentorPairs, selectedByValue, selectedClients, valueColumn, type MentorPairs, type ValueColumn } from './client-columns';
import type { OverviewKpis } from './overview';
import { median } from '../stats/intervals';

export interface KpiColumns {
  sessions: ValueColumn;
  revenueGrowth: ValueColumn;
  naikKelas: ValueColumn;
  nibEndline: ValueColumn;
  mentors: MentorPairs;
}

/** The KPIs of the selected clients (keys of `client_fact`). */
export function kpisOf(selected: Int32Array, columns: KpiColumns): OverviewKpis {
  const inSelection = new Uint8Array(columns.sessions.has.length);
  let sessions = 0;
  for (let i = 0; i < selected.length; i++) {
    const key = selected[i] as number;
    inSelection[key] = 1;
    if (columns.sessions.has[key] === 1) sessions += columns.sessions.values[key] as number;
  }
  const seen = new Uint8Array(columns.mentors.mentorCount);
  let mentors = 0;
  const { keys, mentors: codes } = columns.mentors;
  for (let i = 0; i < keys.length; i++) {
    const code = codes[i] as number;
    if (inSelection[keys[i] as number] === 1 && seen[code] === 0) {
      seen[code] = 1;
      mentors++;
    }
  }
  const growth = valuesOf(selected, columns.revenueGrowth);
  const share = (column: ValueColumn): [number | null, number] => {
    let n = 0;
    let yes = 0;
    for (let i = 0; i < selected.length; i++) {
      const key = selected[i] as number;
      if (column.has[key] !== 1) continue;
      n++;
      if (column.values[key] !== 0) yes++;
    }
    // DuckDB's avg of an INTEGER: the integer sum divided by the count.
    return [n > 0 ? yes / n : null, n];
  };
  const [naik, naikN] = share(columns.naikKelas);
  const [nib, nibN] = share(columns.nibEndline);
  return {
    clients: selected.length,
    mentors,
    sessions,
    median_revenue_growth: median(growth),
    revenue_growth_n: growth.length,
    naik_kelas_rate: naik,
    naik_kelas_n: naikN,
    nib_endline_rate: nib,
    nib_endline_n: nibN,
  };
}

/** The selected clients' values, ascending (their median is then read off, stats/select.ts). */
function valuesOf(selected: Int32Array, column: ValueColumn): Float64Array {
  const keys = selectedByValue(selected, column);
  const out = new Float64Array(keys.length);
  for (let i = 0; i < keys.length; i++) out[i] = column.values[keys[i] as number] as number;
  return out;
}

/** Explore's KPIs for the filters: the selection (shared, kept for recent filters) and the columns. The framework's exposure rows must exist when a filter is on functions. */
export async function kpisFromColumns(
  db: Database,
  filters: ViewFilters,
  framework: string,
  minSessions: number,
  signal?: AbortSignal,
): Promise<OverviewKpis> {
  if (usesFunctions({ filters }) && !frameworkKnown(db, framework)) await ensureFramework(db, framework);
  const params = new Params();
  const sql = clientSelectionSql(filters, framework, minSessions, params);
  const [selected, sessions, revenueGrowth, naikKelas, nibEndline, mentors] = await Promise.all([
    selectedClients(db, JSON.stringify([sql, params.list]), sql, params.list, signal, filters),
    valueColumn(db, 'f.sessions'),
    valueColumn(db, 'f.revenue_growth'),
    valueColumn(db, 'f.naik_kelas'),
    valueColumn(db, 'f.has_nib_endline'),
    mentorPairs(db),
  ]);
  return kpisOf(selected, { sessions, revenueGrowth, naikKelas, nibEndline, mentors });
}
