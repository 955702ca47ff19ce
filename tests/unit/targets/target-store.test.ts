import { describe, expect, it } from 'vitest';
import { loadTargets, saveTargets, removeTargets, type KeyValueStorage } from '../../../src/lib/targets/target-store';
import type { Target } from '../../../src/lib/ingest/targets-file';

function memory(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const whole: Target = { indicator: 'naik_kelas_rate', target: 0.6, period: null, region_code: null, cohort: null, programme: null };
const regional: Target = { ...whole, target: 0.5, region_code: '5201', period: 2025 };

describe('targets kept beside a dataset', () => {
  it('round-trips by fingerprint; another dataset has its own', () => {
    const storage = memory();
    saveTargets(storage, 'abc123', { source: 'target.csv', savedAt: '2026-11-30T00:00:00.000Z', targets: [whole, regional] });
    expect(loadTargets(storage, 'abc123')).toEqual({
      source: 'target.csv',
      savedAt: '2026-11-30T00:00:00.000Z',
      targets: [whole, regional],
    });
    expect(loadTargets(storage, 'def456')).toBeNull();
  });

  it('an empty sheet removes the entry, as does remove', () => {
    const storage = memory();
    saveTargets(storage, 'abc123', { source: '', savedAt: '', targets: [whole] });
    saveTargets(storage, 'abc123', { source: '', savedAt: '', targets: [] });
    expect(storage.map.size).toBe(0);
    saveTargets(storage, 'abc123', { source: '', savedAt: '', targets: [whole] });
    removeTargets(storage, 'abc123');
    expect(loadTargets(storage, 'abc123')).toBeNull();
  });

  it('leaves out what no longer fits, and duplicates; ignores broken JSON', () => {
    const storage = memory();
    storage.setItem(
      'dampingan.targets.abc123',
      JSON.stringify({
        source: 'x.csv',
        savedAt: 'then',
        targets: [
          whole,
          { ...whole, indicator: 'dropped_measure' },
          { ...whole, target: 'sixty' },
          { ...whole, region_code: '9999' },
          whole,
          { ...regional, extra: '<script>' },
        ],
      }),
    );
    expect(loadTargets(storage, 'abc123')?.targets).toEqual([whole, regional]);
    storage.setItem('dampingan.targets.abc123', '{not json');
    expect(loadTargets(storage, 'abc123')).toBeNull();
  });

  it('refuses a key that is not a fingerprint', () => {
    expect(() => saveTargets(memory(), '../x', { source: '', savedAt: '', targets: [whole] })).toThrow();
  });
});
