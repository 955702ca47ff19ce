/** The values each dimension takes in the loaded data (with client counts), for filters. */
import type { Database } from './database';
import { DIMENSIONS, dimensionByKey } from './dimensions';
import { ensureFramework } from './model';

export interface FilterOption {
  value: string;
  clients: number;
}

/** Dimension key → its values, most frequent first (time dimensions in time order, regions by code). */
export async function filterOptions(db: Database, framework: string): Promise<Record<string, FilterOption[]>> {
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
  await ensureFramework(db, framework);
  out.function = await db.query<FilterOption>(
    `SELECT "function" AS value, count_if(sessions > 0)::INTEGER AS clients
     FROM client_function_sessions WHERE framework = ?
     GROUP BY "function" ORDER BY min(fn_key)`,
    [framework],
  );
  return out;
}
