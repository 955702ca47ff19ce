/**
 * The design matrix of a Findings regression, built from the counted clients' columns:
 *
 *   (intercept) | fn:<function>… | region:… cohort:… sector:… programme:… entity_type:…
 *   | log_baseline_revenue | no_baseline_revenue | baseline_status
 *
 * - Functions enter as sessions of each function (the default: association per session) or
 *   as exposed 0/1 (≥ k sessions), all together, so each is adjusted for the others.
 * - Categorical controls are dummies against a reference level: the most frequent level among
 *   the counted clients (ties: the first in text order), so the intercept describes the
 *   commonest kind of client and no dummy rests on a handful of clients by construction.
 *   Levels no counted client has get no column.
 * - Baseline size is ln(baseline monthly revenue). A client whose baseline revenue is 0 or
 *   missing gets 0 there and 1 in `no_baseline_revenue`: it keeps its place in the models
 *   that do not need revenue (dropping it would silently drop ≈ 3 % of the sample — the
 *   clients with no revenue are often the smallest, least formal businesses) while the
 *   indicator lets its level differ freely, so the slope of ln revenue is estimated from
 *   clients that have one. (Revenue growth itself needs baseline revenue > 0, so there the
 *   indicator never varies and is left out.)
 * - `baseline_status`: the outcome's own status at baseline, for the ANCOVA outcomes.
 * A control column that does not vary among the counted clients is left out.
 */
import type { Categorical, FindingsData } from '../query/findings-data';
import type { DesignMatrix } from '../stats/regression';
import type { AnalysisSample } from './sample';

export type Exposure = 'sessions' | 'exposed';

export const INTERCEPT = '(intercept)';
export const CONTROL_GROUPS = ['region', 'cohort', 'sector', 'programme', 'entity_type'] as const;
export type ControlGroup = (typeof CONTROL_GROUPS)[number];

const CATEGORICAL_OF: Record<ControlGroup, (d: FindingsData) => Categorical> = {
  region: (d) => d.region,
  cohort: (d) => d.cohort,
  sector: (d) => d.sector,
  programme: (d) => d.programme,
  entity_type: (d) => d.entityType,
};

export interface TermColumn {
  /** Column name, e.g. `fn:facilitate`. */
  name: string;
  /** One value per client of the data (not only the counted ones). */
  values: Float64Array;
}

export interface ControlReference {
  group: ControlGroup;
  /** The reference level (no column), or null when no client is counted. */
  reference: string | null;
  /** Levels among the counted clients (reference included). */
  levels: number;
}

export interface BuiltDesign {
  design: DesignMatrix;
  /** The counted clients' main mentors (codes into data.mentor.levels). */
  clusters: Int32Array;
  references: ControlReference[];
}

/** Column name of a function term. */
export const termName = (functionKey: string) => `fn:${functionKey}`;

/** A function's term values for every client: its sessions, or 1/0 for ≥ k sessions. */
export function termValues(sessions: Float64Array, exposure: Exposure, minSessions: number): Float64Array {
  return exposure === 'sessions' ? sessions : Float64Array.from(sessions, (s) => (s >= minSessions ? 1 : 0));
}

function levelCounts(cat: Categorical, rows: Int32Array): number[] {
  const counts = new Array<number>(cat.levels.length).fill(0);
  for (const i of rows) counts[cat.codes[i] as number] = (counts[cat.codes[i] as number] as number) + 1;
  return counts;
}

/** The reference (most frequent; ties: first in text order) and the other present levels, in text order. */
export function referenceLevel(cat: Categorical, rows: Int32Array): { reference: number | null; others: number[] } {
  const counts = levelCounts(cat, rows);
  const present = cat.levels.map((_, code) => code).filter((code) => (counts[code] as number) > 0);
  present.sort((a, b) => compareText(cat.levels[a] as string, cat.levels[b] as string));
  let reference: number | null = null;
  for (const code of present) if (reference === null || (counts[code] as number) > (counts[reference] as number)) reference = code;
  return { reference, others: present.filter((c) => c !== reference) };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function varies(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (values[i] !== values[0]) return true;
  return false;
}

/**
 * The design for the counted clients: intercept, the terms, and (withControls) the controls.
 * Terms are taken as given (the caller decides which functions enter). Filled row by row
 * with plain loops: at 1M sessions (≈ 53,000 counted clients × ≈ 37 columns) mapping
 * callbacks per column cost ≈ 10 times as much.
 */
export function buildDesign(data: FindingsData, sample: AnalysisSample, terms: readonly TermColumn[], withControls: boolean): BuiltDesign {
  const rows = sample.rows;
  const n = rows.length;
  const names: string[] = [INTERCEPT, ...terms.map((t) => t.name)];

  // Categorical controls: per group, the column of each level's dummy (−1: reference or absent).
  const references: ControlReference[] = [];
  const dummies: { codes: Int32Array; columnOf: Int32Array }[] = [];
  const extras: Float64Array[] = [];
  if (withControls) {
    for (const group of CONTROL_GROUPS) {
      const cat = CATEGORICAL_OF[group](data);
      const { reference, others } = referenceLevel(cat, rows);
      references.push({
        group,
        reference: reference === null ? null : (cat.levels[reference] as string),
        levels: others.length + (reference === null ? 0 : 1),
      });
      const columnOf = new Int32Array(cat.levels.length).fill(-1);
      for (const code of others) {
        columnOf[code] = names.length;
        names.push(`${group}:${cat.levels[code]}`);
      }
      dummies.push({ codes: cat.codes, columnOf });
    }
    const logRevenue = new Float64Array(n);
    const noRevenue = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const revenue = data.revenueBaseline[rows[r] as number] as number;
      if (revenue > 0) logRevenue[r] = Math.log(revenue);
      else noRevenue[r] = 1;
    }
    const extra = (name: string, values: Float64Array | null) => {
      if (!values || !varies(values)) return;
      names.push(name);
      extras.push(values);
    };
    extra('log_baseline_revenue', logRevenue);
    extra('no_baseline_revenue', noRevenue);
    extra('baseline_status', sample.baselineStatus);
  }

  const p = names.length;
  const t = terms.length;
  const firstExtra = p - extras.length;
  const values = new Float64Array(n * p);
  const clusters = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const i = rows[r] as number;
    const base = r * p;
    values[base] = 1;
    for (let j = 0; j < t; j++) values[base + 1 + j] = (terms[j] as TermColumn).values[i] as number;
    for (const d of dummies) {
      const column = d.columnOf[d.codes[i] as number] as number;
      if (column >= 0) values[base + column] = 1;
    }
    for (let e = 0; e < extras.length; e++) values[base + firstExtra + e] = (extras[e] as Float64Array)[r] as number;
    clusters[r] = data.mentor.codes[i] as number;
  }
  return { design: { values, rows: n, columns: names }, clusters, references };
}
