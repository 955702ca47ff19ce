/**
 * Small groups kept private (statistical disclosure control): which groups of a table may
 * show their value and which show only their n. Pure; the pages decide where it applies
 * (shared links, the printed report and every export hide; the evaluator's own Explore
 * view marks).
 *
 * Rules, for a threshold k (default 5):
 *
 * - **Primary**: a group with a value and 0 < n < k is suppressed. Its n stays visible.
 * - **Secondary (complementary)**: a *partition* is a set of groups that together make a
 *   total (regions of a view, exposed + not exposed clients of one function, the cells of
 *   one row of a cross-tab). When the total is known and the statistic is recoverable by
 *   subtraction (counts, sums, means, rates: the suppressed value is
 *   (total × N − Σ nᵢ × valueᵢ) / n), a lone suppressed group is recovered; so while a
 *   partition holds exactly one suppressed group — or suppressed groups whose combined n
 *   is still under k (their pooled value would describe fewer than k clients) — the
 *   unsuppressed group with the smallest n (the first of equals) is suppressed too.
 *   Medians are not recoverable by subtraction, but a known total median and the other
 *   medians narrow a suppressed one down; the pages treat every statistic as recoverable
 *   (conservative), and they treat every total as known: the same view without its
 *   grouping, the KPI cards or the Overview are one click away.
 * - A table with several partitions (a cross-tab: rows and columns; function × region:
 *   exposed/not exposed and the regions) is suppressed partition by partition until
 *   nothing changes — the usual heuristic of cell suppression, not an optimal pattern.
 */

export const DISCLOSURE_DEFAULT = 5;
/** The threshold an evaluator may choose: below 2 nothing would be hidden. */
export const DISCLOSURE_LIMITS = { min: 2, max: 50 } as const;

export type Suppression = 'primary' | 'secondary';

export interface DisclosureGroup {
  /** Units in the group (clients; mentor-months for workload measures). */
  readonly n: number;
  /** Whether the group shows a value at all (a group of n = 0 has none to hide). */
  readonly hasValue: boolean;
}

export interface PartitionOptions {
  /** Whether the partition's total is shown (or can be had): then subtraction recovers values. */
  readonly totalShown: boolean;
  /** Whether the statistic can be recovered by subtraction (default true: conservative). */
  readonly recoverable?: boolean;
}

/** A group under the threshold: it has units, but fewer than k. */
export function isSmallGroup(n: number, k: number): boolean {
  return n > 0 && n < k;
}

/** The primary suppression of one group. */
function primary(group: DisclosureGroup, k: number): Suppression | null {
  return group.hasValue && isSmallGroup(group.n, k) ? 'primary' : null;
}

/**
 * Adds secondary suppressions to one partition in place (`states` holds the current
 * suppression of each of `members`); returns whether anything changed.
 */
function secondary(groups: readonly DisclosureGroup[], members: readonly number[], states: (Suppression | null)[], k: number): boolean {
  let changed = false;
  for (;;) {
    const hidden = members.filter((i) => states[i] != null && groups[i].hasValue);
    if (hidden.length === 0) return changed;
    const pooled = hidden.reduce((sum, i) => sum + groups[i].n, 0);
    if (hidden.length > 1 && pooled >= k) return changed;
    let next = -1;
    for (const i of members) {
      if (states[i] != null || !groups[i].hasValue || groups[i].n <= 0) continue;
      if (next < 0 || groups[i].n < groups[next].n) next = i;
    }
    // Nothing left to hide: the total itself then describes the hidden groups and is a small
    // group of its own wherever it is shown (its n is their sum).
    if (next < 0) return changed;
    states[next] = 'secondary';
    changed = true;
  }
}

/** Which groups of one partition are suppressed, in the order given. */
export function suppressPartition(groups: readonly DisclosureGroup[], k: number, options: PartitionOptions): (Suppression | null)[] {
  const states = groups.map((g) => primary(g, k));
  if (options.totalShown && (options.recoverable ?? true))
    secondary(
      groups,
      groups.map((_, i) => i),
      states,
      k,
    );
  return states;
}

export interface DisclosureCell extends DisclosureGroup {
  /** The cell's coordinates, one per axis (group, second group, exposed …). */
  readonly coords: readonly (string | number | boolean | null)[];
}

/**
 * Suppression of a table whose cells add up along some axes. Along an *additive* axis the
 * cells that share every other coordinate form a partition with a known total (regions of
 * one series; exposed and not exposed of one function). An axis whose groups overlap (mentor
 * functions: one client is exposed to several) makes no partition and is not listed.
 */
export function suppressTable(cells: readonly DisclosureCell[], k: number, additiveAxes: readonly number[]): (Suppression | null)[] {
  const states = cells.map((c) => primary(c, k));
  const partitions: number[][] = [];
  for (const axis of additiveAxes) {
    const byRest = new Map<string, number[]>();
    cells.forEach((c, i) => {
      const rest = JSON.stringify(c.coords.map((v, j) => (j === axis ? null : v)));
      const list = byRest.get(rest);
      if (list) list.push(i);
      else byRest.set(rest, [i]);
    });
    partitions.push(...byRest.values());
  }
  // Each pass only adds suppressions, so this ends (at most one pass per cell).
  for (let changed = true; changed;) {
    changed = false;
    for (const members of partitions) if (secondary(cells, members, states, k)) changed = true;
  }
  return states;
}

/** What a suppressed group carries to the page: why it is hidden, and the words shown instead of its value. */
export interface DisclosureMark {
  readonly suppressed: Suppression;
  /** "< 5 klien" for a small group, "tersembunyi" for its complement (in the UI language). */
  readonly text: string;
}
