/**
 * The URL decoder against random, truncated and hostile input (property-based, fast-check):
 * it never throws, always returns a valid view, and never lets a name through that is not a
 * known measure, dimension or framework. Round trips keep every valid view.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIMENSION_KEYS, isExposureDimension } from '../../../src/lib/query/dimensions';
import { MEASURE_KEYS } from '../../../src/lib/query/measures';
import { buildGroupQuery } from '../../../src/lib/query/group-query';
import { isRealIsoDate, parseViewParams, viewToParams } from '../../../src/lib/query/view-url';
import { DEFAULT_VIEW, FRAMEWORK_KEYS, LIMITS, type ViewState } from '../../../src/lib/query/view';

const NAMES = ['m', 'd', 'd2', 'd2m', 'c', 'fw', 'k', 'minn', 'from', 'to', 'lang', 'ds', 'q'];
const hostileText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    "x'; DROP TABLE clients; --",
    '"; DELETE FROM sessions; --',
    '__proto__',
    'constructor',
    'toString',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://evil")',
    '%00',
    '\u0000',
    'a'.repeat(5000),
    '1e309',
    '-1',
    '99999999999',
    '2024-02-30',
    '0000-00-00',
    'NaN',
    'region_code',
    'client_name',
    'f.region',
  ),
  ...MEASURE_KEYS.map((k) => fc.constant(k)),
  ...DIMENSION_KEYS.map((k) => fc.constant(k)),
);
const paramName = fc.oneof(
  fc.constantFrom(...NAMES),
  fc.constantFrom(...DIMENSION_KEYS).map((d) => `f.${d}`),
  fc.string().map((s) => `f.${s}`),
  fc.string(),
);
const hostileParams = fc.array(fc.tuple(paramName, hostileText), { maxLength: 40 }).map((pairs) => {
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v);
  return p;
});

function assertValid(view: ViewState) {
  expect(MEASURE_KEYS).toContain(view.measure);
  expect(DIMENSION_KEYS).toContain(view.dimension);
  if (view.dimension2 != null) {
    expect(DIMENSION_KEYS).toContain(view.dimension2);
    expect(view.dimension2).not.toBe(view.dimension);
  }
  expect(FRAMEWORK_KEYS).toContain(view.framework);
  expect(['colour', 'facet']).toContain(view.secondMode);
  expect(['bar', 'dot']).toContain(view.chartType);
  expect(
    Number.isInteger(view.minSessions) && view.minSessions >= LIMITS.minSessions.min && view.minSessions <= LIMITS.minSessions.max,
  ).toBe(true);
  expect(Number.isInteger(view.minN) && view.minN >= LIMITS.minN.min && view.minN <= LIMITS.minN.max).toBe(true);
  for (const [dim, values] of Object.entries(view.filters.values)) {
    expect(DIMENSION_KEYS).toContain(dim);
    expect(values.length).toBeGreaterThan(0);
    expect(values.length).toBeLessThanOrEqual(LIMITS.filterValues);
    for (const v of values) expect(v.length).toBeLessThanOrEqual(LIMITS.valueLength);
  }
  for (const date of [view.filters.dateFrom, view.filters.dateTo]) if (date != null) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

describe('parseViewParams under hostile input', () => {
  it('never throws, and yields only known names and bounded values (2,000 random parameter sets)', () => {
    fc.assert(
      fc.property(hostileParams, (params) => {
        const { view } = parseViewParams(params);
        assertValid(view);
        // Safe to turn into SQL: the SQL text is the same whatever the filter values are —
        // they only ever travel as bound parameters.
        const spec = { ...view, measure: 'revenue_growth_median' };
        const blank = {
          ...view.filters,
          values: Object.fromEntries(Object.entries(view.filters.values).map(([d, v]) => [d, v.map(() => 'x')])),
        };
        const query = buildGroupQuery(spec);
        expect(query.sql).toBe(buildGroupQuery({ ...spec, filters: blank }).sql);
        for (const values of Object.values(view.filters.values)) for (const v of values) expect(query.params).toContain(v);
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on raw, truncated query strings (1,000 runs)', () => {
    const valid = viewToParams({
      ...DEFAULT_VIEW,
      measure: 'naik_kelas_rate',
      dimension: 'cohort',
      dimension2: 'region',
      framework: 'suharto_roles',
      filters: { values: { region: ['5201', '5203'], cohort: ['2025-A'] }, dateFrom: '2024-01-01' },
    }).toString();
    fc.assert(
      fc.property(fc.nat({ max: valid.length }), fc.string(), (cut, junk) => {
        const text = valid.slice(0, cut) + junk;
        const { view } = parseViewParams(new URLSearchParams(text));
        assertValid(view);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports what it dropped', () => {
    const { view, problems } = parseViewParams(new URLSearchParams("m=x'--&d=region&d2=region&k=0&from=2024-13-01&f.evil=1"));
    expect(view.measure).toBe(DEFAULT_VIEW.measure);
    expect(view.dimension2).toBeNull();
    expect(problems).toEqual(
      expect.arrayContaining(['unknown_measure', 'same_dimension_twice', 'bad_number', 'bad_date', 'unknown_dimension']),
    );
  });
});

describe('dates in links', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '2024-00-10', '0000-01-01', '1899-12-31', '99999-01-01', '2024-1-5'])(
    '%s is not a date: dropped and reported',
    (raw) => {
      const { view, problems } = parseViewParams(new URLSearchParams(`to=${raw}&from=${raw}`));
      expect(view.filters.dateTo ?? null).toBeNull();
      expect(view.filters.dateFrom ?? null).toBeNull();
      expect(problems).toContain('bad_date');
    },
  );

  it.each(['2024-02-29', '2023-12-31', '2025-01-01'])('%s is kept', (raw) => {
    const { view, problems } = parseViewParams(new URLSearchParams(`to=${raw}`));
    expect(view.filters.dateTo).toBe(raw);
    expect(problems).toEqual([]);
    expect(isRealIsoDate(raw)).toBe(true);
  });
});

describe('round trip', () => {
  const viewArb = fc
    .record({
      measure: fc.constantFrom(...MEASURE_KEYS),
      dimension: fc.constantFrom(...DIMENSION_KEYS),
      dimension2: fc.option(fc.constantFrom(...DIMENSION_KEYS), { nil: null }),
      secondMode: fc.constantFrom('colour' as const, 'facet' as const),
      chartType: fc.constantFrom('bar' as const, 'dot' as const),
      framework: fc.constantFrom(...(FRAMEWORK_KEYS as ViewState['framework'][])),
      minSessions: fc.integer({ min: LIMITS.minSessions.min, max: LIMITS.minSessions.max }),
      minN: fc.integer({ min: LIMITS.minN.min, max: LIMITS.minN.max }),
      values: fc.dictionary(
        fc.constantFrom(...DIMENSION_KEYS),
        fc.uniqueArray(
          fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[\u0000-\u001f]/.test(s)),
          { minLength: 1, maxLength: 5 },
        ),
      ),
      dateFrom: fc.option(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
        { nil: null },
      ),
    })
    .filter((v) => v.dimension2 !== v.dimension && !(isExposureDimension(v.dimension) && isExposureDimension(v.dimension2)))
    .map(({ values, dateFrom, ...rest }): ViewState => ({ ...rest, filters: { values, dateFrom, dateTo: null } }));

  it('parse(viewToParams(view)) gives the view back (1,000 random views)', () => {
    fc.assert(
      fc.property(viewArb, (view) => {
        const back = parseViewParams(new URLSearchParams(viewToParams(view).toString()));
        expect(back.problems).toEqual([]);
        expect(back.view).toEqual({ ...view, secondMode: view.dimension2 ? view.secondMode : 'colour' });
      }),
      { numRuns: 1000 },
    );
  });
});
