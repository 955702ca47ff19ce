/**
 * Special functions needed by the interval code: the standard-normal quantile, the
 * binomial probability mass / upper tail, and (for regression coefficients, Welch's
 * interval and Holm-adjusted levels) the regularised incomplete beta function with the
 * Student t distribution built on it. Pure numerics, no dependencies.
 *
 * Why not a normal approximation for the binomial tail? The exact bootstrap of the median
 * asks for P(Binomial(n, j/n) ≥ m) with j near the 2.5 % / 97.5 % points, for every n from
 * 2 upwards. A continued fraction for the regularised incomplete beta function gives that
 * to ~1e-13 for every n at a cost that grows only like √n iterations (≈ 300 at n = 100,000,
 * a few microseconds), so there is no switch point to document or test: one method, all n.
 */

const LN_2PI = 1.8378770664093454836; // log(2π)
const LN_SQRT_2PI = 0.91893853320467274178; // log(√(2π))

// --- standard normal quantile -------------------------------------------------------------

/**
 * Wichura's algorithm AS 241 (PPND16, Appl. Statist. 37 (1988) 477–484): rational
 * approximations with relative error about 1e-16, so z for 95 % is 1.959963984540054.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile: probability must be in (0, 1), got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) *
        r +
        687.1870074920579083) *
        r +
        42.313330701600911252) *
        r +
        1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) *
        r +
        1.6763848301838038494) *
        r +
        2.05319162663775882187) *
        r +
        1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) *
        r +
        0.13692988092273580531) *
        r +
        0.59983220655588793769) *
        r +
        1);
  }
  return q < 0 ? -value : value;
}

// --- binomial mass (Loader's saddle-point form) --------------------------------------------

/**
 * ln(n!) − [(n + ½)ln n − n + ln√(2π)], the error of Stirling's formula, for integer n ≥ 1.
 * Small n straight from the exact factorial (exact in double up to 15!, and the result is
 * only ever added in log space, so an absolute error of ~1e-14 is harmless); larger n by
 * the asymptotic series with the cut-offs Loader (2000) uses.
 */
const STIRLERR_SMALL: readonly number[] = (() => {
  const table = [0];
  let factorial = 1;
  for (let n = 1; n <= 15; n++) {
    factorial *= n;
    table.push(Math.log(factorial) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI);
  }
  return table;
})();

function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n] as number;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** x·ln(x/np) + np − x, computed without cancellation when x ≈ np (Loader's bd0). */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / np) + np - x;
}

/**
 * P(X = x) for X ~ Binomial(n, p), q = 1 − p passed separately so callers with p = j/n can
 * give q = (n − j)/n without rounding. Loader's algorithm (as in R's dbinom_raw): relative
 * accuracy ~1e-15 for any n, where the naive lgamma form loses ~log10(n) digits.
 * x and n must be integers with 0 ≤ n.
 */
export function binomialPmf(x: number, n: number, p: number, q: number = 1 - p): number {
  if (x < 0 || x > n) return 0;
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

// --- binomial upper tail via the incomplete beta continued fraction ------------------------

const CF_EPS = 1e-15;
const CF_TINY = 1e-300;

/**
 * Continued fraction of the regularised incomplete beta I_x(a, b) (modified Lentz; Numerical
 * Recipes §6.4 "betacf"), so that I_x(a, b) = x^a (1−x)^b / (a·B(a, b)) · betacf(a, b, x).
 * Converges quickly for x < (a + 1)/(a + b + 2), in O(√max(a, b)) iterations.
 */
function betacf(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < CF_TINY) d = CF_TINY;
  d = 1 / d;
  let h = d;
  const maxIterations = 1000 + 20 * Math.ceil(Math.sqrt(Math.max(a, b)));
  for (let m = 1; m <= maxIterations; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < CF_TINY) d = CF_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < CF_TINY) c = CF_TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < CF_EPS) return h;
  }
  // Not reachable for the arguments used here (tested up to n = 10^7); fail loudly, not wrongly.
  throw new Error(`betacf did not converge for a=${a}, b=${b}, x=${x}`);
}

/**
 * P(X ≥ m) for X ~ Binomial(n, p) (integers m, n; q = 1 − p passed separately, see
 * binomialPmf). Uses P(X ≥ m) = I_p(m, n − m + 1), where the incomplete-beta prefactor
 * x^a(1−x)^b / (a·B(a, b)) equals binomialPmf(m; n, p)·q, so the only cancellation-prone
 * part (the normalising constant) comes from Loader's accurate mass. On the side where the
 * continued fraction converges slowly we evaluate the complement P(X ≤ m − 1) instead, which
 * is the same formula for n − X ~ Binomial(n, q). Absolute accuracy ~1e-14.
 */
export function binomialUpperTail(m: number, n: number, p: number, q: number = 1 - p): number {
  if (m <= 0) return 1;
  if (m > n) return 0;
  if (p <= 0) return 0;
  if (q <= 0) return 1;
  if (p < (m + 1) / (n + 3)) {
    return Math.min(1, binomialPmf(m, n, p, q) * q * betacf(m, n - m + 1, p));
  }
  return Math.max(0, 1 - binomialPmf(m - 1, n, p, q) * p * betacf(n - m + 1, m, q));
}

// --- log-gamma, log-beta, regularised incomplete beta ---------------------------------------

/**
 * Godfrey's Lanczos coefficients (g = 607/128, 15 terms): ln Γ(x) with relative error
 * ~1e-15 for x ≥ ½; below ½ the reflection formula. Only used where the arguments are
 * small (see logBeta), so its absolute error never meets a large cancellation.
 */
const LANCZOS_G = 607 / 128;
const LANCZOS: readonly number[] = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174, -0.49191381609762019978,
  0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4, 0.15808870322491248884e-3, -0.21026444172410488319e-3,
  0.2174396181152126432e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4, -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma: x must be > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * Stirling's error δ(x) = ln Γ(x) − [(x − ½)ln x − x + ln√(2π)] for real x ≥ 10 by its
 * asymptotic series (first omitted term < 2e-14 at x = 10).
 */
function stirlingError(x: number): number {
  const xx = x * x;
  return (1 / 12 - (1 / 360 - (1 / 1260 - (1 / 1680 - 1 / (1188 * xx)) / xx) / xx) / xx) / x;
}

/**
 * ln B(a, b). Why not lgamma(a) + lgamma(b) − lgamma(a + b)? For a Student t with ν
 * degrees of freedom the arguments are (ν/2, ½); at ν = 100,000 the two large lgammas are
 * ~3e5 each and cancel to a number of order 1, losing ~5 digits. Writing the large
 * arguments through Stirling's formula lets the big terms cancel algebraically (log1p)
 * instead, so the result keeps ~1e-14 absolute accuracy for any size.
 */
export function logBeta(a: number, b: number): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`logBeta: a, b must be > 0, got ${a}, ${b}`);
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const s = small + big;
  // ln Γ(big) − ln Γ(big + small), with the (x − ½)ln x − x parts combined analytically.
  const ratio = -small * Math.log(s) - (big - 0.5) * Math.log1p(small / big) + small + stirlingError(big) - stirlingError(s);
  if (small < 10) return logGamma(small) + ratio;
  return (small - 0.5) * Math.log(small) - small + LN_SQRT_2PI + stirlingError(small) + ratio;
}

/**
 * Regularised incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1, with y = 1 − x passed
 * separately when the caller has it more accurately than 1 − x (the Student t tail does:
 * x = ν/(ν + t²), y = t²/(ν + t²)). The continued fraction (betacf) is used on the side
 * where it converges fast, the symmetry I_x(a, b) = 1 − I_y(b, a) on the other, so a
 * small result is always computed directly, never as 1 − (something close to 1).
 */
export function incompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (!(a > 0 && b > 0)) throw new RangeError(`incompleteBeta: a, b must be > 0, got ${a}, ${b}`);
  if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) throw new RangeError(`incompleteBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (y === 0) return 1;
  // ln x via log1p(−y) when x is near 1 (and vice versa): with a ~ 50,000 (ν = 100,000) an
  // absolute error of 1e-16 in ln x would become 5e-12 in the result.
  const logX = x > 0.5 ? Math.log1p(-y) : Math.log(x);
  const logY = y > 0.5 ? Math.log1p(-x) : Math.log(y);
  const logFront = a * logX + b * logY - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return Math.min(1, (Math.exp(logFront) * betacf(a, b, x)) / a);
  return Math.max(0, 1 - (Math.exp(logFront) * betacf(b, a, y)) / b);
}

// --- Student t -----------------------------------------------------------------------------

function checkDf(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be finite and > 0, got ${df}`);
}

/**
 * P(|T| ≥ |t|) for T ~ Student t with df degrees of freedom (df > 0, not necessarily an
 * integer: Welch's df is not): I_{ν/(ν+t²)}(ν/2, ½). This is the two-sided p-value, kept
 * as its own function because computing it as 2·(1 − CDF) would lose the small p-values
 * (1e-12 and below) that Holm multiplies by up to m.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf(df);
  if (Number.isNaN(t)) throw new RangeError('studentTTwoSidedP: t is NaN');
  const t2 = t * t;
  if (t2 === Number.POSITIVE_INFINITY) return 0;
  const denominator = df + t2;
  return incompleteBeta(df / denominator, df / 2, 0.5, t2 / denominator);
}

/** P(T ≤ t) for T ~ Student t with df degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  const half = 0.5 * studentTTwoSidedP(t, df);
  return t < 0 ? half : 1 - half;
}

/** Density of Student t: Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2). */
export function studentTPdf(t: number, df: number): number {
  checkDf(df);
  return Math.exp(-0.5 * Math.log(df) - logBeta(df / 2, 0.5) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The t > 0 with P(|T| ≥ t) = gamma, i.e. the (1 − γ/2) quantile: what a two-sided
 * interval at level 1 − γ needs. Taking γ itself (not 1 − γ/2) keeps full relative
 * precision for the small γ of Holm/Bonferroni levels (α/m).
 *
 * ν = 1 and ν = 2 have closed forms. Otherwise Newton's method on ln P(|T| ≥ e^s) as a
 * function of s = ln t, which is close to linear in the tail for every ν (the tail decays
 * like t^(−ν)), started from the Cornish–Fisher expansion around the normal quantile and
 * kept inside a bracket that halves when a Newton step would leave it. Converges to
 * ~1e-14 relative in a handful of steps.
 */
export function studentTTwoSidedQuantile(gamma: number, df: number): number {
  checkDf(df);
  if (!(gamma > 0 && gamma <= 1)) throw new RangeError(`gamma must be in (0, 1], got ${gamma}`);
  if (gamma === 1) return 0;
  if (df === 1) return 1 / Math.tan((Math.PI * gamma) / 2);
  if (df === 2) return Math.sqrt(2 / (gamma * (2 - gamma))) * (1 - gamma);
  const target = Math.log(gamma);
  const f = (s: number) => Math.log(studentTTwoSidedP(Math.exp(s), df)) - target; // decreasing in s
  const z = normalQuantile(1 - gamma / 2);
  const z2 = z * z;
  const cornishFisher =
    z +
    (z * (z2 + 1)) / (4 * df) +
    (z * ((5 * z2 + 16) * z2 + 3)) / (96 * df * df) +
    (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / (384 * df * df * df);
  let s = Math.log(Math.max(cornishFisher, z, 1e-300));
  // Bracket [lo, hi] with f(lo) > 0 > f(hi), found by stepping out from the start.
  let lo = s;
  let hi = s;
  let fs = f(s);
  if (fs === 0) return Math.exp(s);
  if (fs > 0) {
    do {
      hi += 1;
    } while (f(hi) > 0);
  } else {
    do {
      lo -= 1;
    } while (f(lo) < 0);
  }
  for (let iteration = 0; iteration < 100; iteration++) {
    const t = Math.exp(s);
    const tail = studentTTwoSidedP(t, df);
    // d/ds ln P(|T| ≥ e^s) = −2·pdf(t)·t / P(|T| ≥ t)
    const slope = (-2 * studentTPdf(t, df) * t) / tail;
    let next = s - fs / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - s) <= 1e-15 * Math.max(1, Math.abs(s))) return Math.exp(next);
    s = next;
    fs = f(s);
    if (fs === 0) return Math.exp(s);
    if (fs > 0) lo = s;
    else hi = s;
  }
  return Math.exp(s);
}

/** Quantile of Student t: the t with P(T ≤ t) = p, 0 < p < 1. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p must be in (0, 1), got ${p}`);
  if (p === 0.5) return 0;
  return p < 0.5 ? -studentTTwoSidedQuantile(2 * p, df) : studentTTwoSidedQuantile(2 * (1 - p), df);
}
