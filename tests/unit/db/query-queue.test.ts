/** The engine's one queue (db/query-queue.ts): order within a lane, the background lane last, cancelled work skipped. */
import { describe, expect, it } from 'vitest';
import { createQueryQueue } from '../../../src/lib/db/query-queue';
import { QueryCancelledError } from '../../../src/lib/query/cancel';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('query queue', () => {
  it('runs one piece of work at a time, in order', async () => {
    const enqueue = createQueryQueue();
    const log: string[] = [];
    let running = 0;
    const step = (name: string) => async () => {
      running++;
      expect(running).toBe(1);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const results = await Promise.all([enqueue(step('a')), enqueue(step('b')), enqueue(step('c'))]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('lets waiting page queries go before background work, but never interrupts a piece', async () => {
    const enqueue = createQueryQueue();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(name);
      await tick();
    };
    const all = [
      enqueue(step('bg1'), undefined, 'background'),
      enqueue(step('bg2'), undefined, 'background'),
      enqueue(step('page1')),
      enqueue(step('bg3'), undefined, 'background'),
      enqueue(step('page2')),
    ];
    await Promise.all(all);
    // bg1 had started when the page asked: it finishes, then the pages, then the rest.
    expect(log).toEqual(['bg1', 'page1', 'page2', 'bg2', 'bg3']);
  });

  it('starts background work only once the pages have asked nothing for a moment', async () => {
    const enqueue = createQueryQueue(60);
    const log: string[] = [];
    const step = (name: string) => async () => void log.push(name);
    await enqueue(step('page1'));
    const ended = performance.now();
    const background = enqueue(
      async () => {
        log.push('bg');
        return performance.now() - ended;
      },
      undefined,
      'background',
    );
    // A page's next step, while the background waits: it goes first, and the wait starts again.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await enqueue(step('page2'));
    const page2Ended = performance.now();
    const waited = await background;
    expect(log).toEqual(['page1', 'page2', 'bg']);
    expect(waited).toBeGreaterThanOrEqual(page2Ended - ended + 55);
  });

  it('skips work whose signal aborted while it waited, and goes on with the rest', async () => {
    const enqueue = createQueryQueue();
    const ran: string[] = [];
    const controller = new AbortController();
    const first = enqueue(async () => {
      await tick();
      ran.push('first');
    });
    const skipped = enqueue(async () => void ran.push('skipped'), controller.signal);
    const failing = enqueue(async () => {
      throw new Error('engine error');
    });
    const last = enqueue(async () => void ran.push('last'));
    controller.abort();
    await first;
    await expect(skipped).rejects.toBeInstanceOf(QueryCancelledError);
    await expect(failing).rejects.toThrow('engine error');
    await last;
    expect(ran).toEqual(['first', 'last']);
  });
});
