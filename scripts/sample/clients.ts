/**
 * One client: who and where it is, its cohort and enrolment day, its mentors, and the
 * hidden traits (dropout, near the size-class ceiling, …) the sessions and outcomes use.
 */
import { REGIONS } from '../../src/lib/domain/regions';
import type { Programme } from '../../src/lib/domain/schema';
import { businessName, koperasiProfile, pickBusinessType, pickSector, type Sector } from './businesses';
import {
  COHORTS,
  DROPOUT_SHARE,
  EFFECTS,
  ENROLMENT_SPREAD_DAYS,
  INCOMPLETE_SHARE,
  KOPERASI_SHARE,
  MISSING_GENDER_SHARE,
  REGION_WEIGHTS,
  SECOND_MENTOR_SHARE,
  UMKM_FEMALE_SHARE,
  type Cohort,
} from './config';
import { dayNumber, isoDate } from './dates';
import type { Mentor } from './mentors';
import { nickname, personName, phoneNumber } from './names';
import type { Rng } from './prng';

export type ClientRow = {
  client_id: string;
  client_name: string;
  owner_name: string;
  phone: string | null;
  entity_type: 'umkm' | 'koperasi';
  owner_gender: 'L' | 'P' | null;
  region_code: string;
  cohort: string;
  programme: Programme;
  sector: Sector;
  business_type: string;
  enrolled_on: string;
};

export interface Client {
  readonly row: ClientRow;
  readonly enrolDay: number;
  readonly cohort: Cohort;
  readonly mainMentor: Mentor;
  readonly secondMentor: Mentor | null;
  /** Leaves mentoring early: no endline. */
  readonly dropout: boolean;
  /** Never reaches evaluasi_refleksi / pelaporan. */
  readonly incomplete: boolean;
  /** Placed just under the mikro ceiling at baseline, by revenue or by capital. */
  readonly nearCeiling: 'revenue' | 'capital' | null;
  /** Crosses the mikro ceiling by endline (only near-ceiling clients do). */
  readonly movesUp: boolean;
}

const REGION_CODES_BY_WEIGHT = REGIONS.map((r) => r.code);
const REGION_WEIGHT_LIST = REGION_CODES_BY_WEIGHT.map((c) => REGION_WEIGHTS[c]);

/** Cohort of the i-th of n clients: contiguous blocks by cohort share, so ids follow batches. */
export function cohortOf(index: number, total: number): Cohort {
  let cumulative = 0;
  for (const cohort of COHORTS) {
    cumulative += cohort.share;
    if (index < Math.round(cumulative * total)) return cohort;
  }
  return COHORTS[COHORTS.length - 1];
}

function pickMentor(rng: Rng, mentors: readonly Mentor[], except: Mentor | null): Mentor {
  const options = except ? mentors.filter((m) => m !== except) : mentors;
  return rng.weighted(
    options,
    options.map((m) => m.capacity),
  );
}

const GOLDEN = 0.6180339887498949;

/** The k-th point of the golden-ratio sequence: evenly spread in [0, 1), so shares come out exact. */
function lowDiscrepancy(offset: number, k: number): number {
  const x = offset + k * GOLDEN;
  return x - Math.floor(x);
}

export function makeClient(
  rng: Rng,
  moveUpOffset: number,
  index: number,
  total: number,
  idWidth: number,
  mentorsInRegion: ReadonlyMap<string, Mentor[]>,
): Client {
  const cohort = cohortOf(index, total);
  const regionCode = rng.weighted(REGION_CODES_BY_WEIGHT, REGION_WEIGHT_LIST);
  const region = REGIONS.find((r) => r.code === regionCode)!;
  const enrolDay = dayNumber(cohort.start) + rng.int(0, ENROLMENT_SPREAD_DAYS);

  const regionMentors = mentorsInRegion.get(regionCode) ?? [];
  if (regionMentors.length === 0) throw new Error(`no mentor in region ${regionCode}`);
  const mainMentor = pickMentor(rng, regionMentors, null);
  const secondMentor = regionMentors.length > 1 && rng.chance(SECOND_MENTOR_SHARE) ? pickMentor(rng, regionMentors, mainMentor) : null;

  const isKoperasi = rng.chance(KOPERASI_SHARE);
  const ownerGender: 'L' | 'P' = rng.chance(UMKM_FEMALE_SHARE) ? 'P' : 'L';
  const ownerName = personName(rng, regionCode, ownerGender);
  let clientName: string;
  let sector: Sector;
  let businessType: string;
  if (isKoperasi) {
    const profile = koperasiProfile(rng, regionCode, region.island);
    clientName = profile.name;
    sector = profile.sector;
    businessType = profile.businessType;
  } else {
    sector = pickSector(rng);
    const type = pickBusinessType(rng, sector, regionCode);
    clientName = businessName(rng, type, regionCode, region.island, nickname(rng, ownerName, ownerGender));
    businessType = type.type;
  }

  const dropout = rng.chance(DROPOUT_SHARE);
  const incomplete = dropout || rng.chance((INCOMPLETE_SHARE - DROPOUT_SHARE) / (1 - DROPOUT_SHARE));
  const near = EFFECTS.naikKelas;
  const isNear = index % near.nearCeilingEvery === near.nearCeilingEvery - 1;
  const nearCeiling = isNear ? (rng.chance(near.byRevenueShare) ? 'revenue' : 'capital') : null;
  const movesUp = isNear && lowDiscrepancy(moveUpOffset, Math.floor(index / near.nearCeilingEvery)) < (near.moveUpShare[cohort.code] ?? 0);

  return {
    row: {
      client_id: `K${String(index + 1).padStart(idWidth, '0')}`,
      client_name: clientName,
      owner_name: ownerName,
      phone: rng.chance(0.95) ? phoneNumber(rng) : null,
      entity_type: isKoperasi ? 'koperasi' : 'umkm',
      owner_gender: isKoperasi || rng.chance(MISSING_GENDER_SHARE) ? null : ownerGender,
      region_code: regionCode,
      cohort: cohort.code,
      programme: mainMentor.programme,
      sector,
      business_type: businessType,
      enrolled_on: isoDate(enrolDay),
    },
    enrolDay,
    cohort,
    mainMentor,
    secondMentor,
    dropout,
    incomplete,
    nearCeiling,
    movesUp,
  };
}
