/**
 * In-memory stand-ins for the browser's Cache Storage and Web Locks, faithful where the
 * offline code depends on them: a cache refuses a 206 as the real one does, entries are
 * matched by exact URL, and a lock is held by one holder at a time, in request order.
 */

interface Entry {
  body: Uint8Array;
  status: number;
  headers: [string, string][];
}

const keyOf = (request: RequestInfo | URL) => (typeof request === 'string' ? request : request instanceof URL ? request.href : request.url);

export class FakeCache {
  readonly entries = new Map<string, Entry>();

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    const entry = this.entries.get(keyOf(request));
    return entry && new Response(entry.body.slice(), { status: entry.status, headers: entry.headers });
  }

  async put(request: RequestInfo | URL, response: Response): Promise<void> {
    if (response.status === 206)
      throw new TypeError("Failed to execute 'put' on 'Cache': Partial response (status code 206) is unsupported");
    const body = new Uint8Array(await response.arrayBuffer());
    this.entries.set(keyOf(request), { body, status: response.status, headers: [...response.headers] });
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

export class FakeCacheStorage {
  readonly stores = new Map<string, FakeCache>();

  async open(name: string): Promise<FakeCache> {
    let cache = this.stores.get(name);
    if (!cache) this.stores.set(name, (cache = new FakeCache()));
    return cache;
  }

  async has(name: string): Promise<boolean> {
    return this.stores.has(name);
  }

  async delete(name: string): Promise<boolean> {
    return this.stores.delete(name);
  }

  async keys(): Promise<string[]> {
    return [...this.stores.keys()];
  }

  async match(request: RequestInfo | URL): Promise<Response | undefined> {
    for (const cache of this.stores.values()) {
      const hit = await cache.match(request);
      if (hit) return hit;
    }
    return undefined;
  }

  /** As the browser's type, for code that takes a CacheStorage. */
  get api(): CacheStorage {
    return this as unknown as CacheStorage;
  }
}

export class FakeLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  readonly held: string[] = [];

  request<T>(name: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(name) ?? Promise.resolve();
    const run = before.then(async () => {
      this.held.push(name);
      try {
        return await work();
      } finally {
        this.held.splice(this.held.indexOf(name), 1);
      }
    });
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }

  get api(): LockManager {
    return this as unknown as LockManager;
  }
}
