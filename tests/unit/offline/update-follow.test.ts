/** When the page says a new version waits: whether it was installing before the page looked or after. */
import { describe, expect, it } from 'vitest';
import { followUpdates, type RegistrationLike, type WorkerLike } from '../../../src/lib/offline/update-follow';

class FakeWorker extends EventTarget implements WorkerLike {
  state = 'installing';
}

/** A registration whose versions move the way a browser moves them, one event at a time. */
class FakeRegistration extends EventTarget implements RegistrationLike {
  installing: FakeWorker | null = null;
  waiting: FakeWorker | null = null;

  /** A new version is found and starts installing (the browser fires `updatefound`). */
  find(): FakeWorker {
    const worker = new FakeWorker();
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
    return worker;
  }

  /** The installing version has installed and waits. */
  install(worker: FakeWorker): void {
    this.installing = null;
    this.waiting = worker;
    worker.state = 'installed';
    worker.dispatchEvent(new Event('statechange'));
  }
}

function follow(registration: FakeRegistration, controlled = true): { calls: number } {
  const seen = { calls: 0 };
  followUpdates(
    registration,
    () => controlled,
    () => (seen.calls += 1),
  );
  return seen;
}

describe('followUpdates', () => {
  it('says so when a version already waits', () => {
    const registration = new FakeRegistration();
    registration.waiting = new FakeWorker();
    expect(follow(registration).calls).toBe(1);
  });

  it('says so when a version found after the page started watching installs', () => {
    const registration = new FakeRegistration();
    const seen = follow(registration);
    const worker = registration.find();
    expect(seen.calls).toBe(0);
    registration.install(worker);
    expect(seen.calls).toBe(1);
  });

  it('says so when a version was already installing before the page started watching', () => {
    // The navigation's own update check found it: its `updatefound` has come and gone.
    const registration = new FakeRegistration();
    const worker = registration.find();
    const seen = follow(registration);
    expect(seen.calls).toBe(0);
    registration.install(worker);
    expect(seen.calls).toBe(1);
  });

  it('says nothing for the first version, which takes over at once', () => {
    const registration = new FakeRegistration();
    const seen = follow(registration, false);
    registration.install(registration.find());
    expect(seen.calls).toBe(0);
  });

  it('says nothing for a version that fails to install', () => {
    const registration = new FakeRegistration();
    const seen = follow(registration);
    const worker = registration.find();
    registration.installing = null;
    worker.state = 'redundant';
    worker.dispatchEvent(new Event('statechange'));
    expect(seen.calls).toBe(0);
  });
});
