/** The active dataset's targets: they follow the dataset, survive in storage, and a refusing storage is said. */
import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { DatasetTargets } from '../../../src/lib/targets/dataset-targets.svelte';
import type { KeyValueStorage } from '../../../src/lib/targets/target-store';
import type { Target } from '../../../src/lib/ingest/targets-file';
import { inEffectRoot } from './effect-root.svelte';

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  refuse = false;
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.refuse) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const share: Target = { indicator: 'naik_kelas_rate', target: 0.6, period: null, region_code: null, cohort: null, programme: null };
const regional: Target = { ...share, region_code: '5201', target: 0.5 };

function world() {
  const storage = new MapStorage();
  const dataset = $state({ fingerprint: 'aaaa' as string | null });
  const root = inEffectRoot(() => new DatasetTargets(dataset, () => storage));
  return { storage, dataset, targets: root.value, stop: root.stop };
}

describe('DatasetTargets', () => {
  it('keeps targets per dataset: a switch shows the other dataset’s, and back again', () => {
    const { dataset, targets, storage, stop } = world();
    targets.replace([share, regional], 'target.csv');
    flushSync();
    expect(targets.targets).toEqual([share, regional]);
    expect(targets.sheet?.source).toBe('target.csv');
    expect(storage.map.has('dampingan.targets.aaaa')).toBe(true);
    dataset.fingerprint = 'bbbb';
    flushSync();
    expect(targets.targets).toEqual([]);
    dataset.fingerprint = 'aaaa';
    flushSync();
    expect(targets.targets).toEqual([share, regional]);
    stop();
  });

  it('put changes the target with the same scope in place and adds a new one; delete and clear remove', () => {
    const { targets, storage, stop } = world();
    targets.replace([share, regional], 'target.csv');
    targets.put({ ...share, target: 0.7 });
    expect(targets.targets.map((t) => t.target)).toEqual([0.7, 0.5]);
    targets.put({ ...share, period: 2025 });
    expect(targets.targets).toHaveLength(3);
    targets.delete(regional);
    expect(targets.targets.map((t) => [t.target, t.region_code, t.period])).toEqual([
      [0.7, null, null],
      [0.6, null, 2025],
    ]);
    targets.clear();
    expect(targets.targets).toEqual([]);
    expect(storage.map.size).toBe(0);
    stop();
  });

  it('a storage that refuses keeps the targets for this visit and says why', () => {
    const { targets, storage, stop } = world();
    storage.refuse = true;
    targets.replace([share], 'target.csv');
    expect(targets.targets).toEqual([share]);
    expect(targets.storeError).toMatch(/quota/);
    stop();
  });
});
