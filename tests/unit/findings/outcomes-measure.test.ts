import { describe, expect, it } from 'vitest';
import { FINDINGS_OUTCOMES, measureForOutcome } from '../../../src/lib/findings/outcomes';
import { measureByKey } from '../../../src/lib/query/measures';

describe('the indicator sheet of each Findings outcome', () => {
  it('names a measure that exists, about the same data', () => {
    expect(measureForOutcome('has_nib')).toBe('has_nib_endline_rate');
    expect(measureForOutcome('naik_kelas')).toBe('naik_kelas_rate');
    expect(measureForOutcome('employment_change')).toBe('employment_change');
    expect(measureForOutcome('revenue_growth')).toBe('revenue_growth_median');
    for (const o of FINDINGS_OUTCOMES) expect(measureByKey(measureForOutcome(o.key)), o.key).toBeDefined();
  });
});
