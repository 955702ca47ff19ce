/**
 * The whole Findings computation after SQL: from one row per selected client (FindingsData)
 * to every number the page shows. Pure and synchronous — no DOM, no database — so it runs in
 * a Web Worker on the page and directly in Node for the tests and the printed report.
 *
 * 1. Who is counted for the outcome (sample.ts).
 * 2. Which functions can be estimated: reached by at least the minimum n of counted clients
 *    (sessions: ≥ 1 session of it; exposure: ≥ k sessions, and as many not exposed), varying,
 *    and not identical to an earlier function (two functions counted from the same sessions
 *    are one variable: estimated once, shown on both rows).
 * 3. The adjusted model: all those functions together with the controls (design.ts), OLS
 *    with CR1 standard errors clustered by main mentor (regression.ts); a function the model
 *    cannot separate from the others (aliased) is not estimated.
 * 4. The raw association of each estimated function: the same regression with that function
 *    alone and no controls, same clustering — what the evaluator would see without adjustment.
 * 5. Inference for both families (inference.ts): Holm across the m estimated functions;
 *    fewer than 20 mentors → wild cluster bootstrap. Verdicts from the Holm-compatible interval.
 * 6. Dose–response of every function (dose.ts) and attrition by function (attrition.ts).
 */
import { fitClusteredOls, type ClusteredOlsFit, type DesignMatrix } from '../stats/regression';
import { verdict, type FindingVerdict } from '../stats/verdict';
import { DEFAULT_WILD_REPLICATIONS, webbDraws } from '../stats/wild-bootstrap';
import { DEFAULT_SEED } from '../stats/intervals';
import type { FindingsData } from '../query/findings-data';
import { attritionTable, type AttritionTable } from './attrition';
import { buildDesign, termName, termValues, type ControlReference, type Exposure } from './design';
import { doseResponse, type DoseResponse } from './dose';
import { inferFamily, inferenceMethod, type FamilyMember, type InferenceMethod, type TermInference } from './inference';
import { findingsOutcome, type FindingsOutcome, type OutcomeScale, type OutcomeUnit } from './outcomes';
import { analysisSample, type ExclusionReason } from './sample';

export interface FindingsOptions {
  /** Outcome key (outcomes.ts). */
  outcome: string;
  /** 'sessions' (default): association per session; 'exposed': ≥ k sessions vs fewer. */
  exposure: Exposure;
  /** k, the view's exposure rule (also used for the attrition groups). */
  minSessions: number;
  /** Fewer clients than this: not estimated, not described. */
  minN: number;
  /** Family-wise error rate; default 0.05. */
  alpha?: number;
  /** Wild bootstrap replications (few mentors); default 9999. */
  replications?: number;
  seed?: number;
}

export type NotEstimatedReason = 'few_clients' | 'few_unexposed' | 'no_variation' | 'collinear' | 'no_model';

/** A function's association in the unit shown (percent, percentage points or people). */
export interface EffectEstimate {
  estimate: number;
  /** Holm-compatible interval. */
  low: number;
  high: number;
  /** Plain 95 % interval (not adjusted for the family). */
  low95: number;
  high95: number;
  verdict: FindingVerdict;
  /** The model-scale numbers behind it. */
  model: TermInference;
}

export interface FunctionEffect {
  key: string;
  label_id: string;
  label_en: string;
  status: 'estimated' | 'same-as' | 'not-enough-data';
  reason: NotEstimatedReason | null;
  /** For 'same-as': the function whose sessions are identical (estimated once, for both). */
  sameAs: string | null;
  /** Counted clients reached: ≥ 1 session (sessions) or ≥ k (exposed). */
  reached: number;
  notReached: number;
  adjusted: EffectEstimate | null;
  raw: EffectEstimate | null;
  /** The adjusted verdict ('not-enough-data' when not estimated). */
  verdict: FindingVerdict;
}

export interface ModelSummary {
  /** Clients in the regression. */
  n: number;
  /** Mentors (clusters). */
  clusters: number;
  method: InferenceMethod;
  /** Bootstrap replications (wild) or null. */
  replications: number | null;
  /** Functions in the Holm family. */
  m: number;
  /** Columns estimated (intercept, functions, controls). */
  rank: number;
  rSquared: number;
  references: ControlReference[];
  /** Control columns beyond the categorical dummies. */
  extraControls: string[];
}

export interface FindingsResult {
  framework: string;
  outcome: string;
  scale: OutcomeScale;
  unit: OutcomeUnit;
  exposure: Exposure;
  minSessions: number;
  minN: number;
  alpha: number;
  denominators: { selected: number; counted: number; excluded: { reason: ExclusionReason; clients: number }[] };
  /** null when no model could be fitted (too few clients or mentors). */
  model: ModelSummary | null;
  /** One per function of the framework, crosswalk order. */
  effects: FunctionEffect[];
  /** Dose–response of every function (crosswalk order), so the page switches between them without recomputing. */
  doses: DoseResponse[];
  attrition: AttritionTable;
}

function varies(values: Float64Array, rows: Int32Array): boolean {
  const first = values[rows[0] as number];
  for (const i of rows) if (values[i] !== first) return true;
  return false;
}

function sameValues(a: Float64Array, b: Float64Array, rows: Int32Array): boolean {
  for (const i of rows) if (a[i] !== b[i]) return false;
  return true;
}

/** Model scale → the unit shown. */
export function toDisplayUnit(scale: OutcomeScale, value: number): number {
  if (scale === 'log_ratio') return Math.expm1(value) * 100;
  if (scale === 'binary' || scale === 'binary_ancova') return value * 100;
  return value;
}

function tryFit(design: DesignMatrix, y: Float64Array, clusters: Int32Array): ClusteredOlsFit | null {
  try {
    return fitClusteredOls(design, y, clusters);
  } catch (error) {
    if (error instanceof RangeError) return null; // too few rows or clusters: said on the page
    throw error;
  }
}

export function analyseFindings(data: FindingsData, options: FindingsOptions): FindingsResult {
  const outcome: FindingsOutcome | undefined = findingsOutcome(options.outcome);
  if (!outcome) throw new RangeError(`Unknown outcome: ${JSON.stringify(options.outcome)}`);
  const { exposure, minSessions: k, minN } = options;
  if (!Number.isInteger(k) || k < 1) throw new RangeError('minSessions must be a positive integer');
  if (!(minN >= 1)) throw new RangeError('minN must be at least 1');
  const alpha = options.alpha ?? 0.05;

  const sample = analysisSample(data, outcome);
  const rows = sample.rows;
  const n = rows.length;

  // 2. Which functions can enter the model.
  const terms = data.functions.map((fn, j) => {
    const values = termValues(data.sessions[j] as Float64Array, exposure, k);
    let reached = 0;
    for (const i of rows) if ((values[i] as number) > 0) reached++;
    return { fn, j, values, reached, notReached: n - reached };
  });
  const status = terms.map((t): { reason: NotEstimatedReason | null; sameAs: number | null } => {
    if (t.reached < minN) return { reason: 'few_clients', sameAs: null };
    if (exposure === 'exposed' && t.notReached < minN) return { reason: 'few_unexposed', sameAs: null };
    if (!varies(t.values, rows)) return { reason: 'no_variation', sameAs: null };
    return { reason: null, sameAs: null };
  });
  terms.forEach((t, j) => {
    if (status[j]!.reason !== null) return;
    for (let e = 0; e < j; e++) {
      if (status[e]!.reason === null && status[e]!.sameAs === null && sameValues(terms[e]!.values, t.values, rows)) {
        status[j] = { reason: null, sameAs: e };
        return;
      }
    }
  });
  let candidates = terms.filter((_, j) => status[j]!.reason === null && status[j]!.sameAs === null);

  // 3. The adjusted model.
  const built = candidates.length
    ? buildDesign(
        data,
        sample,
        candidates.map((t) => ({ name: termName(t.fn.key), values: t.values })),
        true,
      )
    : null;
  const fit = built && n >= minN ? tryFit(built.design, sample.y, built.clusters) : null;
  if (!fit) {
    for (const t of candidates) status[t.j] = { reason: 'no_model', sameAs: null };
    candidates = [];
  } else {
    for (const t of candidates) {
      const c = fit.coefficients.find((c) => c.name === termName(t.fn.key));
      if (!c || c.estimate === null) status[t.j] = { reason: 'collinear', sameAs: null };
    }
    candidates = candidates.filter((t) => status[t.j]!.reason === null);
  }
  for (const [j, s] of status.entries())
    if (s.sameAs !== null && status[s.sameAs]!.reason !== null) status[j] = { reason: status[s.sameAs]!.reason, sameAs: null };

  // 4–5. Raw fits and inference for both families.
  let adjusted: TermInference[] = [];
  let raw: TermInference[] = [];
  let method: InferenceMethod = 'cr1';
  let replications: number | null = null;
  if (fit && built && candidates.length) {
    method = inferenceMethod(fit.clusters);
    const draws =
      method === 'wild'
        ? webbDraws(fit.clusters, options.replications ?? DEFAULT_WILD_REPLICATIONS, options.seed ?? DEFAULT_SEED)
        : undefined;
    replications = draws ? draws.replications : null;
    adjusted = inferFamily(
      candidates.map((t): FamilyMember => ({ design: built.design, fit, name: termName(t.fn.key) })),
      method,
      alpha,
      draws,
    );
    const rawMembers = candidates.map((t): FamilyMember => {
      const one = buildDesign(data, sample, [{ name: termName(t.fn.key), values: t.values }], false);
      return { design: one.design, fit: fitClusteredOls(one.design, sample.y, one.clusters), name: termName(t.fn.key) };
    });
    raw = inferFamily(rawMembers, method, alpha, draws);
  }

  const toEstimate = (inf: TermInference, counts: number[]): EffectEstimate => {
    const d = (v: number) => toDisplayUnit(outcome.scale, v);
    return {
      estimate: d(inf.estimate),
      low: d(inf.interval.low),
      high: d(inf.interval.high),
      low95: d(inf.interval95.low),
      high95: d(inf.interval95.high),
      verdict: verdict(inf.interval, counts, minN),
      model: inf,
    };
  };
  const byTerm = new Map(candidates.map((t, i) => [t.j, i]));
  const effects = terms.map((t, j): FunctionEffect => {
    const s = status[j]!;
    const source = s.sameAs ?? j;
    const index = byTerm.get(source);
    const counts = exposure === 'sessions' ? [t.reached] : [t.reached, t.notReached];
    const common = { key: t.fn.key, label_id: t.fn.label_id, label_en: t.fn.label_en, reached: t.reached, notReached: t.notReached };
    if (s.reason !== null || index === undefined) {
      return {
        ...common,
        status: 'not-enough-data',
        reason: s.reason ?? 'no_model',
        sameAs: null,
        adjusted: null,
        raw: null,
        verdict: 'not-enough-data',
      };
    }
    const adj = toEstimate(adjusted[index]!, counts);
    return {
      ...common,
      status: s.sameAs === null ? 'estimated' : 'same-as',
      reason: null,
      sameAs: s.sameAs === null ? null : terms[s.sameAs]!.fn.key,
      adjusted: adj,
      raw: toEstimate(raw[index]!, counts),
      verdict: adj.verdict,
    };
  });

  // 6. Dose–response and attrition.
  const doses = data.functions.map((_, j) => doseResponse(data, sample, outcome, j, minN));

  return {
    framework: data.framework,
    outcome: outcome.key,
    scale: outcome.scale,
    unit: outcome.unit,
    exposure,
    minSessions: k,
    minN,
    alpha,
    denominators: { selected: data.clients, counted: n, excluded: sample.excluded },
    model:
      fit && built && candidates.length
        ? {
            n: fit.n,
            clusters: fit.clusters,
            method,
            replications,
            m: candidates.length,
            rank: fit.rank,
            rSquared: fit.rSquared,
            references: built.references,
            extraControls: built.design.columns.filter((c) =>
              ['log_baseline_revenue', 'no_baseline_revenue', 'baseline_status'].includes(c),
            ),
          }
        : null,
    effects,
    doses,
    attrition: attritionTable(data, sample, outcome, k, minN),
  };
}
