/**
 * The built-in sample's Overview as computed when the site was built (with the same engine
 * and the same queries as the page), so a first visit shows numbers and charts at once
 * instead of after the ~1.5 s DuckDB start. The page shows it only while the sample is
 * loading and only when the sample is what will load; once the engine is ready the page
 * queries live (an end-to-end test checks the numbers are equal).
 */
import { asset } from '$app/paths';
import { parseSampleOverview, SAMPLE_OVERVIEW_FILE, type SampleOverview } from '../query/overview-snapshot';

let cached: Promise<SampleOverview | null> | null = null;

/** The snapshot, or null when the site has none (e.g. `vite dev`) or it is unreadable. */
export function sampleOverview(): Promise<SampleOverview | null> {
  cached ??= fetch(asset(`/${SAMPLE_OVERVIEW_FILE}`))
    .then((r) => (r.ok ? r.json() : null))
    .then(parseSampleOverview)
    .catch(() => null);
  return cached;
}
