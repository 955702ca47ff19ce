/**
 * Mentors: how many per region (fewer per client where coverage is thin), their
 * programme, and a personal style — how often they educate, facilitate, advise, ….
 */
import { REGIONS } from '../../src/lib/domain/regions';
import { PROGRAMMES, type OfficialFunction, type Programme } from '../../src/lib/domain/schema';
import { apportion } from './apportion';
import { EFFECTS, PROGRAMME_SHARES, REGION_WEIGHTS } from './config';
import { dayNumber, isoDate } from './dates';
import { personName, phoneNumber } from './names';
import { Rng } from './prng';

/** Functions a mentor chooses among during the pendampingan stage. */
export const MENTORING_FUNCTIONS = [
  'guide',
  'correct',
  'advise',
  'mediate',
  'advocate',
  'facilitate',
  'educate',
  'supervise',
] as const satisfies readonly OfficialFunction[];
export type MentoringFunction = (typeof MENTORING_FUNCTIONS)[number];

type Style = Readonly<Record<MentoringFunction, number>>;

/** Three mentoring styles: teaching and brokering, advising and checking, a mix. */
const STYLES: readonly { readonly share: number; readonly weights: Style }[] = [
  {
    share: 0.35,
    weights: { educate: 3.2, facilitate: 3.0, guide: 1.2, advise: 0.8, correct: 0.7, supervise: 0.6, mediate: 0.25, advocate: 0.25 },
  },
  {
    share: 0.35,
    weights: { educate: 0.25, facilitate: 0.3, guide: 1.3, advise: 3.0, supervise: 2.6, correct: 1.2, mediate: 0.9, advocate: 0.8 },
  },
  {
    share: 0.3,
    weights: { educate: 1.3, facilitate: 1.3, guide: 1.4, advise: 1.4, supervise: 1.0, correct: 0.9, mediate: 0.6, advocate: 0.6 },
  },
];

export interface Mentor {
  readonly id: string;
  readonly name: string;
  readonly programme: Programme;
  readonly regionCode: string;
  readonly gender: 'L' | 'P';
  readonly phone: string | null;
  readonly activeSince: string;
  /** Weight of each pendampingan function in this mentor's sessions. */
  readonly functionWeights: readonly number[];
  /** Multiplies the number of sessions the mentor holds with each client. */
  readonly sessionFactor: number;
  /** Relative share of the region's clients the mentor takes on. */
  readonly capacity: number;
  /** Share of sessions held online or by phone. */
  readonly remoteShare: number;
}

export function mentorCount(clients: number, clientsPerMentor: number): number {
  return Math.max(REGIONS.length, Math.round(clients / clientsPerMentor));
}

export function buildMentors(seed: number, count: number): Mentor[] {
  const rng = new Rng(seed, 'mentors');
  const thin = EFFECTS.thinCoverage;
  const perRegion = apportion(
    count,
    REGIONS.map((r) => REGION_WEIGHTS[r.code] * (r.code === thin.region ? thin.mentorFactor : 1)),
    1,
  );
  const programmes = apportion(
    count,
    PROGRAMMES.map((p) => PROGRAMME_SHARES[p]),
  );
  const programmeSlots = rng.shuffle(PROGRAMMES.flatMap((p, i) => new Array<Programme>(programmes[i]).fill(p)));
  const width = Math.max(3, String(count).length);
  const firstDay = dayNumber('2013-01-01');
  const lastDay = dayNumber('2024-01-31');

  const mentors: Mentor[] = [];
  REGIONS.forEach((region, r) => {
    for (let k = 0; k < perRegion[r]; k++) {
      const n = mentors.length;
      const gender = rng.chance(0.45) ? 'P' : 'L';
      const style = rng.weighted(
        STYLES,
        STYLES.map((s) => s.share),
      ).weights;
      mentors.push({
        id: `P${String(n + 1).padStart(width, '0')}`,
        name: personName(rng, region.code, gender),
        programme: programmeSlots[n],
        regionCode: region.code,
        gender,
        phone: rng.chance(0.97) ? phoneNumber(rng) : null,
        activeSince: isoDate(rng.int(firstDay, lastDay)),
        functionWeights: MENTORING_FUNCTIONS.map((f) => style[f] * rng.logNormal(1, 0.3)),
        sessionFactor: rng.uniform(0.85, 1.15),
        capacity: rng.uniform(0.6, 1.4),
        remoteShare: rng.uniform(0.05, 0.35),
      });
    }
  });
  return mentors;
}

export function mentorsByRegion(mentors: readonly Mentor[]): Map<string, Mentor[]> {
  const map = new Map<string, Mentor[]>();
  for (const m of mentors) {
    const list = map.get(m.regionCode) ?? [];
    list.push(m);
    map.set(m.regionCode, list);
  }
  return map;
}
