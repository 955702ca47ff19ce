import { describe, expect, it } from 'vitest';
import { MEASURES } from '../../../src/lib/query/measures';
import { INDICATOR_KEYS, indicatorSheet } from '../../../src/lib/i18n/indicators';
import { TABLES, type TableName } from '../../../src/lib/domain/schema';

const FIELDS = ['name', 'definition', 'numerator', 'denominator', 'unit', 'population', 'missing', 'interval', 'direction'] as const;

describe('indicator reference sheets', () => {
  it('every measure has one, in both languages, with every part written and the two languages different', () => {
    expect(INDICATOR_KEYS).toEqual(MEASURES.map((m) => m.key));
    for (const measure of MEASURES) {
      const id = indicatorSheet(measure, 'id')!;
      const en = indicatorSheet(measure, 'en')!;
      for (const field of FIELDS) {
        expect(id[field].length, `${measure.key}.${field} (id)`).toBeGreaterThan(2);
        expect(en[field].length, `${measure.key}.${field} (en)`).toBeGreaterThan(2);
      }
      expect(id.definition).not.toBe(en.definition);
      expect([id.name, en.name]).toEqual([measure.label_id, measure.label_en]);
    }
  });

  it('names only columns of the export format, and every column the measure needs', () => {
    for (const measure of MEASURES) {
      const sheet = indicatorSheet(measure, 'en')!;
      for (const source of sheet.sources) {
        const [table, column] = source.split('.') as [TableName, string];
        expect(
          TABLES[table]?.columns.some((c) => c.name === column),
          `${measure.key}: ${source}`,
        ).toBe(true);
      }
      for (const need of measure.needs) {
        const covered = need.includes('.') ? sheet.sources.includes(need) : sheet.sources.some((s) => s.startsWith(`${need}.`));
        expect(covered, `${measure.key} needs ${need}`).toBe(true);
      }
    }
  });

  it('says which way is better as the measure registry does', () => {
    const byDirection = (d: string) => MEASURES.filter((m) => (m.direction ?? 'none') === d).map((m) => indicatorSheet(m, 'en')!.direction);
    expect(new Set(byDirection('higher'))).toEqual(new Set(['Higher is better.']));
    expect(byDirection('none').every((text) => text.startsWith('No "better" direction'))).toBe(true);
    // Outcomes point up; amounts of mentoring and workload do not.
    expect(MEASURES.find((m) => m.key === 'revenue_growth_median')?.direction).toBe('higher');
    expect(MEASURES.find((m) => m.key === 'sessions_per_client')?.direction).toBeNull();
  });

  it('has no sheet for a key the registry does not know', () => {
    expect(indicatorSheet({ ...MEASURES[0], key: 'made_up' }, 'id')).toBeNull();
  });
});
