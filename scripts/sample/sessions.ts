/**
 * A client's sessions: how many, on which days, in which stage, with which functions,
 * area, form, mode, duration and notes. Also counts the exposures the outcomes react to.
 */
import { OFFICIAL_FUNCTIONS, SUPPORT_AREAS, SUPPORT_FORMS, type OfficialFunction, type Stage } from '../../src/lib/domain/schema';
import type { Client } from './clients';
import { DURATION_MISSING_SHARE, EFFECTS, SESSIONS_MAX, SESSIONS_MEDIAN, SESSIONS_MIN, SESSIONS_SIGMA } from './config';
import { isoDate, weekday } from './dates';
import { MENTORING_FUNCTIONS, type Mentor } from './mentors';
import { noteFor } from './notes';
import type { Rng } from './prng';
import type { Timeline } from './timeline';

type SupportArea = (typeof SUPPORT_AREAS)[number];
type SupportForm = (typeof SUPPORT_FORMS)[number];

export type SessionRow = {
  session_id: string;
  session_date: string;
  mentor_id: string;
  client_id: string;
  stage: Stage;
  functions: string;
  support_area: SupportArea;
  support_form: SupportForm;
  mode: 'tatap_muka' | 'daring' | 'telepon';
  duration_hours: string | null;
  notes: string | null;
};

/** What the outcomes depend on: sessions per function and per area. */
export interface Exposure {
  readonly sessions: number;
  readonly byFunction: Readonly<Record<OfficialFunction, number>>;
  readonly byArea: Readonly<Record<SupportArea, number>>;
}

const BASE_AREA_WEIGHTS: Readonly<Record<SupportArea, number>> = {
  kelembagaan: 1,
  sdm: 0.8,
  produksi: 1.5,
  pembiayaan: 1.1,
  pemasaran: 2,
  teknologi_informasi: 0.75,
  jaringan_kerja_sama: 0.6,
};

const FUNCTION_ORDER = new Map<string, number>(OFFICIAL_FUNCTIONS.map((f, i) => [f, i]));

/** `count` distinct, increasing days in [from, to], one per equal slot, avoiding Sundays where possible. */
function spreadDays(rng: Rng, count: number, from: number, to: number, enrolDay: number): number[] {
  const span = Math.max(count, to - from + 1);
  const slot = span / count;
  const days: number[] = [];
  for (let k = 0; k < count; k++) {
    const lo = from + Math.ceil(k * slot);
    const hi = Math.max(lo, from + Math.ceil((k + 1) * slot) - 1);
    let day = rng.int(lo, hi);
    if (weekday(enrolDay + day) === 0) day = day + 1 <= hi ? day + 1 : day - 1 >= lo ? day - 1 : day;
    days.push(day);
  }
  return days;
}

/** Draws k distinct indices with probability proportional to weights. */
function drawDistinct(rng: Rng, weights: readonly number[], k: number): number[] {
  const w = weights.slice();
  const out: number[] = [];
  for (let n = 0; n < k; n++) {
    const i = rng.weightedIndex(w);
    out.push(i);
    w[i] = 0;
  }
  return out;
}

function functionsCell(functions: readonly OfficialFunction[]): string {
  return functions
    .slice()
    .sort((a, b) => FUNCTION_ORDER.get(a)! - FUNCTION_ORDER.get(b)!)
    .join('|');
}

export interface SessionContext {
  readonly rng: Rng;
  readonly client: Client;
  readonly timeline: Timeline;
  /** Hands out the next session id; ids run on across clients. */
  readonly newSessionId: () => string;
}

function plannedCount(ctx: SessionContext): number {
  const { rng, client } = ctx;
  const thin = EFFECTS.thinCoverage;
  const regionFactor = client.row.region_code === thin.region ? thin.sessionFactor : 1;
  const n = Math.round(rng.logNormal(SESSIONS_MEDIAN, SESSIONS_SIGMA) * client.mainMentor.sessionFactor * regionFactor);
  return Math.min(SESSIONS_MAX, Math.max(SESSIONS_MIN, n));
}

export function makeSessions(ctx: SessionContext, emit: (row: SessionRow) => void): Exposure {
  const { rng, client, timeline } = ctx;
  const planned = plannedCount(ctx);
  const complete = timeline.evaluation !== null;
  let observation = rng.chance(0.35) ? 2 : 1;
  let evaluation = complete ? (rng.chance(0.3) ? 2 : 1) : 0;
  const reporting = complete ? 1 : 0;
  let mentoring = planned - observation - evaluation - reporting;
  if (mentoring < 2) {
    observation = 1;
    evaluation = Math.min(evaluation, 1);
    mentoring = Math.max(2, planned - observation - evaluation - reporting);
  }
  if (!complete) mentoring = Math.max(SESSIONS_MIN - observation, Math.round(mentoring * Math.min(1, timeline.stayed)));

  // The client's own needs tilt the mentor's style and the areas worked on.
  const functionWeights = client.mainMentor.functionWeights.map((w) => w * rng.logNormal(1, 0.35));
  const secondWeights = client.secondMentor?.functionWeights.map((w) => w * rng.logNormal(1, 0.35)) ?? null;
  const areaWeights = SUPPORT_AREAS.map(
    (a) => BASE_AREA_WEIGHTS[a] * (a === 'kelembagaan' && client.row.entity_type === 'koperasi' ? 2.5 : 1) * rng.logNormal(1, 0.6),
  );

  const byFunction = Object.fromEntries(OFFICIAL_FUNCTIONS.map((f) => [f, 0])) as Record<OfficialFunction, number>;
  const byArea = Object.fromEntries(SUPPORT_AREAS.map((a) => [a, 0])) as Record<SupportArea, number>;
  let count = 0;

  const session = (day: number, stage: Stage): void => {
    const mentor: Mentor = stage === 'pendampingan' && client.secondMentor && rng.chance(0.3) ? client.secondMentor : client.mainMentor;
    const functions = pickFunctions(rng, stage, mentor === client.mainMentor ? functionWeights : (secondWeights ?? functionWeights));
    const area = pickArea(rng, stage, functions, areaWeights);
    const form = pickForm(rng, stage, functions, area);
    const mode = pickMode(rng, mentor, area, stage);
    for (const f of functions) byFunction[f]++;
    byArea[area]++;
    count++;
    emit({
      session_id: ctx.newSessionId(),
      session_date: isoDate(client.enrolDay + day),
      mentor_id: mentor.id,
      client_id: client.row.client_id,
      stage,
      functions: functionsCell(functions),
      support_area: area,
      support_form: form,
      mode,
      duration_hours: rng.chance(DURATION_MISSING_SHARE) ? null : duration(rng, stage, form, mode),
      notes: rng.chance(0.12) ? noteFor(rng, stage, area, client.row.entity_type) : null,
    });
  };

  const start = timeline.baseline;
  for (const d of spreadDays(rng, observation, start, start + 21, client.enrolDay)) session(d, 'observasi_awal');
  for (const d of spreadDays(rng, mentoring, start + 24, timeline.mentoringEnd, client.enrolDay)) session(d, 'pendampingan');
  if (timeline.evaluation) {
    for (const d of spreadDays(rng, evaluation, timeline.evaluation[0], timeline.evaluation[1], client.enrolDay))
      session(d, 'evaluasi_refleksi');
  }
  if (timeline.reporting) {
    for (const d of spreadDays(rng, reporting, timeline.reporting[0], timeline.reporting[1], client.enrolDay)) session(d, 'pelaporan');
  }
  return { sessions: count, byFunction, byArea };
}

const EXTRA_AT_OBSERVATION: readonly OfficialFunction[] = ['advise', 'guide'];
const EXTRA_AT_EVALUATION: readonly OfficialFunction[] = ['supervise', 'correct', 'advise', 'guide'];

function pickFunctions(rng: Rng, stage: Stage, weights: readonly number[]): OfficialFunction[] {
  switch (stage) {
    case 'observasi_awal':
      return rng.chance(0.35) ? ['observe', rng.pick(EXTRA_AT_OBSERVATION)] : ['observe'];
    case 'evaluasi_refleksi':
      return rng.chance(0.4) ? ['evaluate', rng.pick(EXTRA_AT_EVALUATION)] : ['evaluate'];
    case 'pelaporan':
      return rng.chance(0.2) ? ['report', 'evaluate'] : ['report'];
    case 'pendampingan': {
      const k = 1 + rng.weightedIndex([0.38, 0.42, 0.2]);
      return drawDistinct(rng, weights, k).map((i) => MENTORING_FUNCTIONS[i]);
    }
  }
}

function pickArea(rng: Rng, stage: Stage, functions: readonly OfficialFunction[], weights: readonly number[]): SupportArea {
  if (stage === 'pelaporan' && rng.chance(0.5)) return 'kelembagaan';
  if (functions.includes('facilitate')) {
    // Facilitation is mostly brokering finance and partners.
    return rng.weighted(
      SUPPORT_AREAS,
      weights.map((w, i) => (SUPPORT_AREAS[i] === 'pembiayaan' || SUPPORT_AREAS[i] === 'jaringan_kerja_sama' ? w * 1.8 : w)),
    );
  }
  return rng.weighted(SUPPORT_AREAS, weights);
}

function pickForm(rng: Rng, stage: Stage, functions: readonly OfficialFunction[], area: SupportArea): SupportForm {
  if (stage === 'observasi_awal' || stage === 'pelaporan') return rng.chance(0.8) ? 'mentoring' : 'konsultasi';
  const w: Record<SupportForm, number> = { mentoring: 5, konsultasi: 2.5, pelatihan: 1, jejaring: 0.6, akses_pasar: 0.6 };
  if (functions.includes('educate')) w.pelatihan *= 3;
  if (functions.includes('facilitate')) {
    w.jejaring *= 1.5;
    w.akses_pasar *= 1.5;
  }
  if (area === 'pemasaran') w.akses_pasar *= 4;
  if (area === 'jaringan_kerja_sama') w.jejaring *= 5;
  return rng.weighted(
    SUPPORT_FORMS,
    SUPPORT_FORMS.map((f) => w[f]),
  );
}

function pickMode(rng: Rng, mentor: Mentor, area: SupportArea, stage: Stage): SessionRow['mode'] {
  if (stage === 'observasi_awal') return 'tatap_muka';
  const remote = Math.min(0.8, mentor.remoteShare * (area === 'teknologi_informasi' ? 2 : 1));
  if (!rng.chance(remote)) return 'tatap_muka';
  return rng.chance(0.55) ? 'daring' : 'telepon';
}

function duration(rng: Rng, stage: Stage, form: SupportForm, mode: SessionRow['mode']): string {
  let median = stage === 'observasi_awal' ? 2 : stage === 'pelaporan' ? 1.2 : 1.5;
  if (form === 'pelatihan') median = 3;
  if (mode === 'telepon') median = 0.6;
  const hours = Math.min(4, Math.max(0.5, rng.logNormal(median, 0.35)));
  return (Math.round(hours * 10) / 10).toFixed(1);
}
