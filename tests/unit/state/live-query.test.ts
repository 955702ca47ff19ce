import { describe, expect, it } from 'vitest';
import { QueryCancelledError } from '../../../src/lib/query/cancel';
import { errorMessage } from '../../../src/lib/domain/error-text';
import { LiveQuery } from '../../../src/lib/state/live-query.svelte';

/** A piece of work that finishes when told to, and records whether it was aborted. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const seen: { signal: AbortSignal | null } = { signal: null };
  const work = (signal: AbortSignal) => {
    seen.signal = signal;
    return new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
  };
  return { work, seen, resolve: (v: T) => resolve(v), reject: (e: unknown) => reject(e) };
}

describe('LiveQuery', () => {
  it('shows the latest run only: an earlier run that finishes later is dropped, and was aborted', async () => {
    const live = new LiveQuery<string>();
    const first = deferred<string>();
    const second = deferred<string>();
    const a = live.run('a', first.work);
    expect(live.busy).toBe(true);
    const b = live.run('b', second.work);
    expect(first.seen.signal?.aborted).toBe(true);
    expect(second.seen.signal?.aborted).toBe(false);
    second.resolve('second');
    await b;
    expect([live.value, live.key, live.busy]).toEqual(['second', 'b', false]);
    first.resolve('first'); // too late
    await a;
    expect([live.value, live.key, live.busy, live.error]).toEqual(['second', 'b', false, null]);
  });

  it('keeps the last result while the next run is busy', async () => {
    const live = new LiveQuery<number>();
    await live.run('one', async () => 1);
    const next = deferred<number>();
    const pending = live.run('two', next.work);
    expect([live.value, live.key, live.busy]).toEqual([1, 'one', true]);
    next.resolve(2);
    await pending;
    expect([live.value, live.key, live.busy]).toEqual([2, 'two', false]);
  });

  it('reports a failing run as a sentence, and clears it on the next success', async () => {
    const live = new LiveQuery<number>();
    await live.run('bad', async () => {
      throw new Error('Binder Error: no such column');
    });
    expect([live.error, live.busy, live.value]).toEqual(['Binder Error: no such column', false, null]);
    await live.run('good', async () => 7);
    expect([live.error, live.value]).toEqual([null, 7]);
  });

  it('a cancelled run is not an error, and cancel() stops the run under way', async () => {
    const live = new LiveQuery<number>();
    await live.run('x', async () => {
      throw new QueryCancelledError();
    });
    expect(live.error).toBeNull();
    const slow = deferred<number>();
    const pending = live.run('slow', slow.work);
    live.cancel();
    expect(slow.seen.signal?.aborted).toBe(true);
    expect(live.busy).toBe(false);
    slow.resolve(5);
    await pending;
    expect([live.value, live.key]).toEqual([null, null]);
  });

  it('shows what a run publishes before it ends, but only for the latest run, and keeps the key until the end', async () => {
    const live = new LiveQuery<string>();
    let publishFirst!: (value: string) => void;
    void live.run('a', (_signal, publish) => {
      publishFirst = publish;
      return new Promise<string>(() => undefined);
    });
    publishFirst('a, part');
    expect([live.value, live.key, live.busy]).toEqual(['a, part', null, true]);
    const second = deferred<string>();
    const b = live.run('b', (signal, publish) => {
      publish('b, part');
      return second.work(signal);
    });
    expect([live.value, live.key]).toEqual(['b, part', null]);
    publishFirst('a, late'); // superseded: dropped
    expect(live.value).toBe('b, part');
    second.resolve('b, all');
    await b;
    expect([live.value, live.key, live.busy]).toEqual(['b, all', 'b', false]);
  });

  it('errorMessage turns anything thrown into text', () => {
    expect(errorMessage(new TypeError('bad'))).toBe('bad');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });
});
