/** One group of a chart's result, as the group query (and exposure-groups.ts) give it. */
export interface GroupRow {
  group: string | null;
  group2: string | null;
  /** For function groups: exposed (true) or not exposed (false); otherwise null. */
  exposed: boolean | null;
  /** Units in the group with a non-missing value. */
  n: number;
  value: number | null;
  /** For rates: units where the value is true. */
  successes: number | null;
  /** The group's non-missing values, in no particular order (with `withValues`). */
  values: Float64Array | null;
}
