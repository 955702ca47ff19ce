/**
 * The built-in sample's fingerprint without loading it: the build publishes it in the
 * remote copy's manifest (remote/sample/manifest.json), fetched from the site itself.
 */
import { asset } from '$app/paths';

let cached: Promise<string | null> | null = null;

export function sampleFingerprint(): Promise<string | null> {
  cached ??= fetch(asset('/remote/sample/manifest.json'))
    .then((r) => (r.ok ? r.json() : null))
    .then((m: unknown) => {
      const fp = (m as { fingerprint?: unknown } | null)?.fingerprint;
      return typeof fp === 'string' ? fp : null;
    })
    .catch(() => null);
  return cached;
}
