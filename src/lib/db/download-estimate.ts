/**
 * How long a download still needs, from how fast it went so far — for the engine download
 * on a first visit (engine-download.ts). Pure, so it is tested without a network.
 */

export interface DownloadProgress {
  /** Bytes received (decoded: what the file holds, whatever the host's compression). */
  loaded: number;
  /** The file's size in bytes (0 when unknown). */
  total: number;
  /** `performance.now()` when the first bytes arrived, and now. */
  startedAt: number;
  now: number;
  /** Read from this device's cache instead of the network. */
  fromDevice: boolean;
}

/** Too early to say: the first second of a download says little about its speed. */
const MIN_ELAPSED_MS = 1000;

/**
 * Seconds left at the average speed since the download started, or null while there is not
 * enough to go on (under a second, nothing received, the size unknown) or nothing is left.
 */
export function secondsLeft(p: DownloadProgress): number | null {
  const elapsed = p.now - p.startedAt;
  if (p.fromDevice || p.total <= 0 || p.loaded <= 0 || p.loaded >= p.total || elapsed < MIN_ELAPSED_MS) return null;
  const bytesPerMs = p.loaded / elapsed;
  return (p.total - p.loaded) / bytesPerMs / 1000;
}

/**
 * A figure that does not flicker: seconds in steps of 5 up to a minute, then whole minutes.
 * `{ unit: 'seconds', value: 5 }` also stands for "a few seconds".
 */
export function roundedTimeLeft(seconds: number): { unit: 'seconds' | 'minutes'; value: number } {
  if (seconds < 57.5) return { unit: 'seconds', value: Math.max(5, Math.round(seconds / 5) * 5) };
  return { unit: 'minutes', value: Math.max(1, Math.round(seconds / 60)) };
}

/** The share received, 0 to 1 (0 when the size is unknown). */
export function fractionLoaded(p: Pick<DownloadProgress, 'loaded' | 'total'>): number {
  return p.total > 0 ? Math.min(1, p.loaded / p.total) : 0;
}
