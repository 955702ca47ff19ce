/**
 * Ordinary least squares with cluster-robust (CR1) inference: the adjusted comparison of
 * the Findings page, where every mentor function enters one regression together with the
 * controls, and clients of one mentor are not independent of each other.
 *
 * Conventions, chosen to match Stata's `regress, vce(cluster)` and statsmodels'
 * `OLS(...).fit(cov_type='cluster', use_t=True)` to the last digits (the unit tests compare
 * against statsmodels):
 * - V = c · A (Σ_g s_g s_gᵀ) A with A = (XᵀX)⁻¹, s_g = Σ_{i∈g} x_i û_i, and
 *   c = G/(G−1) · (N−1)/(N−K), K = the number of estimated (non-aliased) columns;
 * - t statistics, p-values and intervals from Student t with G − 1 degrees of freedom
 *   (with few clusters the normal reference would be badly anti-conservative);
 * - aliased columns (see qr.ts) get estimate null and do not count in K.
 * With fewer than FEW_CLUSTERS clusters CR1 itself is unreliable, and the caller should
 * add the wild cluster bootstrap (wild-bootstrap.ts) for the terms it reports.
 */
import { DEFAULT_RANK_TOLERANCE, inverseGram, leastSquaresQr } from './qr';
import { studentTTwoSidedP, studentTTwoSidedQuantile } from './special';

/** Below this many clusters, CR1 intervals over-reject (Cameron, Gelbach & Miller 2008); use the wild bootstrap. */
export const FEW_CLUSTERS = 20;

export interface DesignMatrix {
  /** Row-major n × p; the caller includes the intercept column. */
  values: Float64Array;
  rows: number;
  /** p names, one per column. */
  columns: readonly string[];
}

export interface Coefficient {
  name: string;
  /** null when the column is aliased (collinear with earlier columns, or all zero). */
  estimate: number | null;
  se: number | null;
  t: number | null;
  p: number | null;
  low: number | null;
  high: number | null;
}

/** Cluster membership renumbered 0..G−1 in order of first appearance. */
export interface ClusterIndex {
  of: Int32Array;
  count: number;
  sizes: Int32Array;
}

export interface ClusteredOlsFit {
  coefficients: Coefficient[];
  n: number;
  /** G, the number of clusters. */
  clusters: number;
  /** K, the number of estimated columns. */
  rank: number;
  /** N − K. */
  dfResidual: number;
  /** G − 1, the df of every t statistic and interval. */
  dfInference: number;
  /**
   * Centred when a kept column is a non-zero constant (an intercept), otherwise uncentred — as R and
   * statsmodels. NaN when the outcome does not vary.
   */
  rSquared: number;
  /** Names of the aliased columns, in design order. */
  dropped: string[];
  /** Design-matrix indices of the kept columns, ascending; coefficient vectors below follow this order. */
  kept: Int32Array;
  beta: Float64Array;
  /** (XᵀX)⁻¹ of the kept columns, row-major K × K. */
  bread: Float64Array;
  /** CR1 covariance of the kept coefficients, row-major K × K. */
  covariance: Float64Array;
  /** c = G/(G−1)·(N−1)/(N−K). */
  correction: number;
  residuals: Float64Array;
  clusterIndex: ClusterIndex;
  /** Per cluster g: A·s_g (row-major G × K), the cluster's influence on β̂; V = c Σ_g (A s_g)(A s_g)ᵀ. */
  influence: Float64Array;
}

export interface FitOptions {
  /** Rank tolerance (see qr.ts); default 1e-7 as R's lm. */
  tolerance?: number;
  /** Two-sided confidence level of the reported intervals; default 0.95. */
  confidence?: number;
}

/** Renumbers arbitrary integer cluster ids to 0..G−1. */
export function indexClusters(ids: Int32Array): ClusterIndex {
  const map = new Map<number, number>();
  const of = new Int32Array(ids.length);
  const counts: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    let g = map.get(id);
    if (g === undefined) {
      g = map.size;
      map.set(id, g);
      counts.push(0);
    }
    of[i] = g;
    counts[g] = (counts[g] as number) + 1;
  }
  return { of, count: map.size, sizes: Int32Array.from(counts) };
}

function checkInput(design: DesignMatrix, y: Float64Array, clusterIds: Int32Array): void {
  const { rows: n, columns, values } = design;
  const p = columns.length;
  if (values.length !== n * p) throw new RangeError(`design has ${values.length} values, expected ${n}×${p}`);
  if (y.length !== n) throw new RangeError(`outcome has ${y.length} values, expected ${n}`);
  if (clusterIds.length !== n) throw new RangeError(`cluster ids have ${clusterIds.length} values, expected ${n}`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i] as number)) throw new RangeError(`design value at ${i} is not finite`);
  }
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i] as number)) throw new RangeError(`outcome at row ${i} is not finite`);
}

/** Whether a kept column is a non-zero constant (an intercept), which decides how R² is centred. */
function hasConstantColumn(design: DesignMatrix, kept: Int32Array): boolean {
  const { values, rows: n, columns } = design;
  const p = columns.length;
  for (const j of kept) {
    const first = values[j] as number;
    if (first === 0) continue;
    let constant = true;
    for (let i = 1; i < n && constant; i++) constant = values[i * p + j] === first;
    if (constant) return true;
  }
  return false;
}

/**
 * Fits y = Xβ + u by least squares and computes CR1 cluster-robust inference. Throws a
 * RangeError for inconsistent sizes, non-finite values, fewer than 2 clusters, or no
 * residual degrees of freedom (N ≤ K).
 */
export function fitClusteredOls(design: DesignMatrix, y: Float64Array, clusterIds: Int32Array, options: FitOptions = {}): ClusteredOlsFit {
  checkInput(design, y, clusterIds);
  const confidence = options.confidence ?? 0.95;
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const { values, rows: n, columns } = design;
  const p = columns.length;
  const clusterIndex = indexClusters(clusterIds);
  const G = clusterIndex.count;
  if (G < 2) throw new RangeError(`cluster-robust inference needs at least 2 clusters, got ${G}`);

  const f = leastSquaresQr(values, n, p, y, options.tolerance ?? DEFAULT_RANK_TOLERANCE);
  const K = f.rank;
  if (n <= K) throw new RangeError(`no residual degrees of freedom: ${n} rows for ${K} estimated columns`);
  // dqrdc2 pivoting only moves aliased columns, so the kept ones are in design order.
  const kept = f.pivot.slice(0, K);
  const beta = f.beta;
  const bread = inverseGram(f);

  // Residuals from the original data (not Q'y), and the cluster score sums s_g = Σ x_i û_i.
  const residuals = new Float64Array(n);
  const scores = new Float64Array(G * K);
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const row = i * p;
    let fitted = 0;
    for (let k = 0; k < K; k++) fitted += (values[row + (kept[k] as number)] as number) * (beta[k] as number);
    const u = (y[i] as number) - fitted;
    residuals[i] = u;
    rss += u * u;
    const s = (clusterIndex.of[i] as number) * K;
    for (let k = 0; k < K; k++) scores[s + k] = (scores[s + k] as number) + (values[row + (kept[k] as number)] as number) * u;
  }

  const influence = multiplyRows(scores, G, bread, K);
  const correction = (G / (G - 1)) * ((n - 1) / (n - K));
  const covariance = new Float64Array(K * K);
  for (let g = 0; g < G; g++) {
    const base = g * K;
    for (let a = 0; a < K; a++) {
      const ia = (influence[base + a] as number) * correction;
      for (let b = a; b < K; b++) covariance[a * K + b] = (covariance[a * K + b] as number) + ia * (influence[base + b] as number);
    }
  }
  for (let a = 0; a < K; a++) for (let b = 0; b < a; b++) covariance[a * K + b] = covariance[b * K + a] as number;

  const dfInference = G - 1;
  const critical = studentTTwoSidedQuantile(1 - confidence, dfInference);
  const byColumn = new Map<number, number>();
  kept.forEach((j, k) => byColumn.set(j, k));
  const coefficients: Coefficient[] = columns.map((name, j) => {
    const k = byColumn.get(j);
    if (k === undefined) return { name, estimate: null, se: null, t: null, p: null, low: null, high: null };
    const estimate = beta[k] as number;
    const se = Math.sqrt(covariance[k * K + k] as number);
    const t = tStatistic(estimate, se);
    return {
      name,
      estimate,
      se,
      t,
      p: studentTTwoSidedP(t, dfInference),
      low: estimate - critical * se,
      high: estimate + critical * se,
    };
  });

  return {
    coefficients,
    n,
    clusters: G,
    rank: K,
    dfResidual: n - K,
    dfInference,
    rSquared: rSquared(y, rss, hasConstantColumn(design, kept)),
    dropped: columns.filter((_, j) => !byColumn.has(j)),
    kept,
    beta,
    bread,
    covariance,
    correction,
    residuals,
    clusterIndex,
    influence,
  };
}

/**
 * estimate / se; a zero standard error (a perfect fit within every cluster) gives t = 0 for
 * a zero estimate (nothing to test) and ±Infinity otherwise, never NaN.
 */
export function tStatistic(estimate: number, se: number): number {
  if (se === 0) return estimate === 0 ? 0 : estimate > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return estimate / se;
}

/** rows × K matrix (row-major) times the symmetric K × K matrix m. */
function multiplyRows(a: Float64Array, rows: number, m: Float64Array, K: number): Float64Array {
  const out = new Float64Array(rows * K);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < K; c++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += (a[r * K + k] as number) * (m[k * K + c] as number);
      out[r * K + c] = s;
    }
  }
  return out;
}

function rSquared(y: Float64Array, rss: number, centred: boolean): number {
  let mean = 0;
  if (centred) {
    for (let i = 0; i < y.length; i++) mean += y[i] as number;
    mean /= y.length;
  }
  let tss = 0;
  for (let i = 0; i < y.length; i++) {
    const d = (y[i] as number) - mean;
    tss += d * d;
  }
  return tss === 0 ? Number.NaN : 1 - rss / tss;
}
