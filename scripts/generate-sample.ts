/**
 * Seeded, deterministic sample export (canonical format v1) for the Dampingan dashboard.
 *
 *   npx tsx scripts/generate-sample.ts [--out data/sample] [--seed 20261122]
 *                                      [--clients 1500] [--sessions-target 3000000]
 *
 * The same seed and sizes give byte-identical files. Rows are streamed to disk in
 * chunks, so millions of sessions fit in little memory. Planted effects: data/README.md.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeClient, type ClientRow } from './sample/clients';
import { CLIENTS_PER_MENTOR, DEFAULT_CLIENTS, DEFAULT_SEED, LAST_DAY_EXCLUSIVE, SESSIONS_PER_CLIENT } from './sample/config';
import { CsvWriter } from './sample/csv-writer';
import { buildMentors, mentorCount, mentorsByRegion } from './sample/mentors';
import { makeOutcomes, type OutcomeRow } from './sample/outcomes';
import { Rng } from './sample/prng';
import { makeSessions, type SessionRow } from './sample/sessions';
import { makeTimeline } from './sample/timeline';

export interface SampleOptions {
  /** Output folder; created when missing. */
  readonly out: string;
  readonly seed?: number;
  readonly clients?: number;
  /** Aim for about this many sessions: sets clients (≈17 sessions each) and mentors to match. */
  readonly sessionsTarget?: number;
}

export interface SampleSummary {
  readonly seed: number;
  readonly clients: number;
  readonly mentors: number;
  readonly sessions: number;
  readonly outcomes: number;
  readonly files: readonly string[];
}

export function clientsForSessions(sessionsTarget: number): number {
  return Math.max(1, Math.round(sessionsTarget / SESSIONS_PER_CLIENT));
}

export function generateSample(options: SampleOptions): SampleSummary {
  const seed = options.seed ?? DEFAULT_SEED;
  const clientCount =
    options.sessionsTarget !== undefined ? clientsForSessions(options.sessionsTarget) : (options.clients ?? DEFAULT_CLIENTS);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  if (!Number.isSafeInteger(clientCount) || clientCount < 1) throw new Error(`clients must be a positive integer, got ${clientCount}`);

  mkdirSync(options.out, { recursive: true });
  const files = ['mentors', 'clients', 'sessions', 'outcomes'].map((t) => join(options.out, `${t}.csv`));

  const mentors = buildMentors(seed, mentorCount(clientCount, CLIENTS_PER_MENTOR));
  const mentorWriter = new CsvWriter<Record<string, string | null>>(files[0], 'mentors');
  for (const m of mentors) {
    mentorWriter.write({
      mentor_id: m.id,
      mentor_name: m.name,
      programme: m.programme,
      region_code: m.regionCode,
      gender: m.gender,
      phone: m.phone,
      active_since: m.activeSince,
    });
  }
  mentorWriter.close();

  const clientWriter = new CsvWriter<ClientRow>(files[1], 'clients');
  const sessionWriter = new CsvWriter<SessionRow>(files[2], 'sessions');
  const outcomeWriter = new CsvWriter<OutcomeRow>(files[3], 'outcomes');
  const byRegion = mentorsByRegion(mentors);
  const clientIdWidth = Math.max(5, String(clientCount).length);
  // Sessions average ≈17 per client and never exceed 35.
  const sessionIdWidth = Math.max(7, String(clientCount * 35).length);
  // Every date must fall before LAST_DAY_EXCLUSIVE; ISO dates compare as strings.
  const emitSession = (row: SessionRow): void => {
    if (row.session_date >= LAST_DAY_EXCLUSIVE)
      throw new Error(`session ${row.session_id} on ${row.session_date}, after the sample window`);
    sessionWriter.write(row);
  };
  const emitOutcome = (row: OutcomeRow): void => {
    if (row.measured_on >= LAST_DAY_EXCLUSIVE)
      throw new Error(`${row.measurement} of ${row.client_id} on ${row.measured_on}, after the sample window`);
    outcomeWriter.write(row);
  };
  let sessionNumber = 0;
  const newSessionId = (): string => `S${String(++sessionNumber).padStart(sessionIdWidth, '0')}`;
  const moveUpOffset = new Rng(seed, 'naik-kelas').next();

  try {
    for (let i = 0; i < clientCount; i++) {
      // Each client draws from its own stream, so one client's details never shift another's.
      const rng = new Rng(seed, 'client', i);
      const client = makeClient(rng, moveUpOffset, i, clientCount, clientIdWidth, byRegion);
      clientWriter.write(client.row);
      const timeline = makeTimeline(rng, client);
      const exposure = makeSessions({ rng, client, timeline, newSessionId }, emitSession);
      makeOutcomes(rng, client, timeline, exposure, emitOutcome);
    }
  } finally {
    clientWriter.close();
    sessionWriter.close();
    outcomeWriter.close();
  }

  return {
    seed,
    clients: clientWriter.rows,
    mentors: mentorWriter.rows,
    sessions: sessionWriter.rows,
    outcomes: outcomeWriter.rows,
    files,
  };
}

function parseArgs(argv: readonly string[]): SampleOptions {
  const opts: { out: string; seed?: number; clients?: number; sessionsTarget?: number } = { out: 'data/sample' };
  const number = (flag: string, value: string | undefined): number => {
    const n = Number(value);
    if (value === undefined || !Number.isSafeInteger(n) || n < 0)
      throw new Error(`${flag} needs a whole number, got ${value ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--out':
        if (!value) throw new Error('--out needs a folder');
        opts.out = value;
        i++;
        break;
      case '--seed':
        opts.seed = number(flag, value);
        i++;
        break;
      case '--clients':
        opts.clients = number(flag, value);
        i++;
        break;
      case '--sessions-target':
        opts.sessionsTarget = number(flag, value);
        i++;
        break;
      case '--help':
      case '-h':
        console.log('Usage: tsx scripts/generate-sample.ts [--out data/sample] [--seed 20261122] [--clients 1500] [--sessions-target N]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return { ...opts, out: resolve(opts.out) };
}

function main(): void {
  const started = performance.now();
  const summary = generateSample(parseArgs(process.argv.slice(2)));
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `seed ${summary.seed}: ${summary.clients} clients, ${summary.mentors} mentors, ${summary.sessions} sessions, ${summary.outcomes} outcome rows in ${seconds} s`,
  );
  for (const f of summary.files) console.log(`  ${f}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
