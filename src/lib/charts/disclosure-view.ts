/**
 * Small groups kept private in what Explore, the report and the exports show: which rows of
 * the main chart, regions of the map, points of the trajectories and KPI cards are
 * suppressed (stats/disclosure.ts decides), and what each shows instead of its value.
 *
 * Two modes. `hide` (a shared link, the printed report, every export): a suppressed group
 * keeps its n and shows "< 5 klien" (or "tersembunyi" for a complement), never its value,
 * interval, difference or rank. `mark` (the evaluator's own Explore view): values stay, each
 * suppressed group is marked †, and the page says where they will be hidden.
 *
 * The partitions (see disclosure.ts for the rules): the main chart's groups along every
 * dimension whose groups do not overlap, exposed + not exposed of each function or area,
 * the regions of the map, the cohorts at each point of the trajectories. Every total is
 * taken as known. KPI cards are one total each: a card whose n is under the threshold is
 * hidden, and with fewer clients than the threshold so are the mentor and session counts.
 * Pure.
 */
import { suppressPartition, suppressTable, type DisclosureMark, type Suppression } from '../stats/disclosure';
import { isExposureDimension } from '../query/dimensions';
import type { OverviewKpis } from '../query/overview';
import { translate, type Lang } from '../i18n/messages';
import type { ExploreRow } from './explore-rows';
import type { MapDatum } from './ntb-map';
import type { TrajectoryDatum } from './trajectory-chart';
import type { GroupBar } from './group-bars';
import type { DoseResponse } from '../findings/dose';

export type DisclosureMode = 'mark' | 'hide';

export interface Disclosure {
  /** The threshold: groups of fewer units are suppressed. */
  readonly k: number;
  readonly mode: DisclosureMode;
}

/** The sign beside a value the evaluator sees that others will not. */
export const DISCLOSURE_SIGN = '†';

export function disclosureText(lang: Lang, suppressed: Suppression, k: number): string {
  return suppressed === 'primary' ? translate(lang, 'disclosure.small', { k }) : translate(lang, 'disclosure.complement');
}

function markOf(state: Suppression | null, lang: Lang, k: number): DisclosureMark | null {
  return state ? { suppressed: state, text: disclosureText(lang, state, k) } : null;
}

/** "12,5%", "12,5% †" (marked) or "< 5 klien" (hidden): a value as a page or a file shows it. */
export function disclosedValue(formatted: string, value: number | null, mark: DisclosureMark | null | undefined): string {
  if (!mark) return formatted;
  return value == null ? mark.text : `${formatted} ${DISCLOSURE_SIGN}`;
}

/**
 * The main chart's rows with their suppression. Coordinates are (group, second group,
 * exposed); an axis adds up when its dimension's groups do not overlap (not functions or
 * areas: a client is exposed to several), and exposed + not exposed always do.
 */
export function discloseExploreRows(
  rows: readonly ExploreRow[],
  dims: { dimension: string; dimension2: string | null },
  disclosure: Disclosure,
  lang: Lang,
): ExploreRow[] {
  const axes: number[] = [];
  if (!isExposureDimension(dims.dimension)) axes.push(0);
  if (dims.dimension2 && !isExposureDimension(dims.dimension2)) axes.push(1);
  if (rows.some((r) => r.exposed != null)) axes.push(2);
  const states = suppressTable(
    // Without a second dimension the series of an exposure row is its exposure, already the third coordinate.
    rows.map((r) => ({ coords: [r.key, dims.dimension2 ? r.seriesKey : null, r.exposed], n: r.n, hasValue: r.value != null })),
    disclosure.k,
    axes,
  );
  const marked = rows.map((r, i) => ({ ...r, disclosure: markOf(states[i], lang, disclosure.k) }));
  return disclosure.mode === 'hide' ? hideExploreRows(marked) : marked;
}

/**
 * Rows as a shared link, the report and the exports show them: a suppressed row keeps its
 * n, label and whether it is drawn, and loses its value, interval, difference and rank (the
 * ranks of the others are numbered again, so no gap says where a hidden group stood).
 * The difference of a function whose exposed or not-exposed group is hidden goes too, and
 * so does the change of a year from a year before that is hidden.
 */
export function hideExploreRows(rows: readonly ExploreRow[]): ExploreRow[] {
  if (!rows.some((r) => r.disclosure)) return rows as ExploreRow[];
  // Differences exist only without a second dimension, where a function is one pair of rows,
  // or a year is compared with the year before (whose hidden value the change would give back).
  const hiddenPairs = new Set(rows.filter((r) => r.disclosure && r.exposed != null).map((r) => r.key));
  const years = rows.filter((r) => r.exposed == null && r.key !== '' && r.n > 0).sort((a, b) => a.key.localeCompare(b.key));
  const afterHiddenYear = new Set(years.filter((r, i) => i > 0 && years[i - 1].disclosure).map((r) => r.key));
  const out = rows.map((r): ExploreRow => {
    const pairHidden = r.exposed != null ? hiddenPairs.has(r.key) : r.diff != null && afterHiddenYear.has(r.key);
    const lose = { diff: null, diffLow: null, diffHigh: null };
    if (!r.disclosure) return pairHidden ? { ...r, ...lose } : { ...r };
    return { ...r, value: null, low: null, high: null, intervalMethod: null, rank: null, ...lose };
  });
  out
    .filter((r) => r.rank != null)
    .sort((a, b) => a.rank! - b.rank!)
    .forEach((r, i) => (r.rank = i + 1));
  return out;
}

/** The map's regions with their suppression (the regions partition the clients). */
export function discloseMapData(data: readonly MapDatum[], disclosure: Disclosure, lang: Lang): MapDatum[] {
  const states = suppressTable(
    data.map((d) => ({ coords: [d.code], n: d.n, hasValue: d.value != null })),
    disclosure.k,
    [0],
  );
  const marked = data.map((d, i) => ({ ...d, disclosure: markOf(states[i], lang, disclosure.k) }));
  return disclosure.mode === 'hide' ? hideMapData(marked) : marked;
}

export function hideMapData(data: readonly MapDatum[]): MapDatum[] {
  return data.map((d) => (d.disclosure ? { ...d, value: null, low: null, high: null } : d));
}

/**
 * The trajectories' points with their suppression: at each point in time (a measurement, or
 * a month since the start) the cohorts partition the clients. In `hide` mode a suppressed
 * point keeps its n and has no value: the chart leaves it out, the table says why.
 */
export function discloseTrajectory(points: readonly TrajectoryDatum[], disclosure: Disclosure, lang: Lang): TrajectoryDatum[] {
  const states = suppressTable(
    points.map((p) => ({ coords: [p.cohort, p.point ?? String(p.months)], n: p.n, hasValue: p.value != null })),
    disclosure.k,
    [0],
  );
  const marked = points.map((p, i) => ({ ...p, disclosure: markOf(states[i], lang, disclosure.k) }));
  return disclosure.mode === 'hide' ? hideTrajectory(marked) : marked;
}

export function hideTrajectory(points: readonly TrajectoryDatum[]): TrajectoryDatum[] {
  return points.map((p) => (p.disclosure ? { ...p, value: null } : p));
}

export type KpiKey = 'mentors' | 'sessions' | 'growth' | 'naik-kelas' | 'nib';

/**
 * KPI cards that describe fewer clients than the threshold. The client count is the n and
 * always shows; mentors and sessions of fewer than k clients describe those clients; each
 * rate is hidden when its own n is under k.
 */
export function kpiSuppression(kpis: OverviewKpis, k: number): Set<KpiKey> {
  const small = (n: number) => n > 0 && n < k;
  const out = new Set<KpiKey>();
  if (small(kpis.clients)) out.add('mentors').add('sessions');
  if (small(kpis.revenue_growth_n)) out.add('growth');
  if (small(kpis.naik_kelas_n)) out.add('naik-kelas');
  if (small(kpis.nib_endline_n)) out.add('nib');
  return out;
}

/**
 * The Overview's group bars as an export writes them: a group under the threshold, and the
 * next-smallest beside it where the total would give it back, lose value and interval. The
 * groups are taken as one partition with a known total (regions are one; functions overlap,
 * where this hides more than needed — conservative).
 */
export function hideGroupBars(groups: readonly GroupBar[], k: number): GroupBar[] {
  const states = suppressPartition(
    groups.map((g) => ({ n: g.n, hasValue: g.value != null })),
    k,
    { totalShown: true },
  );
  return groups.map((g, i) => (states[i] ? { ...g, value: null, low: null, high: null } : g));
}

/** Dose–response bins as an export writes them: the bins of one function partition its clients. */
export function hideDoseBins(doses: readonly DoseResponse[], k: number): DoseResponse[] {
  return doses.map((dose) => {
    const states = suppressPartition(
      dose.bins.map((b) => ({ n: b.n, hasValue: b.value != null })),
      k,
      { totalShown: true },
    );
    return states.some((s) => s)
      ? { ...dose, bins: dose.bins.map((b, i) => (states[i] ? { ...b, value: null, low: null, high: null, baselineShare: null } : b)) }
      : dose;
  });
}
