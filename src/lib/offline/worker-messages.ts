/** Messages between the page and the service worker. */
export type WorkerRequest =
  /** Take over now (the evaluator chose to load the new version). */
  | { type: 'skip-waiting' }
  /** How much of this version is stored for offline use (answered on the message's port). */
  | { type: 'status' };

export interface WorkerStatus {
  type: 'status';
  version: string;
  /** Files of this version in the cache, and how many there are to store. */
  stored: number;
  expected: number;
}

export type WorkerReply = WorkerStatus;
