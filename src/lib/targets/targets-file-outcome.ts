/** What a targets file chosen on the Data page came to, for the page to say. */
import type { TargetProblem } from '../ingest/targets-file';

export interface TargetsFileOutcome {
  readonly name: string;
  /** Stored with the active data, waiting for the data loaded next, or not readable at all. */
  readonly state: 'stored' | 'pending' | 'unreadable';
  /** Targets read. */
  readonly count: number;
  /** Targets the file replaced. */
  readonly replaced: number;
  readonly problems: readonly TargetProblem[];
}
