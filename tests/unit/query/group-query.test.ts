import { describe, expect, it } from 'vitest';
import { buildGroupQuery } from '../../../src/lib/query/group-query';
import { MEASURES } from '../../../src/lib/query/measures';
import { DIMENSIONS } from '../../../src/lib/query/dimensions';

const spec = { measure: 'revenue_growth_median', dimension: 'region', framework: 'official', minSessions: 3, filters: { values: {} } };

describe('buildGroupQuery keeps untrusted text out of SQL', () => {
  it('binds every filter value as a parameter', () => {
    const hostile = "5201'); DROP TABLE clients; --";
    const q = buildGroupQuery({
      ...spec,
      filters: { values: { region: [hostile, '5203'], function: ['educate'] }, dateFrom: '2024-01-01' },
    });
    expect(q.sql).not.toContain('DROP TABLE');
    expect(q.params).toContain(hostile);
    expect(q.params).toContain('2024-01-01');
    expect(q.sql.split('?').length - 1).toBe(q.params.length);
  });

  it.each([
    ['an unknown measure', { measure: 'revenue; DROP' }],
    ['an unknown dimension', { dimension: 'region_code' }],
    ['an unknown filter dimension', { filters: { values: { 'x" OR 1=1': ['a'] } } }],
    ['a malformed date', { filters: { values: {}, dateFrom: "2024-01-01' OR '1'='1" } }],
    ['a zero exposure threshold', { minSessions: 0 }],
    ['the same dimension twice', { dimension2: 'region' }],
    ['a dimension that does not apply to the unit', { measure: 'mentor_sessions_per_month', dimension: 'cohort' }],
  ])('refuses %s', (_, override) => {
    expect(() => buildGroupQuery({ ...spec, ...override } as typeof spec)).toThrow();
  });

  it('puts parameters in the order of their placeholders for function groups', () => {
    const q = buildGroupQuery({
      ...spec,
      dimension: 'function',
      dimension2: 'region',
      framework: 'wiryasaputra',
      minSessions: 4,
      filters: { values: { cohort: ['2025-A'] } },
    });
    expect(q.params).toEqual([4, '2025-A', 'wiryasaputra']);
  });

  it('has unique keys in the measure and dimension registries', () => {
    expect(new Set(MEASURES.map((m) => m.key)).size).toBe(MEASURES.length);
    expect(new Set(DIMENSIONS.map((d) => d.key)).size).toBe(DIMENSIONS.length);
  });
});
