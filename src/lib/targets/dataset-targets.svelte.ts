/**
 * The active dataset's targets: read from the store whenever the dataset changes, and
 * replaced, edited or removed by the evaluator. A change the storage refuses (full or
 * disabled) keeps the targets for this visit and says so in `storeError`.
 */
import { loadTargets, removeTargets, saveTargets, type KeyValueStorage, type TargetSheet } from './target-store';
import { targetKey, type Target } from '../ingest/targets-file';

export interface FingerprintSource {
  readonly fingerprint: string | null;
}

export class DatasetTargets {
  /** Sheets changed in this visit, by fingerprint (the storage may have refused them). */
  #changed = $state.raw<ReadonlyMap<string, TargetSheet | null>>(new Map());
  storeError = $state<string | null>(null);

  readonly #dataset: FingerprintSource;
  readonly #storage: () => KeyValueStorage | null;

  /** The active dataset's sheet; null with no targets. */
  readonly sheet = $derived.by((): TargetSheet | null => {
    const fingerprint = this.#dataset.fingerprint;
    if (!fingerprint) return null;
    if (this.#changed.has(fingerprint)) return this.#changed.get(fingerprint) ?? null;
    const storage = this.#storage();
    return storage ? loadTargets(storage, fingerprint) : null;
  });
  readonly targets = $derived<readonly Target[]>(this.sheet?.targets ?? []);

  constructor(dataset: FingerprintSource, storage: () => KeyValueStorage | null) {
    this.#dataset = dataset;
    this.#storage = storage;
  }

  /** Sets the active dataset's targets (an empty list removes them). */
  replace(targets: readonly Target[], source: string, now = new Date()): void {
    const fingerprint = this.#dataset.fingerprint;
    if (!fingerprint) return;
    const sheet: TargetSheet | null = targets.length > 0 ? { source, savedAt: now.toISOString(), targets } : null;
    this.storeError = null;
    try {
      const storage = this.#storage();
      if (!storage) throw new Error('no storage');
      if (sheet) saveTargets(storage, fingerprint, sheet);
      else removeTargets(storage, fingerprint);
    } catch (error) {
      this.storeError = error instanceof Error ? error.message : String(error);
    }
    this.#changed = new Map(this.#changed).set(fingerprint, sheet);
  }

  /** Adds a target, or changes the one with the same indicator and scope. */
  put(target: Target): void {
    const key = targetKey(target);
    const others = this.targets.filter((t) => targetKey(t) !== key);
    const at = this.targets.findIndex((t) => targetKey(t) === key);
    const next = at < 0 ? [...others, target] : [...others.slice(0, at), target, ...others.slice(at)];
    this.replace(next, this.sheet?.source ?? '');
  }

  delete(target: Target): void {
    const key = targetKey(target);
    this.replace(
      this.targets.filter((t) => targetKey(t) !== key),
      this.sheet?.source ?? '',
    );
  }

  clear(): void {
    this.replace([], '');
  }
}
