/**
 * Disaggregation for gender equality and social inclusion (GESI) reporting: every client
 * measure the data can give, by owner gender — women-owned, men-owned, cooperatives (no
 * owner: not applicable) and businesses whose owner's gender is unknown — and, when the
 * data has the owner's birth year or disability (late columns of the format), by age band
 * and by disability too. One grouped query per measure and breakdown, with the values for
 * intervals and for the gap (women − men; with − without a disability).
 */
import type { Database } from './database';
import { AGE_BANDS, dimensionByKey } from './dimensions';
import { runGroupQuery, type GroupRow } from './group-query';
import { MEASURES, type MeasureDef } from './measures';
import { NO_FILTERS } from './overview';

/** The groups in the order the table shows them; null is "unknown". */
export const GESI_GROUPS = ['P', 'L', 'koperasi', null] as const;
export type GesiGroup = (typeof GESI_GROUPS)[number];

/** One way of splitting the clients: a dimension of dimensions.ts, its groups in order, and the gap it reports. */
export interface GesiBreakdown {
  readonly dimension: 'owner_gender' | 'owner_disability' | 'age_band';
  /** Every group, in the order the table shows them (null is "unknown"); together they are all clients. */
  readonly groups: readonly (string | null)[];
  /** The gap column: first group − second group; null when the breakdown has no gap. */
  readonly gap: readonly [string, string] | null;
}

export const GESI_BY_GENDER: GesiBreakdown = { dimension: 'owner_gender', groups: GESI_GROUPS, gap: ['P', 'L'] };
export const GESI_BY_DISABILITY: GesiBreakdown = { dimension: 'owner_disability', groups: ['yes', 'no', null], gap: ['yes', 'no'] };
/** Age bands have no single gap: youth and older owners are read against every other band. */
export const GESI_BY_AGE: GesiBreakdown = { dimension: 'age_band', groups: [...AGE_BANDS, null], gap: null };

/** The breakdowns after gender, each shown when the data holds what its dimension needs. */
export const GESI_EXTRA_BREAKDOWNS: readonly GesiBreakdown[] = [GESI_BY_AGE, GESI_BY_DISABILITY];

/** What a breakdown's dimension needs (coverage.ts `missingNeed`). */
export function breakdownNeeds(breakdown: GesiBreakdown): readonly string[] {
  return dimensionByKey(breakdown.dimension)?.needs ?? [];
}

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

export async function gesiTable(
  db: Database,
  measures: readonly MeasureDef[],
  signal?: AbortSignal,
  breakdown: GesiBreakdown = GESI_BY_GENDER,
): Promise<GesiMeasure[]> {
  return Promise.all(
    measures.map(async (measure) => {
      const rows = await runGroupQuery(
        db,
        {
          measure: measure.key,
          dimension: breakdown.dimension,
          framework: 'official',
          minSessions: 1,
          filters: NO_FILTERS,
          withValues: true,
        },
        signal,
      );
      return { measure, groups: breakdown.groups.map((g) => rows.find((r) => r.group === g) ?? EMPTY(g)) };
    }),
  );
}

/** Clients per group of the breakdown (by default women-owned, men-owned, cooperative, unknown), for the table's first row. */
export async function gesiClientCounts(
  db: Database,
  signal?: AbortSignal,
  breakdown: GesiBreakdown = GESI_BY_GENDER,
): Promise<Record<string, number>> {
  const group = dimensionByKey(breakdown.dimension)?.client;
  if (!group) throw new Error(`No client grouping for ${breakdown.dimension}`);
  const rows = await db.query<{ group: string | null; n: number }>(
    `SELECT ${group} AS "group", count(*)::INTEGER AS n FROM client_fact f GROUP BY ALL`,
    [],
    { signal },
  );
  return Object.fromEntries(rows.map((r) => [r.group ?? '', r.n]));
}
