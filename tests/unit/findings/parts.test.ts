/** The small parts of the Findings layer: link parameters, number formats, bounds, sentence rules. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_FINDINGS_CHOICE, findingsToParams, parseFindingsParams } from '../../../src/lib/findings/findings-url';
import { parseViewParams } from '../../../src/lib/query/view-url';
import { DEFAULT_VIEW } from '../../../src/lib/query/view';
import { effectDigits, formatEffect } from '../../../src/lib/findings/format';
import { leeBounds, manskiBounds } from '../../../src/lib/findings/attrition';
import { findingSentences, listPhrase, functionPhrase, MAX_SENTENCES } from '../../../src/lib/findings/sentences';
import type { EffectEstimate, FindingsResult, FunctionEffect } from '../../../src/lib/findings/analyse';
import type { FindingVerdict } from '../../../src/lib/stats/verdict';

describe('link parameters', () => {
  it('round-trips the Findings choice with the view, defaults left out', () => {
    const choice = { outcome: 'has_nib', exposure: 'exposed' as const, doseFunction: 'facilitate' };
    const view = {
      ...DEFAULT_VIEW,
      framework: 'suharto_roles' as const,
      minN: 20,
      filters: { values: { region: ['5201', '5203'] }, dateFrom: '2024-01-01' },
    };
    const params = findingsToParams(view, choice);
    expect(params.toString()).toBe(
      'fw=suharto_roles&minn=20&f.region=5201&f.region=5203&from=2024-01-01&fo=has_nib&fx=exposed&ff=facilitate',
    );
    expect(parseFindingsParams(params)).toEqual({ choice, problems: [] });
    expect(parseViewParams(params).view).toMatchObject({ framework: 'suharto_roles', minN: 20, filters: view.filters });
    expect(findingsToParams(DEFAULT_VIEW, DEFAULT_FINDINGS_CHOICE).toString()).toBe('');
  });

  it('drops what it cannot trust and says so', () => {
    const parsed = parseFindingsParams(new URLSearchParams('fo=DROP TABLE&fx=both&ff=../x'));
    expect(parsed.choice).toEqual(DEFAULT_FINDINGS_CHOICE);
    expect(parsed.problems).toEqual(['unknown_outcome', 'bad_exposure', 'bad_function']);
    expect(parseFindingsParams(new URLSearchParams('fo=naik_kelas&fx=sessions')).choice).toEqual({
      ...DEFAULT_FINDINGS_CHOICE,
      outcome: 'naik_kelas',
    });
  });
});

describe('numbers in the unit shown', () => {
  it('decimals follow the width of the interval', () => {
    expect(effectDigits(0.7, 2.1)).toBe(1);
    expect(effectDigits(0.002, 0.078)).toBe(3);
    expect(effectDigits(-0.5, 0.5)).toBe(1);
    expect(effectDigits(0, Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('signed, localised, with the unit; infinite ends as ±∞', () => {
    expect(formatEffect('id', 'percent', 1.4, 1)).toBe('+1,4%');
    expect(formatEffect('en', 'pp', -0.75, 2)).toBe('−0.75 pp');
    expect(formatEffect('id', 'people', 0.04, 3)).toBe('+0,040 orang');
    expect(formatEffect('en', 'percent', Number.POSITIVE_INFINITY, 1)).toBe('+∞');
    expect(formatEffect('en', 'pp', null, 1)).toBe('–');
  });
});

describe('worst-case bounds', () => {
  it('Manski: the width is the sum of the two attrition shares', () => {
    // Exposed 40 of 50 counted, 20 yes; not exposed 90 of 100, 30 yes.
    const b = manskiBounds(20, 40, 50, 30, 90, 100);
    expect(b.low).toBeCloseTo(20 / 50 - 40 / 100, 12);
    expect(b.high).toBeCloseTo(30 / 50 - 30 / 100, 12);
    expect(b.high - b.low).toBeCloseTo(10 / 50 + 10 / 100, 12);
  });

  it('Lee: trims the group that kept more of its clients, and no trimming gives the plain difference', () => {
    const a = Float64Array.of(1, 2, 3, 4);
    const b = Float64Array.of(0, 0, 1, 1);
    expect(leeBounds(a, 4, b, 4)).toEqual({ low: 2.5 - 0.5, high: 2.5 - 0.5 });
    // a kept 4/4, b 4/8 (q = 0.5): keep half of a, the lowest (1, 2) then the highest (3, 4).
    expect(leeBounds(a, 4, b, 8)).toEqual({ low: 1.5 - 0.5, high: 3.5 - 0.5 });
    // b kept more: trim b instead, and the bounds run the other way round.
    expect(leeBounds(b, 8, a, 4)).toEqual({ low: 0.5 - 3.5, high: 0.5 - 1.5 });
  });
});

function effect(
  key: string,
  verdict: FindingVerdict,
  p: number,
  raw: FindingVerdict = verdict,
  extra: Partial<FunctionEffect> = {},
): FunctionEffect {
  const estimate = (v: FindingVerdict): EffectEstimate | null =>
    v === 'not-enough-data'
      ? null
      : {
          estimate: v === 'lower' ? -2 : 2,
          low: v === 'higher' ? 1 : -3,
          high: v === 'lower' ? -1 : 3,
          low95: 0,
          high95: 0,
          verdict: v,
          model: { estimate: 0.02, se: 0.01, p, pAdjusted: p, gamma: 0.05, interval: { low: 0, high: 0 }, interval95: { low: 0, high: 0 } },
        };
  return {
    key,
    label_id: `Fungsi ${key}`,
    label_en: `Function ${key}`,
    status: verdict === 'not-enough-data' ? 'not-enough-data' : 'estimated',
    reason: verdict === 'not-enough-data' ? 'few_clients' : null,
    sameAs: null,
    reached: 100,
    notReached: 50,
    adjusted: estimate(verdict),
    raw: estimate(raw),
    verdict,
    ...extra,
  };
}

function result(effects: FunctionEffect[]): FindingsResult {
  return {
    framework: 'official',
    outcome: 'revenue_growth',
    scale: 'log_ratio',
    unit: 'percent',
    exposure: 'sessions',
    minSessions: 3,
    minN: 10,
    alpha: 0.05,
    denominators: { selected: 200, counted: 180, excluded: [] },
    model: {
      n: 180,
      clusters: 30,
      method: 'cr1',
      replications: null,
      m: effects.filter((e) => e.status === 'estimated').length,
      rank: 10,
      rSquared: 0.2,
      references: [],
      extraControls: [],
    },
    effects,
    doses: [],
    attrition: { method: 'lee', unit: 'percent', rows: [] },
  };
}

describe('sentence rules', () => {
  it('leads with the clearest (smallest Holm p), at most three, and never more than five sentences', () => {
    const r = result([
      effect('a', 'higher', 0.01),
      effect('b', 'lower', 0.001),
      effect('c', 'higher', 0.03),
      effect('d', 'higher', 0.02),
      effect('e', 'unclear', 0.5, 'higher'),
      effect('f', 'unclear', 0.6),
    ]);
    const s = findingSentences(r, 'en');
    expect(s.length).toBe(MAX_SENTENCES);
    expect(s[0]).toMatch(/^Each additional “function b” session is associated with lower revenue growth: −2\.0% per session/);
    expect(s[1]).toContain('“function a”');
    expect(s[2]).toContain('“function d”');
    // What adjustment changed comes before the unclear list, which is cut to keep five.
    expect(s[3]).toBe(
      'Without adjustment, “function e” seemed associated with higher revenue growth; once the other functions and the clients’ characteristics are taken into account, the difference is no longer clear.',
    );
    expect(s[4]).toMatch(/^Each estimate compares clients alike/);
  });

  it('at least three sentences even with nothing clear, and none about functions not estimated', () => {
    const r = result([effect('a', 'unclear', 0.4), effect('z', 'not-enough-data', 1)]);
    for (const lang of ['id', 'en'] as const) {
      const s = findingSentences(r, lang);
      expect(s).toHaveLength(3);
      expect(s.join(' ')).not.toMatch(/[Ff]ung[s]?i z|[Ff]unction z/);
    }
    expect(findingSentences(r, 'id')[0]).toBe(
      'Tidak ada perbedaan yang jelas dalam pertumbuhan omzet untuk “fungsi a” setelah penyesuaian: selangnya mencakup nol.',
    );
    expect(findingSentences(r, 'en')[1]).toMatch(/^180 of 200 selected clients are counted for revenue growth/);
  });

  it('labels read inside a sentence; lists are quoted', () => {
    expect(functionPhrase({ label_id: 'Memfasilitasi', label_en: 'Facilitating' }, 'en')).toBe('facilitating');
    expect(functionPhrase({ label_id: 'SDM', label_en: 'HR' }, 'en')).toBe('HR');
    expect(listPhrase(['a', 'b', 'c'], 'id')).toBe('“a”, “b” dan “c”');
    expect(listPhrase(['a'], 'en')).toBe('“a”');
  });
});
