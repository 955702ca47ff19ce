/**
 * The SQL twins of the number, money, integer, id and text normalisers must say exactly
 * what the TS normalisers say: one case table, run through both, on the real engine.
 * (TS decides the value maps of enums, regions, dates …; SQL decides numbers and ids;
 * if the two drifted, the same export would load differently depending on the column.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { SQL_NULL_MARKERS, numberSql, textSql, type NumberKind, type ValueSql } from '../../../src/lib/upload/sql-values';
import {
  isNullMarker,
  normalizeId,
  normalizeInteger,
  normalizeMoney,
  normalizeNumber,
  normalizeText,
  type DecimalMark,
  type Normalized,
} from '../../../src/lib/ingest/normalize';
import { registerRows } from '../../../src/lib/upload/register-rows';

const NUMBER_CASES = [
  // plain, grouped, decimal
  '0',
  '7',
  '007',
  '42',
  ' 42 ',
  '\t42\u00a0',
  '1234567',
  '1.234.567,89',
  '1,234,567.89',
  '1.234.567',
  '1,234,567',
  '12.345.678',
  '1.234',
  '1,234',
  '-1.234',
  '+1,234',
  '0.234',
  '0,234',
  '00,234',
  '123,456',
  '1234,567',
  '12345,678',
  '1,5',
  '1.5',
  '1,50',
  '2,0',
  '0,25',
  '.5',
  ',5',
  '5.',
  '5,',
  '1.',
  '1,234.',
  '1.234,',
  '1,234.5',
  '1.234,5',
  '1.234,56',
  '1,234,567.891',
  '999.999.999.999',
  // signs, parentheses, exponents
  '-5',
  '+5',
  '−12,5',
  '- 5',
  '(1.000)',
  '(1.500,50)',
  '( 7 )',
  '(-3)',
  '(5',
  '5)',
  '((5))',
  '--5',
  '+-5',
  '-(5)',
  '+1,53e4',
  '1,53e4',
  '-1.53e4',
  '5.33015841993795E-06',
  '1e5',
  '1E+05',
  '1.e5',
  '.5e3',
  '1e5e6',
  '1.234e3',
  '1,234e3',
  'e5',
  '1e',
  '1e400',
  '123456789012345678901234567890',
  '9'.repeat(400),
  // spaces as thousands separators
  '1 234 567',
  '1\u00a0234,5',
  '1\u202f234',
  '12 34',
  '1 234e5',
  '1  234',
  '1 2345',
  '(1 234)',
  '(1\n234)',
  '1\n234',
  '1\r\n234',
  // garbage and markers
  'abc',
  '1.23.4',
  '12,34,567',
  '1.234,5.6',
  '1,2.345',
  '1..2',
  '1,,2',
  '.',
  ',',
  '-',
  '--',
  '—',
  'N/A',
  'n.a.',
  'null',
  'NIHIL',
  'kosong',
  '#DIV/0!',
  '#n/a',
  '#VALUE!',
  '#value!',
  '# REF!',
  'Rp 5.000',
  '5%',
  '1/2',
  '½',
  '١٢٣',
  '１２３',
  '1_000',
  '0x10',
  'Infinity',
  'NaN',
  // money forms
  'Rp 2.500.000',
  'Rp2.500.000,-',
  'Rp 2.500.000,--',
  '2.500.000.-',
  'IDR 2,500,000',
  'idr 2500000',
  'Rp. 1.500',
  'rp 1,5 jt',
  '2,5 jt',
  '2.5jt',
  '2,5jt.',
  '500 rb',
  '500rb',
  '1,2 M',
  '1.2 m',
  '1,250 jt',
  '1.250 jt',
  '3 miliar',
  '3 milyar',
  '2 juta',
  '7 ribu',
  '1,5 T',
  '4 triliun',
  '2 bn',
  '5 k',
  '5 K',
  '5 xyz',
  '5 jt rupiah',
  'Rp 5 jt',
  '-Rp 5.000',
  '− Rp 5.000',
  'Rp -5.000',
  '(Rp 5.000)',
  '5.000 rupiah',
  '5.000 IDR',
  'Rp',
  'Rp -',
  'jt',
  '1,5 jt jt',
  '0,5',
  '2,5',
  '1,4999',
  '-2,5',
  '-0,5',
  '2.500,5',
  '1e3 jt',
  '12.345.678.901.234.567',
  '9007199254740993',
];

/** No empty string: DuckDB reads an empty cell as NULL, never as ''. */
const ID_CASES = [
  'K00001',
  '  K00001 ',
  '09001',
  "'0812345",
  "'=1+1",
  "'hello",
  '1.23457E+15',
  '1,23457E+15',
  '-1.2E-3',
  '2024E1',
  '1E5',
  '1.2e+15',
  '#REF!',
  '#N/A',
  '-',
  'N/A',
  'null',
  'Kosong',
  'TIDAK ADA DATA',
  '=HYPERLINK("x")',
  '<script>alert(1)</script>',
  'a\r\nb',
  '\u00a0x\u3000',
  'İ',
  "'\tx",
  "'",
  "''5",
];

type Outcome = { value: number | string | null } | { reason: string };

function fromTs<T>(r: Normalized<T>): Outcome {
  return r.ok ? { value: r.value as number | string | null } : { reason: r.reason };
}

let db: Database & { close(): void };

beforeAll(async () => {
  db = await openNodeDatabase();
  await registerRows(
    db,
    {
      table: 'cases',
      columns: [
        ['i', 'INTEGER'],
        ['raw', 'VARCHAR'],
      ],
    },
    [...NUMBER_CASES, ...ID_CASES].map((c, i) => [i, c]),
  );
});

afterAll(() => db?.close());

async function runSql(sql: ValueSql, rows: readonly string[], rawColumn: string): Promise<Outcome[]> {
  await registerRows(
    db,
    { table: 'wanted', columns: [['raw', 'VARCHAR']] },
    rows.map((r) => [r]),
  );
  let from = `(SELECT i, raw AS ${rawColumn} FROM cases WHERE raw IN (SELECT raw FROM wanted))`;
  const defined = new Set<string>();
  for (const level of sql.levels) {
    const fresh = level.filter(([a, e]) => a !== e && !defined.has(a));
    fresh.forEach(([a]) => defined.add(a));
    if (fresh.length) from = `(SELECT *, ${fresh.map(([a, e]) => `${e} AS ${a}`).join(', ')} FROM ${from})`;
  }
  const result = await db.query<{ raw: string; value: string | null; reason: string | null }>(
    `SELECT ${rawColumn} AS raw, (${sql.value})::VARCHAR AS value, ${sql.reason} AS reason FROM ${from}`,
  );
  const byRaw = new Map(result.map((r) => [r.raw, r]));
  return rows.map((raw) => {
    const r = byRaw.get(raw);
    if (!r) throw new Error(`no SQL result for ${JSON.stringify(raw)}`);
    return r.reason !== null ? { reason: r.reason } : { value: r.value };
  });
}

/** TS numbers compared with what SQL returns as text. */
function tsNumberOutcome(r: Normalized<number | null>): Outcome {
  const o = fromTs(r);
  if ('value' in o && typeof o.value === 'number') return { value: o.value };
  return o;
}

function sameNumber(sql: Outcome, ts: Outcome, kind: NumberKind): boolean {
  if ('reason' in sql || 'reason' in ts) {
    if ('reason' in sql && sql.reason === 'out_of_range' && 'value' in ts && typeof ts.value === 'number') {
      return kind === 'integer' ? Math.abs(ts.value) > 2147483647 : Math.abs(ts.value) > Number.MAX_SAFE_INTEGER;
    }
    return JSON.stringify(sql) === JSON.stringify(ts);
  }
  if (ts.value === null || sql.value === null) return ts.value === sql.value;
  return Number(sql.value) === ts.value || (Object.is(ts.value, -0) && Number(sql.value) === 0);
}

const uniq = (xs: readonly string[]) => [...new Set(xs)];

describe('SQL number expressions match the TS normalisers', () => {
  const numbers = uniq(NUMBER_CASES);
  const tsOf: Record<NumberKind, (raw: string, hint: DecimalMark) => Normalized<number | null>> = {
    decimal: normalizeNumber,
    integer: normalizeInteger,
    money: normalizeMoney,
  };
  for (const kind of ['decimal', 'integer', 'money'] as const) {
    for (const hint of ['comma', 'dot'] as const) {
      it(`${kind}, decimal mark ${hint}: ${numbers.length} cases`, async () => {
        const sql = await runSql(numberSql('x', '_n_', kind, hint), numbers, 'x');
        const mismatches = numbers.flatMap((raw, i) => {
          const ts = tsNumberOutcome(tsOf[kind](raw, hint));
          return sameNumber(sql[i], ts, kind) ? [] : [{ raw, sql: sql[i], ts }];
        });
        expect(mismatches).toEqual([]);
      });
    }
  }
});

describe('SQL id and text expressions match the TS normalisers', () => {
  const cases = uniq([...ID_CASES, ...NUMBER_CASES.slice(0, 30)]);
  it.each([
    ['id', normalizeId],
    ['text', normalizeText],
  ] as const)('%s', async (kind, normalise) => {
    const sql = await runSql(textSql('x', '_t_', kind), cases, 'x');
    const mismatches = cases.flatMap((raw, i) => {
      const ts = fromTs(normalise(kind === 'text' ? raw.replace(/\r\n?/g, '\n') : raw));
      return JSON.stringify(sql[i]) === JSON.stringify(ts) ? [] : [{ raw, sql: sql[i], ts }];
    });
    expect(mismatches).toEqual([]);
  });
});

describe('the SQL null markers are the TS ones', () => {
  it('every SQL marker is a TS marker and common non-markers are not', () => {
    for (const m of SQL_NULL_MARKERS) expect(isNullMarker(m), m).toBe(true);
    for (const m of ['0', 'tidak', 'tidak ada', 'x', 'NaNa', 'none!']) expect(isNullMarker(m), m).toBe(false);
  });
});
