/**
 * Householder QR with R's "limited" column pivoting (LINPACK dqrdc2, what `lm` uses), the
 * least-squares solver under the regression code.
 *
 * Why QR of X rather than a Cholesky of X'X? Forming X'X squares the condition number:
 * a baseline revenue in rupiah (~1e9) beside 0/1 dummies gives cond(X'X) ~ 1e18 and a
 * Cholesky that is wrong in every digit, while QR keeps cond(X)·ε. And the rank decision
 * is then the one R makes: a column whose norm, after removing the columns before it, is
 * below tol (1e-7) times its original norm is "aliased": it moves to the end and gets no
 * estimate. Dummy-coded controls that add up to the intercept, or a column that is all
 * zero after filtering, are dropped the way an analyst who checks the result in R expects.
 *
 * Why not a library? ml-matrix (6.15.1, the best-kept general matrix package on npm) was
 * measured: tree-shaken to Matrix + QrDecomposition + CholeskyDecomposition + inverse it adds
 * 74.6 KB minified / 14.5 KB gzip to a Vite production bundle (11.4 KB gzip for Matrix + QR
 * alone) — an acceptable size — but it has no column pivoting and no rank tolerance (its QR
 * refuses a rank-deficient matrix; its Cholesky only reports "not positive definite"), and
 * it reaches every element through get()/set() on an array of row arrays. The rank handling
 * is the part that needs care, so it would have to be written here anyway; the remaining
 * ~100 lines of Householder loops on one Float64Array are smaller than the dependency.
 */

export const DEFAULT_RANK_TOLERANCE = 1e-7;

export interface PivotedQr {
  rows: number;
  columns: number;
  /**
   * Column-major n × p. On and above the diagonal (first `rank` columns): R. Below it: the
   * Householder vectors v (v_k = 1 implicit at the diagonal).
   */
  qr: Float64Array;
  /** Householder scalars: H_k = I − tau_k·v·v'. */
  tau: Float64Array;
  /** pivot[k] = original index of the column at position k. */
  pivot: Int32Array;
  /** Number of columns kept (positions 0..rank−1); the rest are aliased. */
  rank: number;
}

/**
 * Factorises a row-major n × p matrix (not modified). Columns are processed left to right;
 * one whose remaining norm is below `tolerance` × its original norm (or that is all zero)
 * is rotated to the end, so the kept columns stay in their original order and among
 * collinear columns the later ones are the ones dropped (as R's dqrdc2 does).
 */
export function pivotedQr(matrix: Float64Array, rows: number, columns: number, tolerance = DEFAULT_RANK_TOLERANCE): PivotedQr {
  if (matrix.length !== rows * columns) throw new RangeError(`matrix has ${matrix.length} values, expected ${rows}×${columns}`);
  const n = rows;
  const p = columns;
  const qr = new Float64Array(n * p);
  for (let i = 0; i < n; i++) {
    const row = i * p;
    for (let j = 0; j < p; j++) qr[j * n + i] = matrix[row + j] as number;
  }
  const pivot = Int32Array.from({ length: p }, (_, j) => j);
  const originalNorm = new Float64Array(p);
  const remainingSq = new Float64Array(p); // sum of squares of rows k..n−1 of each column
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const v = qr[j * n + i] as number;
      s += v * v;
    }
    remainingSq[j] = s;
    originalNorm[j] = Math.sqrt(s);
  }
  const tau = new Float64Array(p);
  let last = p; // positions ≥ last hold aliased columns
  const steps = Math.min(n, p);
  let k = 0;
  while (k < Math.min(steps, last)) {
    const norm = Math.sqrt(remainingSq[k] as number);
    if (norm === 0 || norm < tolerance * (originalNorm[k] as number)) {
      rotateToEnd(qr, n, k, p, pivot, originalNorm, remainingSq);
      last--;
      continue;
    }
    householderStep(qr, n, k, last, tau, remainingSq);
    k++;
  }
  return { rows: n, columns: p, qr, tau, pivot, rank: k };
}

/** Moves the column at position k to position p − 1, shifting k+1..p−1 one to the left. */
function rotateToEnd(
  qr: Float64Array,
  n: number,
  k: number,
  p: number,
  pivot: Int32Array,
  originalNorm: Float64Array,
  remainingSq: Float64Array,
): void {
  const column = qr.slice(k * n, (k + 1) * n);
  qr.copyWithin(k * n, (k + 1) * n, p * n);
  qr.set(column, (p - 1) * n);
  for (const a of [pivot, originalNorm, remainingSq]) {
    const v = a[k] as number;
    a.copyWithin(k, k + 1, p);
    a[p - 1] = v;
  }
}

/**
 * Reflects column k onto (beta, 0, …, 0) (LAPACK dlarfg convention), applies the same
 * reflection to columns k+1..last−1, and recomputes their remaining sums of squares in
 * the same pass (exactly, not by downdating, so the tolerance test above is never fooled
 * by cancellation).
 */
function householderStep(qr: Float64Array, n: number, k: number, last: number, tau: Float64Array, remainingSq: Float64Array): void {
  const base = k * n;
  const alpha = qr[base + k] as number;
  const norm = Math.sqrt(remainingSq[k] as number);
  const beta = alpha >= 0 ? -norm : norm;
  const scale = 1 / (alpha - beta);
  for (let i = k + 1; i < n; i++) qr[base + i] = (qr[base + i] as number) * scale;
  const t = (beta - alpha) / beta;
  tau[k] = t;
  qr[base + k] = beta;
  for (let j = k + 1; j < last; j++) {
    const col = j * n;
    let s = qr[col + k] as number;
    for (let i = k + 1; i < n; i++) s += (qr[base + i] as number) * (qr[col + i] as number);
    s *= t;
    qr[col + k] = (qr[col + k] as number) - s;
    let sq = 0;
    for (let i = k + 1; i < n; i++) {
      const v = (qr[col + i] as number) - s * (qr[base + i] as number);
      qr[col + i] = v;
      sq += v * v;
    }
    remainingSq[j] = sq;
  }
}

/** Overwrites y (length n) with Q'y. */
export function applyQTranspose(f: PivotedQr, y: Float64Array): void {
  const { rows: n, qr, tau, rank } = f;
  for (let k = 0; k < rank; k++) {
    const base = k * n;
    let s = y[k] as number;
    for (let i = k + 1; i < n; i++) s += (qr[base + i] as number) * (y[i] as number);
    s *= tau[k] as number;
    y[k] = (y[k] as number) - s;
    for (let i = k + 1; i < n; i++) y[i] = (y[i] as number) - s * (qr[base + i] as number);
  }
}

/**
 * Least-squares coefficients of the kept columns, in position order (= original order of
 * the kept columns): solves R·b = (Q'y)[0..rank).
 */
export function solveLeastSquares(f: PivotedQr, y: Float64Array): Float64Array {
  if (y.length !== f.rows) throw new RangeError(`y has ${y.length} values, expected ${f.rows}`);
  const qty = Float64Array.from(y);
  applyQTranspose(f, qty);
  const { rows: n, qr, rank } = f;
  const b = new Float64Array(rank);
  for (let k = rank - 1; k >= 0; k--) {
    let s = qty[k] as number;
    for (let j = k + 1; j < rank; j++) s -= (qr[j * n + k] as number) * (b[j] as number);
    b[k] = s / (qr[k * n + k] as number);
  }
  return b;
}

/**
 * (X'X)⁻¹ of the kept columns = R⁻¹R⁻ᵀ, row-major rank × rank. The "bread" of every
 * sandwich variance; computed from R, never from X'X (see the file comment).
 */
export function inverseGram(f: PivotedQr): Float64Array {
  const { rows: n, qr, rank: r } = f;
  // R⁻¹ (upper triangular), row-major, by back substitution column by column.
  const rInv = new Float64Array(r * r);
  for (let c = 0; c < r; c++) {
    rInv[c * r + c] = 1 / (qr[c * n + c] as number);
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let j = i + 1; j <= c; j++) s += (qr[j * n + i] as number) * (rInv[j * r + c] as number);
      rInv[i * r + c] = -s / (qr[i * n + i] as number);
    }
  }
  const out = new Float64Array(r * r);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      let s = 0;
      for (let m = j; m < r; m++) s += (rInv[i * r + m] as number) * (rInv[j * r + m] as number);
      out[i * r + j] = s;
      out[j * r + i] = s;
    }
  }
  return out;
}
