/** The values each dimension takes in the loaded data (with client counts), for filters. */
import type { Database } from './database';
import { DIMENSIONS, dimensionByKey } from './dimensions';
import { ensureFramework } from './model';
import { exposureCounts } from './exposure-groups';
import { memoColumn } from './client-columns';

export interface FilterOption {
  value: string;
  clients: number;
}

/** Dimension key → its values, most frequent first (time dimensions in time order, regions by code). */
export async function filterOptions(db: Database, framework: string): Promise<Record<string, FilterOption[]>> {
  // The client dimensions' and support areas' values depend on the dataset alone: asked once
  // per dataset and kept with its columns (client-columns.ts).
  const fixed = await memoColumn(db, 'filter options', () => clientFilterOptions(db));
  const out: Record<string, FilterOption[]> = {};
  for (const [key, list] of Object.entries(fixed)) out[key] = list.map((option) => ({ ...option }));
  await ensureFramework(db, framework);
  // Each function's clients with a session in it, from the columns the function chart keeps
  // (exposure-groups.ts, in crosswalk order): count_if(sessions > 0) without another pass
  // over every client × function row (≈ 0.1 s of a reopened upload's first view at 1M sessions).
  const counts = await exposureCounts(db, dimensionByKey('function')!.exposure!, framework);
  out.function = counts.groups.map((value, g) => {
    const sessions = counts.sessions[g] as Int32Array;
    let clients = 0;
    for (let key = 0; key < sessions.length; key++) if ((sessions[key] as number) > 0) clients++;
    return { value, clients };
  });
  return out;
}

async function clientFilterOptions(db: Database): Promise<Record<string, FilterOption[]>> {
  const out: Record<string, FilterOption[]> = {};
  const parts = DIMENSIONS.filter((d) => d.client).map(
    (d) =>
      `SELECT '${d.key}' AS dimension, ${d.client}::VARCHAR AS value, count(*)::INTEGER AS clients FROM client_fact f WHERE ${d.client} IS NOT NULL GROUP BY 2`,
  );
  const rows = await db.query<{ dimension: string; value: string; clients: number }>(parts.join(' UNION ALL '));
  for (const r of rows) (out[r.dimension] ??= []).push({ value: r.value, clients: r.clients });
  for (const [key, list] of Object.entries(out)) {
    if (key === 'region' || dimensionByKey(key)?.ordered) list.sort((a, b) => a.value.localeCompare(b.value));
    else list.sort((a, b) => b.clients - a.clients || a.value.localeCompare(b.value));
  }
  out.support_area = await db.query<FilterOption>(
    `SELECT area AS value, count_if(sessions > 0)::INTEGER AS clients FROM client_area_sessions GROUP BY area ORDER BY min(area_key)`,
  );
  return out;
}
