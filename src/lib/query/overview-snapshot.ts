/**
 * The format of `sample-overview.json`: the built-in sample's Overview computed at build
 * time (scripts/build-sample-overview.ts), shown while the engine starts (see
 * state/sample-overview.ts).
 */
import type { OverviewPageData } from './overview-page';

export const SAMPLE_OVERVIEW_FILE = 'sample-overview.json';
export const SAMPLE_OVERVIEW_VERSION = 3;

export interface SampleOverview {
  version: number;
  /** Content fingerprint of the sample the numbers were computed from. */
  fingerprint: string;
  data: OverviewPageData;
  /** "What the data says" on the sample, in both languages (findings/sentences.ts). */
  findings?: { id: string[]; en: string[] };
}

/** The snapshot if `json` is one of this version, else null. */
export function parseSampleOverview(json: unknown): SampleOverview | null {
  const snapshot = json as Partial<SampleOverview> | null;
  const data = snapshot?.data;
  const valid =
    snapshot?.version === SAMPLE_OVERVIEW_VERSION &&
    typeof snapshot.fingerprint === 'string' &&
    data != null &&
    typeof data.kpis?.clients === 'number' &&
    Array.isArray(data.functions) &&
    Array.isArray(data.byFunction) &&
    Array.isArray(data.byRegion);
  return valid ? (snapshot as SampleOverview) : null;
}
