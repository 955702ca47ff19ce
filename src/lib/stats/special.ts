/**
 * Special functions needed by the interval code: the standard-normal quantile and the
 * binomial probability mass / upper tail. Pure numerics, no dependencies.
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
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) *
          r +
          13731.693765509461125) *
          r +
          1971.5909503065514427) *
          r +
          133.14166789178437745) *
          r +
          3.387132872796366608)) /
      (((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r +
        21213.794301586595867) *
        r +
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
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
        1.27045825245236838258) *
        r +
        3.64784832476320460504) *
        r +
        5.7694972214606914055) *
        r +
        4.6303378461565452959) *
        r +
        1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
        0.14810397642748007459) *
        r +
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
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
        0.026532189526576123093) *
        r +
        0.29656057182850489123) *
        r +
        1.7848265399172913358) *
        r +
        5.4637849111641143699) *
        r +
        6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) *
        r +
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
