/**
 * The Findings layer on a dataset small enough to work by hand (tests/fixtures/findings):
 * twelve clients of three mentors. Who is counted and why, the per-client SQL columns, the
 * design matrix written out in full, dose–response bins, attrition with Lee and Manski
 * bounds, the functions that cannot be estimated, and what the page says when no model fits.
 *
 *   client mentor region cohort sector  prog  entity   educ facil advise  revenue b → e        NIB b → e
 *   K01    M1     5201   2024-A kuliner bds   umkm      3    2     0      10 jt → 20 jt        f → t
 *   K02    M1     5201   2024-A kuliner bds   umkm      0    0     2       8 jt →  8 jt        f → f
 *   K03    M1     5201   2024-A jasa    bds   umkm      1    2     1       5 jt → 7,5 jt       t → t
 *   K04    M3     5201   2024-B kuliner bds   koperasi  0    3     0      20 jt → 30 jt        f → t
 *   K05    M2     5202   2024-B jasa    ppkl  umkm      1    0     3       4 jt →  4 jt        f → f   (workers missing at endline)
 *   K06    M2     5202   2024-A kuliner ppkl  umkm      2    0     1       6 jt →  9 jt        f → f
 *   K07    M3     5201   2024-A kuliner bds   umkm      2    3     0      12 jt → 24 jt        f → t
 *   K08    M2     5202   2024-B jasa    ppkl  umkm      0    0     1       3 jt → 2,4 jt       t → t
 *   K09    M3     5201   2024-A kuliner bds   umkm      0    1     0       5 jt → (no endline)  f → –
 *   K10    M2     5202   2024-A kuliner ppkl  umkm      3    0     0       0    →  2 jt         f → t
 *   K11    –      5201   2024-A kuliner bds   umkm      0    0     0       7 jt →  7 jt (no sessions)
 *   K12    M2     5202   2024-B jasa    ppkl  koperasi  0    1     1       9 jt → (missing)     f → t
 * Every mentored client has exactly one `observe` session.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatasetFromFolder } from '../../../src/lib/db/node-database';
import { findingsData, type FindingsData } from '../../../src/lib/query/findings-data';
import { analysisSample } from '../../../src/lib/findings/sample';
import { buildDesign, termName } from '../../../src/lib/findings/design';
import { doseResponse } from '../../../src/lib/findings/dose';
import { attritionTable } from '../../../src/lib/findings/attrition';
import { analyseFindings } from '../../../src/lib/findings/analyse';
import { findingSentences } from '../../../src/lib/findings/sentences';
import { findingsOutcome } from '../../../src/lib/findings/outcomes';
import { REPO_ROOT, CROSSWALK_PATH } from '../../helpers/sample-db';

let db: Awaited<ReturnType<typeof openDatasetFromFolder>>;
let data: FindingsData;
beforeAll(async () => {
  db = await openDatasetFromFolder(join(REPO_ROOT, 'tests', 'fixtures', 'findings'), CROSSWALK_PATH);
  data = await findingsData(db, { framework: 'official', filters: { values: {} }, minSessions: 3 });
});
afterAll(() => db?.close());

const revenue = findingsOutcome('revenue_growth')!;
const nib = findingsOutcome('has_nib')!;
const fn = (key: string) => data.functions.findIndex((f) => f.key === key);
const column = (values: Float64Array) => Array.from(values);

describe('the per-client SQL columns', () => {
  it('one row per client in client-id order, sessions per function counted from task sets', () => {
    expect(data.clients).toBe(12);
    expect(data.functions.map((f) => f.key)).toEqual([
      'observe',
      'guide',
      'correct',
      'advise',
      'mediate',
      'advocate',
      'facilitate',
      'educate',
      'supervise',
      'evaluate',
      'report',
    ]);
    expect(column(data.sessions[fn('educate')]!)).toEqual([3, 0, 1, 0, 1, 2, 2, 0, 0, 3, 0, 0]);
    expect(column(data.sessions[fn('facilitate')]!)).toEqual([2, 0, 2, 3, 0, 0, 3, 0, 1, 0, 0, 1]);
    expect(column(data.sessions[fn('advise')]!)).toEqual([0, 2, 1, 0, 3, 1, 0, 1, 0, 0, 0, 1]);
    expect(column(data.sessions[fn('observe')]!)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1]);
    const mentors = Array.from(data.mentor.codes, (c) => data.mentor.levels[c]);
    expect(mentors).toEqual(['M1', 'M1', 'M1', 'M3', 'M2', 'M2', 'M3', 'M2', 'M3', 'M2', '', 'M2']);
    expect(column(data.hasEndline)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1]);
    expect(column(data.revenueBaseline)[9]).toBe(0);
    expect(Number.isNaN(data.revenueEndline[11])).toBe(true);
    expect(Number.isNaN(data.employeesEndline[4])).toBe(true);
    expect(column(data.status.has_nib.endline).slice(0, 8)).toEqual([1, 0, 1, 1, 0, 0, 1, 1]);
  });

  it('applies the view filters (region, a function filter under the exposure rule, dates)', async () => {
    const lombokBarat = await findingsData(db, { framework: 'official', filters: { values: { region: ['5201'] } }, minSessions: 3 });
    expect(lombokBarat.clients).toBe(7);
    const facilitated = await findingsData(db, {
      framework: 'official',
      filters: { values: { function: ['facilitate'] } },
      minSessions: 3,
    });
    expect(facilitated.clients).toBe(2); // K04, K07: ≥ 3 facilitate sessions
    const later = await findingsData(db, { framework: 'official', filters: { values: {}, dateFrom: '2024-09-01' }, minSessions: 3 });
    expect(later.clients).toBe(4); // the 2024-B cohort
    const none = await findingsData(db, { framework: 'official', filters: { values: { region: ['5272'] } }, minSessions: 3 });
    expect(none.clients).toBe(0);
    expect(none.sessions[0]).toHaveLength(0);
  });
});

describe('who is counted', () => {
  it('revenue growth: both revenues > 0, an endline, a mentor; y = ln(endline / baseline)', () => {
    const s = analysisSample(data, revenue);
    expect(Array.from(s.rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(column(s.y)).toEqual(
      [Math.log(2), 0, Math.log(1.5), Math.log(1.5), 0, Math.log(1.5), Math.log(2), Math.log(0.8)].map((v) => expect.closeTo(v, 14)),
    );
    expect(Object.fromEntries(s.excluded.map((e) => [e.reason, e.clients]))).toEqual({
      no_baseline: 0,
      no_endline: 1,
      no_sessions: 1,
      baseline_revenue: 1,
      endline_revenue: 1,
      outcome_missing: 0,
    });
  });

  it('NIB at endline with its baseline status; zero baseline revenue does not exclude', () => {
    const s = analysisSample(data, nib);
    expect(Array.from(s.rows)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 9, 11]);
    expect(column(s.y)).toEqual([1, 0, 1, 1, 0, 0, 1, 1, 1, 1]);
    expect(column(s.baselineStatus!)).toEqual([0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('employment change needs workers at both ends (K05 has none at endline)', () => {
    const s = analysisSample(data, findingsOutcome('employment_change')!);
    expect(s.excluded.find((e) => e.reason === 'outcome_missing')?.clients).toBe(1);
    expect(column(s.y).slice(0, 4)).toEqual([2, 0, 1, 1]);
  });
});

describe('the design matrix', () => {
  it('revenue growth with educate and facilitate: equals the matrix written by hand', () => {
    const s = analysisSample(data, revenue);
    const { design, clusters, references } = buildDesign(
      data,
      s,
      [
        { name: termName('educate'), values: data.sessions[fn('educate')]! },
        { name: termName('facilitate'), values: data.sessions[fn('facilitate')]! },
      ],
      true,
    );
    // References = the most frequent level among K01–K08: 5201 (5 of 8), 2024-A (5), kuliner (5), bds (5), umkm (7).
    expect(references.map((r) => [r.group, r.reference, r.levels])).toEqual([
      ['region', '5201', 2],
      ['cohort', '2024-A', 2],
      ['sector', 'kuliner', 2],
      ['programme', 'bds', 2],
      ['entity_type', 'umkm', 2],
    ]);
    // Every counted client has baseline revenue, so no no-revenue indicator; programme:ppkl
    // equals region:5202 here (the fit drops it as aliased, the matrix keeps it).
    expect(design.columns).toEqual([
      '(intercept)',
      'fn:educate',
      'fn:facilitate',
      'region:5202',
      'cohort:2024-B',
      'sector:jasa',
      'programme:ppkl',
      'entity_type:koperasi',
      'log_baseline_revenue',
    ]);
    const ln = Math.log;
    const byHand = [
      // int educ facil 5202 24-B jasa ppkl kop  ln revenue
      [1, 3, 2, 0, 0, 0, 0, 0, ln(10e6)], // K01
      [1, 0, 0, 0, 0, 0, 0, 0, ln(8e6)], // K02
      [1, 1, 2, 0, 0, 1, 0, 0, ln(5e6)], // K03
      [1, 0, 3, 0, 1, 0, 0, 1, ln(20e6)], // K04
      [1, 1, 0, 1, 1, 1, 1, 0, ln(4e6)], // K05
      [1, 2, 0, 1, 0, 0, 1, 0, ln(6e6)], // K06
      [1, 2, 3, 0, 0, 0, 0, 0, ln(12e6)], // K07
      [1, 0, 0, 1, 1, 1, 1, 0, ln(3e6)], // K08
    ];
    expect(design.rows).toBe(8);
    expect(Array.from(design.values)).toEqual(byHand.flat());
    expect(Array.from(clusters, (c) => data.mentor.levels[c])).toEqual(['M1', 'M1', 'M1', 'M3', 'M2', 'M2', 'M3', 'M2']);
  });

  it('NIB: a client without baseline revenue gets ln revenue 0 and the indicator 1; baseline status is a column', () => {
    const s = analysisSample(data, nib);
    const { design } = buildDesign(data, s, [{ name: termName('facilitate'), values: data.sessions[fn('facilitate')]! }], true);
    expect(design.columns.slice(-3)).toEqual(['log_baseline_revenue', 'no_baseline_revenue', 'baseline_status']);
    const p = design.columns.length;
    const row = (r: number) => Array.from(design.values.slice(r * p, (r + 1) * p));
    // Row 8 is K10: 5202, 2024-A, kuliner, ppkl, umkm, no facilitate, revenue 0, NIB false at baseline.
    expect(row(8)).toEqual([1, 0, 1, 0, 0, 1, 0, 0, 1, 0]);
    // Row 9 is K12: 5202, 2024-B, jasa, ppkl, koperasi, 1 facilitate, 9 jt.
    expect(row(9)).toEqual([1, 1, 1, 1, 1, 1, 1, Math.log(9e6), 0, 0]);
    // Without controls: intercept and the term only (the raw comparison).
    const raw = buildDesign(data, s, [{ name: termName('facilitate'), values: data.sessions[fn('facilitate')]! }], false);
    expect(raw.design.columns).toEqual(['(intercept)', 'fn:facilitate']);
    expect(Array.from(raw.design.values)).toEqual([1, 2, 1, 0, 1, 2, 1, 3, 1, 0, 1, 0, 1, 3, 1, 0, 1, 0, 1, 1]);
  });
});

describe('dose–response and attrition', () => {
  it('revenue growth by facilitate sessions: medians per bin, small bins marked', () => {
    const dose = doseResponse(data, analysisSample(data, revenue), revenue, fn('facilitate'), 3);
    // 0: K02 0 %, K05 0 %, K06 +50 %, K08 −20 % → median (0 + 0)/2; 1–2: K01 +100 %, K03 +50 %; 3–5: K04 +50 %, K07 +100 %.
    expect(dose.statistic).toBe('median');
    expect(dose.bins.map((b) => [b.label, b.n, b.value, b.small])).toEqual([
      ['0', 4, 0, false],
      ['1–2', 2, expect.closeTo(0.75, 12), true],
      ['3–5', 2, expect.closeTo(0.75, 12), true],
      ['6–10', 0, null, true],
      ['11+', 0, null, true],
    ]);
    expect(dose.bins[0]!.low).toBeLessThanOrEqual(0);
    expect(dose.bins[0]!.high).toBeGreaterThanOrEqual(0);
  });

  it('NIB by facilitate sessions: Wilson shares with the baseline share beside them', () => {
    const dose = doseResponse(data, analysisSample(data, nib), nib, fn('facilitate'), 1);
    // 0: K02 f, K05 f, K06 f, K08 t, K10 t → 2/5 (baseline: K08 → 1/5); 1–2: K01 t, K03 t, K12 t; 3–5: K04 t, K07 t.
    expect(dose.bins.map((b) => [b.n, b.value, b.baselineShare])).toEqual([
      [5, 0.4, 0.2],
      [3, 1, 1 / 3],
      [2, 1, 0],
      [0, null, null],
      [0, null, null],
    ]);
    expect(dose.bins[1]!.high).toBe(1);
  });

  it('attrition by exposure to facilitate (≥ 3: K04, K07) with Lee bounds for revenue growth', () => {
    const table = attritionTable(data, analysisSample(data, revenue), revenue, 3, 2);
    const row = table.rows.find((r) => r.function === 'facilitate')!;
    expect(table.method).toBe('lee');
    expect(row.exposed).toEqual({ selected: 2, counted: 2, share: 0 });
    expect(row.notExposed).toEqual({ selected: 10, counted: 6, share: 0.4 });
    // The exposed kept all of theirs (q = 1), the others 0.6: trim the exposed to 60 % of 2
    // = 1 client, the lowest (ln 1.5) then the highest (ln 2). Not exposed: K01 K02 K03 K05 K06 K08.
    const m0 = (Math.log(2) + 0 + Math.log(1.5) + 0 + Math.log(1.5) + Math.log(0.8)) / 6;
    expect(row.bound!.low).toBeCloseTo(Math.expm1(Math.log(1.5) - m0) * 100, 10);
    expect(row.bound!.high).toBeCloseTo(Math.expm1(Math.log(2) - m0) * 100, 10);
    expect(row.observed).toBeCloseTo(Math.expm1((Math.log(1.5) + Math.log(2)) / 2 - m0) * 100, 10);
    expect(row.difference!.estimate).toBeCloseTo(-0.4, 12);
  });

  it('Manski bounds for NIB: every missing client scored 0, then 1', () => {
    const table = attritionTable(data, analysisSample(data, nib), nib, 3, 2);
    const row = table.rows.find((r) => r.function === 'facilitate')!;
    expect(table.method).toBe('manski');
    // Exposed 2/2 with NIB; not exposed: 10 selected, 8 counted, 5 with NIB, 2 missing (K09, K11).
    expect(row.bound!.low).toBeCloseTo((2 / 2 - (5 + 2) / 10) * 100, 10);
    expect(row.bound!.high).toBeCloseTo((2 / 2 - 5 / 10) * 100, 10);
    expect(row.observed).toBeCloseTo((1 - 5 / 8) * 100, 10);
    // Groups under the minimum n are not compared at all.
    const small = attritionTable(data, analysisSample(data, nib), nib, 3, 3).rows.find((r) => r.function === 'facilitate')!;
    expect([small.small, small.bound, small.observed, small.difference]).toEqual([true, null, null, null]);
  });
});

describe('what is estimated, and what is said', () => {
  it('functions reached by too few, without variation, and a model that cannot be fitted', () => {
    const result = analyseFindings(data, { outcome: 'revenue_growth', exposure: 'sessions', minSessions: 3, minN: 4 });
    const reasons = Object.fromEntries(result.effects.map((e) => [e.key, e.reason]));
    // observe: every counted client had exactly one session; advise (5), facilitate (4), educate (5) are
    // reached by enough, but 8 clients cannot carry 3 functions and 6 controls.
    expect(reasons).toMatchObject({
      observe: 'no_variation',
      guide: 'few_clients',
      advise: 'no_model',
      facilitate: 'no_model',
      educate: 'no_model',
    });
    expect(result.model).toBeNull();
    expect(result.effects.every((e) => e.verdict === 'not-enough-data' && e.adjusted === null)).toBe(true);
    for (const lang of ['id', 'en'] as const) {
      const sentences = findingSentences(result, lang);
      expect(sentences.length).toBeGreaterThanOrEqual(3);
      // Nothing about any function: none was estimated.
      for (const e of result.effects)
        for (const s of sentences) expect(s.toLowerCase()).not.toContain((lang === 'en' ? e.label_en : e.label_id).toLowerCase());
    }
  });

  it('exposure (≥ k) needs enough clients on both sides; three mentors get the wild bootstrap', () => {
    const result = analyseFindings(data, { outcome: 'revenue_growth', exposure: 'exposed', minSessions: 1, minN: 4 });
    const byKey = Object.fromEntries(result.effects.map((e) => [e.key, [e.reached, e.notReached, e.reason]]));
    expect(byKey.observe).toEqual([8, 0, 'few_unexposed']);
    expect(byKey.advise).toEqual([5, 3, 'few_unexposed']);
    // Facilitate alone: 8 clients, 7 estimable columns (programme:ppkl = region:5202 is aliased).
    expect(byKey.facilitate).toEqual([4, 4, null]);
    // Three mentors: every one of the 6³ Webb weight vectors, no CR1 t.
    expect(result.model).toMatchObject({ n: 8, clusters: 3, method: 'wild', replications: 216, m: 1, rank: 7 });
    const f = result.effects.find((e) => e.key === 'facilitate')!;
    // The bootstrap p of three clusters is a multiple of 1/216, and with one term Holm changes nothing.
    expect(f.adjusted!.model.p * 216).toBeCloseTo(Math.round(f.adjusted!.model.p * 216), 9);
    expect(f.adjusted!.model.pAdjusted).toBe(f.adjusted!.model.p);
    expect(f.verdict).toBe('unclear');
    expect(f.adjusted!.low).toBeLessThan(0);
  });

  it('two functions counted from the same sessions are estimated once (Suharto roles: facilitator = social broker)', async () => {
    const roles = await findingsData(db, { framework: 'suharto_roles', filters: { values: {} }, minSessions: 3 });
    const result = analyseFindings(roles, { outcome: 'has_nib', exposure: 'sessions', minSessions: 3, minN: 4 });
    const social = result.effects.find((e) => e.key === 'social_broker')!;
    expect(social.reached).toBe(result.effects.find((e) => e.key === 'facilitator')!.reached);
    expect(social.status === 'same-as' ? social.sameAs : social.reason).toBe(social.status === 'same-as' ? 'facilitator' : 'no_model');
  });
});
