/**
 * The exposed − not exposed intervals of a function view off the main thread: at 1M sessions
 * the exact bootstrap of nine or ten median differences takes ≈ 20–40 ms, which the page
 * would otherwise spend before it can draw. The worker runs the same pure function the page
 * and the unit tests run.
 */
import { difference, type Difference, type DifferencePair } from './exposure-differences';
import type { Statistic } from '../query/measures';
import { errorMessage } from '../domain/error-text';

export interface DifferencesRequest {
  id: number;
  statistic: Statistic;
  pairs: DifferencePair[];
}

export interface DifferencesReply {
  id: number;
  differences?: [string, Difference][];
  error?: string;
}

// The DOM typings know `self` as a window; in a dedicated worker it is this.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<DifferencesRequest>) => void) | null;
  postMessage(message: DifferencesReply): void;
};

scope.onmessage = (event) => {
  const { id, statistic, pairs } = event.data;
  try {
    scope.postMessage({ id, differences: pairs.map((p) => [p.group, difference(p.exposed, p.rest, statistic)]) });
  } catch (error) {
    scope.postMessage({ id, error: errorMessage(error) });
  }
};
