/**
 * Disaggregation by owner gender (gender equality and social inclusion reporting): every
 * client measure the data can give, for women-owned, men-owned, cooperatives (no owner:
 * not applicable) and businesses whose owner's gender is unknown. One grouped query per
 * measure, with the values for intervals and for the women − men gap.
 */
import type { Database } from './database';
import { runGroupQuery, type GroupRow } from './group-query';
import { MEASURES, type MeasureDef } from './measures';
import { NO_FILTERS } from './overview';

/** The groups in the order the table shows them; null is "unknown". */
export const GESI_GROUPS = ['P', 'L', 'koperasi', null] as const;
export type GesiGroup = (typeof GESI_GROUPS)[number];

export interface GesiMeasure {
  readonly measure: MeasureDef;
  /** One row per group of GESI_GROUPS, in that order (an absent group has n = 0). */
  readonly groups: readonly GroupRow[];
}

/** Client measures, outcomes first and then mentoring delivered (the order of MEASURES within each). */
export function gesiMeasures(available: (m: MeasureDef) => boolean = () => true): MeasureDef[] {
  const client = MEASURES.filter((m) => m.unit === 'client' && available(m));
  return [...client.filter((m) => m.direction !== null), ...client.filter((m) => m.direction === null)];
}

const EMPTY = (group: string | null): GroupRow => ({
  group,
  group2: null,
  exposed: null,
  n: 0,
  value: null,
  successes: null,
  values: null,
});

export async function gesiTable(db: Database, measures: readonly MeasureDef[], signal?: AbortSignal): Promise<GesiMeasure[]> {
  return Promise.all(
    measures.map(async (measure) => {
      const rows = await runGroupQuery(
        db,
        { measure: measure.key, dimension: 'owner_gender', framework: 'official', minSessions: 1, filters: NO_FILTERS, withValues: true },
        signal,
      );
      return { measure, groups: GESI_GROUPS.map((g) => rows.find((r) => r.group === g) ?? EMPTY(g)) };
    }),
  );
}

/** Clients per group (women-owned, men-owned, cooperative, unknown), for the table's first row. */
export async function gesiClientCounts(db: Database, signal?: AbortSignal): Promise<Record<string, number>> {
  const rows = await db.query<{ group: string | null; n: number }>(
    `SELECT CASE WHEN entity_type = 'koperasi' THEN 'koperasi' ELSE owner_gender END AS "group", count(*)::INTEGER AS n
     FROM client_fact GROUP BY ALL`,
    [],
    { signal },
  );
  return Object.fromEntries(rows.map((r) => [r.group ?? '', r.n]));
}
