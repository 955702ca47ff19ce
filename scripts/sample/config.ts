/**
 * The shape of the sample: shares, calendars and the sizes of the planted effects.
 * Codes come from src/lib/domain; this file only holds the sample's own parameters.
 * data/README.md ("Planted effects") documents the effect sizes set here.
 */
import type { Programme } from '../../src/lib/domain/schema';

export const DEFAULT_SEED = 20261122;
export const DEFAULT_CLIENTS = 1500;
/** Clients per mentor in a normally covered region; mentors scale with clients. */
export const CLIENTS_PER_MENTOR = 30;
/** Average sessions per client in the default sample, used to turn a session target into clients. */
export const SESSIONS_PER_CLIENT = 17;
/** Every date in the sample falls before this day. */
export const LAST_DAY_EXCLUSIVE = '2026-11-01';

/** Relative number of mentored clients per region (BPS code), roughly by population. */
export const REGION_WEIGHTS: Readonly<Record<string, number>> = {
  '5203': 19, // Lombok Timur
  '5202': 15, // Lombok Tengah
  '5201': 12, // Lombok Barat
  '5271': 11, // Kota Mataram
  '5204': 9, // Sumbawa
  '5206': 9, // Bima
  '5205': 6, // Dompu
  '5208': 5, // Lombok Utara
  '5272': 5, // Kota Bima
  '5207': 4, // Sumbawa Barat
};

export interface Cohort {
  readonly code: string;
  /** First day of mentoring for the batch; clients enrol over the following weeks. */
  readonly start: string;
  readonly share: number;
}

export const COHORTS: readonly Cohort[] = [
  { code: '2024-A', start: '2024-03-04', share: 0.23 },
  { code: '2024-B', start: '2024-09-02', share: 0.25 },
  { code: '2025-A', start: '2025-03-03', share: 0.26 },
  { code: '2025-B', start: '2025-09-01', share: 0.26 },
];
/** Enrolment is spread over this many days from the cohort start. */
export const ENROLMENT_SPREAD_DAYS = 28;

export const PROGRAMME_SHARES: Readonly<Record<Programme, number>> = {
  pendamping_kumkm: 0.44,
  ppkl: 0.26,
  bds: 0.18,
  konsultan_plut: 0.12,
};

export const KOPERASI_SHARE = 0.15;
export const UMKM_FEMALE_SHARE = 0.55;
export const MISSING_GENDER_SHARE = 0.01;
export const SECOND_MENTOR_SHARE = 0.1;

/** Median sessions planned per client before regional and mentor factors (log-normal). */
export const SESSIONS_MEDIAN = 16.6;
export const SESSIONS_SIGMA = 0.33;
export const SESSIONS_MIN = 5;
export const SESSIONS_MAX = 35;

/** Clients who never reach evaluasi_refleksi / pelaporan (dropouts included). */
export const INCOMPLETE_SHARE = 0.08;
/** Dropouts: no endline measurement. */
export const DROPOUT_SHARE = 0.04;
/** Non-dropouts without a midline measurement. */
export const MIDLINE_MISSING_SHARE = 0.04;
export const MONEY_MISSING_SHARE = 0.03;
export const DURATION_MISSING_SHARE = 0.03;

/** Baseline monthly revenue: log-normal, median in rupiah. */
export const REVENUE_MEDIAN_UMKM = 9_500_000;
export const REVENUE_MEDIAN_KOPERASI = 13_500_000;
export const REVENUE_SIGMA = 0.9;

export const BASELINE_RATES = {
  has_nib: 0.35,
  has_halal_kuliner: 0.34,
  has_halal_other: 0.07,
  has_kur: 0.2,
  keeps_books: 0.3,
  sells_online: 0.25,
} as const;

/** The planted effects. Sizes here are the generating parameters; README gives measured sizes. */
export const EFFECTS = {
  /** Revenue growth (log ratio) = GROWTH_BASE + GROWTH_PER_SESSION × (min(educate, cap) + min(facilitate, cap)) + noise. */
  growth: {
    base: Math.log(1.125),
    perSession: 0.019,
    cap: 8,
    noiseSigma: 0.22,
  },
  /**
   * Naik kelas: every `nearCeilingEvery`-th client starts just below the mikro ceiling (by
   * revenue or by capital); a cohort's share of them that cross it by endline is set exactly
   * (a low-discrepancy sequence, not coin flips), so cohort rates do not wobble with the seed.
   */
  naikKelas: {
    nearCeilingEvery: 10,
    /** Of the near-ceiling clients, the share who are near by revenue (the rest by capital). */
    byRevenueShare: 0.3,
    moveUpShare: { '2024-A': 0.25, '2024-B': 0.25, '2025-A': 0.75, '2025-B': 0.25 } as Readonly<Record<string, number>>,
  },
  /** Thin coverage: session factor and mentor factor for Sumbawa Barat. */
  thinCoverage: { region: '5207', sessionFactor: 0.6, mentorFactor: 0.5 },
  /** Chance that a client without an NIB gets one by endline. */
  nib: { threshold: 3, gainIfFacilitated: 0.32, gainOtherwise: 0.08 },
  /** Chance that a client not selling online starts by endline. */
  online: { threshold: 2, gainIfIt: 0.6, gainOtherwise: 0.08 },
} as const;
