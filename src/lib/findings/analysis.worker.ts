/**
 * The Findings statistics off the main thread: at 1M sessions the design matrix, the
 * regressions and the intervals take ≈ 0.3–0.6 s, which would freeze the page. The worker
 * runs the same pure function the unit tests run in Node.
 */
import { analyseFindings, type FindingsOptions } from './analyse';
import type { FindingsData } from '../query/findings-data';
import { errorMessage } from '../domain/error-text';

export interface AnalysisRequest {
  id: number;
  data: FindingsData;
  options: FindingsOptions;
}

// The DOM typings know `self` as a window; in a dedicated worker it is this.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: unknown): void;
};

scope.onmessage = (event) => {
  const { id, data, options } = event.data;
  try {
    const started = performance.now();
    const result = analyseFindings(data, options);
    scope.postMessage({ id, result, ms: performance.now() - started });
  } catch (error) {
    scope.postMessage({ id, error: errorMessage(error) });
  }
};
