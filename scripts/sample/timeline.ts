/**
 * A client's calendar, in days after enrolment: when each measurement happens (or does
 * not) and the window of each mentoring stage.
 */
import { MIDLINE_MISSING_SHARE } from './config';
import type { Client } from './clients';
import type { Rng } from './prng';

export interface Timeline {
  readonly baseline: number;
  readonly midline: number | null;
  readonly endline: number | null;
  /** Last day of pendampingan sessions. */
  readonly mentoringEnd: number;
  /** Evaluation and reporting windows; null when the client never gets there. */
  readonly evaluation: readonly [number, number] | null;
  readonly reporting: readonly [number, number] | null;
  /** Share of the full programme the client stayed for (1 for everyone but dropouts). */
  readonly stayed: number;
}

export function makeTimeline(rng: Rng, client: Client): Timeline {
  const baseline = rng.int(0, 10);
  const midlineDay = 182 + rng.int(-10, 14);
  const endline = 365 + rng.int(0, 21);
  if (client.dropout) {
    const keepsMidline = rng.chance(0.75);
    const leaves = keepsMidline ? midlineDay + rng.int(5, 60) : rng.int(100, 170);
    return {
      baseline,
      midline: keepsMidline ? midlineDay : null,
      endline: null,
      mentoringEnd: leaves,
      evaluation: null,
      reporting: null,
      stayed: leaves / 330,
    };
  }
  const midline = rng.chance(MIDLINE_MISSING_SHARE) ? null : midlineDay;
  if (client.incomplete) {
    const stops = rng.int(230, 330);
    return { baseline, midline, endline, mentoringEnd: stops, evaluation: null, reporting: null, stayed: stops / 330 };
  }
  return {
    baseline,
    midline,
    endline,
    mentoringEnd: 320,
    evaluation: [328, 352],
    reporting: [endline - 12, endline - 1],
    stayed: 1,
  };
}
