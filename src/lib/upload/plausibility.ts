/**
 * Plausibility warnings: values that read fine but are unlikely to be true. They are kept
 * (an evaluator may know better), each flagged row becomes a problem row with action
 * `kept`, so the report counts them per check and the rows can be downloaded:
 *
 * - `negative_value`: a negative monthly revenue, capital or session duration;
 * - `date_out_of_range`: a date before 2000 or after today (sessions, enrolment,
 *   measurements, a mentor's start);
 * - `endline_before_baseline`: an endline measured before the same client's baseline;
 * - `revenue_jump`: endline revenue more than 100× the baseline, or under 1/100 of it;
 * - `duplicate_session`: a second session of the same client with the same mentor on the
 *   same day with the same functions (ids differ, so it is not a duplicate key);
 * - `birth_year_out_of_range`: an owner's birth year before 1900 or after this year;
 * - `birth_year_after_enrolment`: an owner born after the year the client's mentoring started.
 */
import type { Database } from '../query/database';
import { stringLiteral } from '../query/sql';
import { EARLIEST_BIRTH_YEAR } from '../domain/schema';
import { stagingTable } from './checks';
import { PROBLEMS_TABLE, PROBLEM_ROW } from './stage';

/** Dates before this are not from any programme this dashboard evaluates. */
export const EARLIEST_PLAUSIBLE_DATE = '2000-01-01';
/** Revenue growing or shrinking by more than this factor between baseline and endline is flagged. */
export const REVENUE_JUMP_FACTOR = 100;

export const PLAUSIBILITY_REASONS = [
  'negative_value',
  'date_out_of_range',
  'endline_before_baseline',
  'revenue_jump',
  'duplicate_session',
  'birth_year_out_of_range',
  'birth_year_after_enrolment',
] as const;

function flag(db: Database, table: string, column: string, valueSql: string, reason: string, where: string): Promise<unknown> {
  return db.query(
    `INSERT INTO ${PROBLEMS_TABLE} ${PROBLEM_ROW}
     SELECT _file, _row, NULL, ${stringLiteral(column)}, (${valueSql})::VARCHAR, ${stringLiteral(reason)}, 'kept'
     FROM ${table} s WHERE _file >= 0 AND (${where})`,
  );
}

/** Flags implausible values in the staging tables; `today` is an ISO date. */
export async function runPlausibilityChecks(db: Database, today: string): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`today must be an ISO date, got ${JSON.stringify(today)}`);
  const outcomes = stagingTable('outcomes');
  const sessions = stagingTable('sessions');
  const range = (column: string) => `s.${column} < DATE '${EARLIEST_PLAUSIBLE_DATE}' OR s.${column} > DATE '${today}'`;
  // Endline rows with their client's baseline (one baseline per client after the duplicate check).
  const withBaseline = `(SELECT e.*, b.measured_on AS baseline_on, b.monthly_revenue AS baseline_revenue
    FROM ${outcomes} e JOIN ${outcomes} b ON b.client_id = e.client_id AND b.measurement = 'baseline'
    WHERE e.measurement = 'endline')`;
  const endlineBeforeBaseline = 's.measured_on < s.baseline_on';
  const revenueJump = `s.monthly_revenue > 0 AND s.baseline_revenue > 0
     AND (s.monthly_revenue > s.baseline_revenue * ${REVENUE_JUMP_FACTOR} OR s.monthly_revenue * ${REVENUE_JUMP_FACTOR} < s.baseline_revenue)`;
  const sameSession = 'client_id, mentor_id, session_date, functions';
  const clients = stagingTable('clients');
  const birthOutOfRange = `s.owner_birth_year < ${EARLIEST_BIRTH_YEAR} OR s.owner_birth_year > ${Number(today.slice(0, 4))}`;
  const bornAfterEnrolment = 's.owner_birth_year > year(s.enrolled_on)';

  // Most sets flag nothing: one count over every check first, each table scanned once.
  const count = (from: string, where: string) => `(SELECT count(*) FROM ${from} s WHERE _file >= 0 AND (${where}))`;
  const [{ n }] = await db.query<{ n: number }>(
    `SELECT (${[
      count(outcomes, `s.monthly_revenue < 0 OR s.assets < 0 OR ${range('measured_on')}`),
      count(sessions, `s.duration_hours < 0 OR ${range('session_date')}`),
      count(clients, `${range('enrolled_on')} OR ${birthOutOfRange} OR ${bornAfterEnrolment}`),
      count(stagingTable('mentors'), range('active_since')),
      count(withBaseline, `(${endlineBeforeBaseline}) OR (${revenueJump})`),
      `(SELECT count(*) FROM (SELECT 1 FROM ${sessions} GROUP BY ${sameSession} HAVING count(*) > 1))`,
    ].join(' + ')})::BIGINT AS n`,
  );
  if (n === 0) return;

  for (const column of ['monthly_revenue', 'assets']) await flag(db, outcomes, column, `s.${column}`, 'negative_value', `s.${column} < 0`);
  await flag(db, sessions, 'duration_hours', 's.duration_hours', 'negative_value', 's.duration_hours < 0');
  await flag(db, sessions, 'session_date', 's.session_date', 'date_out_of_range', range('session_date'));
  await flag(db, clients, 'enrolled_on', 's.enrolled_on', 'date_out_of_range', range('enrolled_on'));
  await flag(db, clients, 'owner_birth_year', 's.owner_birth_year', 'birth_year_out_of_range', birthOutOfRange);
  // Only plausible birth years are compared with the enrolment (one problem per cause).
  await flag(
    db,
    clients,
    'owner_birth_year',
    's.owner_birth_year',
    'birth_year_after_enrolment',
    `${bornAfterEnrolment} AND NOT (${birthOutOfRange})`,
  );
  await flag(db, outcomes, 'measured_on', 's.measured_on', 'date_out_of_range', range('measured_on'));
  await flag(db, stagingTable('mentors'), 'active_since', 's.active_since', 'date_out_of_range', range('active_since'));
  await flag(db, withBaseline, 'measured_on', 's.measured_on', 'endline_before_baseline', endlineBeforeBaseline);
  await flag(db, withBaseline, 'monthly_revenue', 's.monthly_revenue', 'revenue_jump', revenueJump);
  const repeated = `(SELECT *, row_number() OVER (PARTITION BY ${sameSession} ORDER BY _file, _row) AS nth FROM ${sessions})`;
  await flag(db, repeated, 'session_id', 's.session_id', 'duplicate_session', 's.nth > 1');
}
