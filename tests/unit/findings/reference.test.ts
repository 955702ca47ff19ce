/**
 * The whole Findings computation — SQL (one row per client), who is counted, the design,
 * the clustered fits, Holm and its intervals — against an independent implementation in
 * pandas + statsmodels on the same CSV files (tests/fixtures/findings-reference/reference.py:
 * 240 clients of 24 mentors, so CR1 applies).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import { findingsData, type FindingsData } from '../../../src/lib/query/findings-data';
import { analyseFindings, type FindingsResult } from '../../../src/lib/findings/analyse';
import { REPO_ROOT, CROSSWALK_PATH } from '../../helpers/sample-db';

const FOLDER = join(REPO_ROOT, 'tests', 'fixtures', 'findings-reference');

interface ReferenceTerm {
  estimate: number;
  se: number;
  p: number;
  p_holm: number;
  gamma: number;
  low: number;
  high: number;
  low95: number;
  high95: number;
}
interface ReferenceOutcome {
  n: number;
  clusters: number;
  columns: string[];
  references: Record<string, string>;
  excluded_reasons: Record<string, string>;
  reached: Record<string, number>;
  adjusted: Record<string, ReferenceTerm>;
  raw: Record<string, ReferenceTerm>;
}
const reference = JSON.parse(readFileSync(join(FOLDER, 'reference.json'), 'utf8')) as {
  selected: number;
  revenue_growth: ReferenceOutcome;
  has_nib: ReferenceOutcome;
};

let db: Awaited<ReturnType<typeof openDatasetFromFolder>>;
let data: FindingsData;
beforeAll(async () => {
  db = await openDatasetFromFolder(FOLDER, CROSSWALK_PATH);
  data = await findingsData(db, { framework: 'official', filters: { values: {} }, minSessions: 3 });
});
afterAll(() => db?.close());

function close(got: number, want: number, scale: number, label: string) {
  expect(Math.abs(got - want), `${label}: got ${got}, want ${want}`).toBeLessThanOrEqual(1e-8 * Math.max(scale, Math.abs(want)));
}

describe.each(['revenue_growth', 'has_nib'] as const)('%s against statsmodels', (outcome) => {
  let result: FindingsResult;
  let ref: ReferenceOutcome;
  beforeAll(() => {
    ref = reference[outcome];
    result = analyseFindings(data, { outcome, exposure: 'sessions', minSessions: 3, minN: 10 });
  });

  it('counts the same clients and mentors, and estimates the same functions', () => {
    expect(result.denominators.selected).toBe(reference.selected);
    expect(result.model?.n).toBe(ref.n);
    expect(result.model?.clusters).toBe(ref.clusters);
    expect(result.model?.method).toBe('cr1');
    expect(result.model?.m).toBe(Object.keys(ref.adjusted).length);
    // Columns: intercept, the functions, every control dummy and the baseline terms.
    expect(result.model?.rank).toBe(ref.columns.length);
    for (const r of result.model!.references) expect(r.reference).toBe(ref.references[r.group]);
    for (const e of result.effects) {
      expect(e.reached, e.key).toBe(ref.reached[e.key]);
      if (ref.adjusted[e.key]) expect(e.status, e.key).toBe('estimated');
      else expect([e.status, e.reason], e.key).toEqual(['not-enough-data', ref.excluded_reasons[e.key]]);
    }
  });

  it.each(['adjusted', 'raw'] as const)('%s: coefficients, CR1 standard errors, p, Holm p and the Holm-compatible interval', (family) => {
    for (const e of result.effects.filter((x) => x.status === 'estimated')) {
      const got = e[family]!.model;
      const want = ref[family][e.key]!;
      close(got.estimate, want.estimate, want.se, `${e.key} estimate`);
      close(got.se, want.se, want.se, `${e.key} se`);
      close(got.p, want.p, 1e-6, `${e.key} p`);
      close(got.pAdjusted, want.p_holm, 1e-6, `${e.key} Holm p`);
      close(got.gamma, want.gamma, 1e-6, `${e.key} gamma`);
      // SciPy's t quantile is itself good to ~1e-10 relative: compare ends on the scale of se.
      for (const [mine, theirs] of [
        [got.interval.low, want.low],
        [got.interval.high, want.high],
        [got.interval95.low, want.low95],
        [got.interval95.high, want.high95],
      ] as const) {
        expect(Math.abs(mine - theirs), `${e.key} interval end`).toBeLessThanOrEqual(1e-7 * want.se);
      }
    }
  });

  it('shows estimates in the unit of the outcome, with the verdict read off the interval', () => {
    for (const e of result.effects.filter((x) => x.status === 'estimated')) {
      const a = e.adjusted!;
      const m = a.model;
      const shown = (v: number) => (outcome === 'revenue_growth' ? Math.expm1(v) * 100 : v * 100);
      expect(a.estimate).toBeCloseTo(shown(m.estimate), 10);
      expect(a.low).toBeCloseTo(shown(m.interval.low), 10);
      expect(a.high).toBeCloseTo(shown(m.interval.high), 10);
      expect(a.verdict).toBe(m.interval.low > 0 ? 'higher' : m.interval.high < 0 ? 'lower' : 'unclear');
      // Holm and the interval say the same thing.
      expect(m.pAdjusted < 0.05).toBe(a.verdict !== 'unclear');
    }
  });
});
