/**
 * A client's baseline, midline and endline measurements. Growth, formalisation, digital
 * sales and naik kelas follow the planted effects in config.ts (EFFECTS).
 */
import { MARKET_REACH, type Measurement, type SizeClass } from '../../src/lib/domain/schema';
import { ANNUAL_SALES_BOUNDS, CAPITAL_BOUNDS, classifySize } from '../../src/lib/domain/size-class';
import type { Client } from './clients';
import { BASELINE_RATES, EFFECTS, MONEY_MISSING_SHARE, REVENUE_MEDIAN_KOPERASI, REVENUE_MEDIAN_UMKM, REVENUE_SIGMA } from './config';
import { SECTOR_REVENUE } from './businesses';
import { isoDate } from './dates';
import type { Rng } from './prng';
import type { Exposure } from './sessions';
import type { Timeline } from './timeline';

type MarketReach = (typeof MARKET_REACH)[number];

export type OutcomeRow = {
  client_id: string;
  measurement: Measurement;
  measured_on: string;
  monthly_revenue: number | null;
  assets: number | null;
  employees: number | null;
  size_class: SizeClass | null;
  has_nib: boolean | null;
  has_halal: boolean | null;
  has_kur: boolean | null;
  keeps_books: boolean | null;
  sells_online: boolean | null;
  market_reach: MarketReach | null;
  still_operating: boolean | null;
};

/** Highest monthly revenue and capital that are still mikro. */
const MIKRO_MONTHLY_REVENUE = Math.floor(ANNUAL_SALES_BOUNDS[0][1] / 12 / 1000) * 1000;
const MIKRO_CAPITAL = CAPITAL_BOUNDS[0][1];
const NATURAL_REVENUE_CAP = 158_000_000;
const NATURAL_CAPITAL_CAP = 940_000_000;

interface State {
  revenue: number;
  assets: number;
  employees: number;
  nib: boolean;
  halal: boolean;
  kur: boolean;
  books: boolean;
  online: boolean;
  reach: number;
}

const thousands = (x: number): number => Math.round(x / 1000) * 1000;

function baselineState(rng: Rng, client: Client): State {
  const koperasi = client.row.entity_type === 'koperasi';
  const median = (koperasi ? REVENUE_MEDIAN_KOPERASI : REVENUE_MEDIAN_UMKM) * SECTOR_REVENUE[client.row.sector];
  let revenue = rng.logNormal(median, REVENUE_SIGMA);
  for (let tries = 0; revenue > NATURAL_REVENUE_CAP && tries < 5; tries++) revenue = rng.logNormal(median, REVENUE_SIGMA);
  revenue = Math.min(revenue, NATURAL_REVENUE_CAP);
  let assets = Math.min(NATURAL_CAPITAL_CAP, revenue * rng.logNormal(koperasi ? 7 : 3.5, 0.7));
  if (koperasi && rng.chance(0.04)) assets = rng.uniform(1.1, 2.8) * MIKRO_CAPITAL; // a few savings co-ops are already kecil
  if (client.nearCeiling === 'revenue') revenue = rng.uniform(0.7, 0.96) * MIKRO_MONTHLY_REVENUE;
  if (client.nearCeiling === 'capital') {
    assets = rng.uniform(0.72, 0.975) * MIKRO_CAPITAL;
    revenue = Math.max(revenue, rng.logNormal(25_000_000, 0.5));
  }
  revenue = Math.min(thousands(revenue), MIKRO_MONTHLY_REVENUE);
  const employees = Math.round(1 + Math.pow(revenue / 10_000_000, 0.8) * rng.logNormal(1.2, 0.5)) + (koperasi ? 2 : 0);
  const reachWeights = [50, 25, 15, 8, ['kerajinan', 'perikanan', 'pertanian'].includes(client.row.sector) ? 3 : 0.5];
  return {
    revenue,
    assets: thousands(assets),
    employees: Math.min(30, Math.max(1, employees)),
    nib: rng.chance(BASELINE_RATES.has_nib),
    halal: rng.chance(client.row.sector === 'kuliner' ? BASELINE_RATES.has_halal_kuliner : BASELINE_RATES.has_halal_other),
    kur: rng.chance(BASELINE_RATES.has_kur),
    books: rng.chance(BASELINE_RATES.keeps_books),
    online: rng.chance(BASELINE_RATES.sells_online),
    reach: rng.weightedIndex(reachWeights),
  };
}

/** Log revenue growth from baseline to endline: the educate + facilitate effect plus noise. */
function logGrowth(rng: Rng, exposure: Exposure): number {
  const g = EFFECTS.growth;
  const dose = Math.min(exposure.byFunction.educate, g.cap) + Math.min(exposure.byFunction.facilitate, g.cap);
  return g.base + g.perSession * dose + g.noiseSigma * rng.normal();
}

/** The state `fraction` of the way from baseline to endline (0.5 = midline). */
function advance(rng: Rng, base: State, end: State, fraction: number): State {
  const step = (from: boolean, to: boolean): boolean => from || (to && rng.chance(fraction));
  return {
    revenue: thousands(base.revenue * Math.pow(end.revenue / Math.max(1, base.revenue), fraction) * rng.logNormal(1, 0.08)),
    assets: thousands(base.assets * Math.pow(end.assets / Math.max(1, base.assets), fraction)),
    employees: Math.round(base.employees + (end.employees - base.employees) * fraction),
    nib: step(base.nib, end.nib),
    halal: step(base.halal, end.halal),
    kur: step(base.kur, end.kur),
    books: step(base.books, end.books),
    online: step(base.online, end.online),
    reach: base.reach + (end.reach > base.reach && rng.chance(fraction) ? 1 : 0),
  };
}

function endlineState(rng: Rng, client: Client, base: State, exposure: Exposure): State {
  const growth = logGrowth(rng, exposure);
  const nib = EFFECTS.nib;
  const online = EFFECTS.online;
  const facilitated = exposure.byFunction.facilitate >= nib.threshold;
  const itSupported = exposure.byArea.teknologi_informasi >= online.threshold;
  const startsOnline = !base.online && rng.chance(itSupported ? online.gainIfIt : online.gainOtherwise);
  return {
    revenue: thousands(base.revenue * Math.exp(growth)),
    assets: thousands(base.assets * Math.exp(0.05 + 0.5 * (growth - EFFECTS.growth.base) + 0.12 * rng.normal())),
    employees: Math.min(30, Math.max(1, Math.round(base.employees * Math.exp(0.5 * growth + 0.2 * rng.normal())))),
    nib: base.nib || rng.chance(facilitated ? nib.gainIfFacilitated : nib.gainOtherwise),
    halal: base.halal || rng.chance(client.row.sector === 'kuliner' ? 0.08 : 0.015),
    kur: base.kur || rng.chance(0.06),
    books: base.books || rng.chance(0.12),
    online: base.online || startsOnline,
    reach: Math.min(MARKET_REACH.length - 1, base.reach + (rng.chance(startsOnline ? 0.3 : 0.1) ? 1 : 0)),
  };
}

/**
 * Naik kelas is planted, not left to chance: a client near the mikro ceiling crosses it at
 * endline with its cohort's probability; every other mikro client stays mikro.
 */
function applyNaikKelas(rng: Rng, client: Client, base: State, mid: State | null, end: State): void {
  if (classifySize(base.revenue * 12, base.assets) !== 'mikro') return;
  const moves = client.movesUp;
  if (moves && client.nearCeiling === 'revenue')
    end.revenue = Math.max(end.revenue, thousands(MIKRO_MONTHLY_REVENUE * rng.uniform(1.02, 1.25)));
  if (moves && client.nearCeiling === 'capital') end.assets = Math.max(end.assets, thousands(MIKRO_CAPITAL * rng.uniform(1.02, 1.3)));
  const keepMikro = (s: State): void => {
    s.revenue = Math.min(s.revenue, MIKRO_MONTHLY_REVENUE);
    s.assets = Math.min(s.assets, MIKRO_CAPITAL - 5_000_000);
  };
  if (!moves) keepMikro(end);
  if (mid && !(moves && rng.chance(0.4))) keepMikro(mid);
}

function row(rng: Rng, client: Client, measurement: Measurement, day: number, s: State, operating: boolean): OutcomeRow {
  const money = (x: number): number | null => (rng.chance(MONEY_MISSING_SHARE) ? null : x);
  const revenue = operating ? money(s.revenue) : rng.chance(1 / 3) ? 0 : null;
  const assets = money(s.assets);
  const flag = (b: boolean): boolean | null => (rng.chance(0.005) ? null : b);
  return {
    client_id: client.row.client_id,
    measurement,
    measured_on: isoDate(client.enrolDay + day),
    monthly_revenue: revenue,
    assets,
    employees: operating ? s.employees : null,
    size_class: classifySize(revenue == null ? null : revenue * 12, assets),
    has_nib: flag(s.nib),
    has_halal: flag(s.halal),
    has_kur: flag(s.kur),
    keeps_books: flag(s.books),
    sells_online: flag(s.online),
    market_reach: rng.chance(0.01) ? null : MARKET_REACH[s.reach],
    still_operating: operating,
  };
}

export function makeOutcomes(rng: Rng, client: Client, timeline: Timeline, exposure: Exposure, emit: (row: OutcomeRow) => void): void {
  const base = baselineState(rng, client);
  const end = endlineState(rng, client, base, exposure);
  const mid = timeline.midline === null ? null : advance(rng, base, end, 0.5);
  applyNaikKelas(rng, client, base, mid, end);
  // A handful of operating businesses report a month without sales (failed harvest, closed for repairs).
  const slump = (s: State): State => (rng.chance(0.002) ? { ...s, revenue: 0 } : s);

  emit(row(rng, client, 'baseline', timeline.baseline, base, true));
  if (mid && timeline.midline !== null) {
    const closed = client.dropout && rng.chance(0.6);
    emit(row(rng, client, 'midline', timeline.midline, slump(mid), !closed));
  }
  if (timeline.endline !== null) emit(row(rng, client, 'endline', timeline.endline, slump(end), true));
}
