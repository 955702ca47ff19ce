/**
 * The bulk read on the real engine: files cut into slices of every size (down to a few
 * bytes, so every record boundary case happens), in several encodings, with blank lines,
 * quoted newlines, CRLF, rows DuckDB rejects — and every loaded row's physical line must
 * be known exactly. Each generated row carries its own line number in its id column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDatabase } from '../../../src/lib/db/node-database';
import type { Database } from '../../../src/lib/query/database';
import { RecordScanner } from '../../../src/lib/upload/record-scanner';
import { batchLineRuns, lineOf } from '../../../src/lib/upload/line-runs';
import { inspectFile, type FileInspection } from '../../../src/lib/upload/inspect';
import { PROBLEMS_DDL, PROBLEMS_TABLE, stageRawFile } from '../../../src/lib/upload/stage';
import { windows1252ToUtf8 } from '../../../src/lib/upload/transcode';
import { decodeWindows1252 } from '../../../src/lib/ingest/encoding';
import { encodeWindows1252 } from '../../helpers/reexport';
import { fileFrom } from '../../helpers/upload';

/** A CSV whose id cells say which line they start on; returns the text and the expected rejects. */
function generate(newline: '\n' | '\r\n'): { text: string; rejectedLines: number[]; loadedIds: string[] } {
  const lines: string[] = ['Laporan sesi – contoh', 'id;catatan;nilai'];
  const rejectedLines: number[] = [];
  const loadedIds: string[] = [];
  // The physical line the next record starts on (a record may hold quoted newlines).
  const at = () => lines.reduce((n, l) => n + 1 + (l.match(/\n/g)?.length ?? 0), 0) + 1;
  for (let i = 0; i < 60; i++) {
    const kind = i % 7;
    if (kind === 0) {
      lines.push(''); // blank line: skipped by DuckDB, still counted
      continue;
    }
    if (kind === 1) {
      const id = `r${at()}`;
      loadedIds.push(id);
      lines.push(`${id};"baris satu${newline}baris dua${newline}baris tiga";${i}`); // one record over three lines
      continue;
    }
    if (kind === 2) {
      rejectedLines.push(at());
      lines.push(`r${at()};terlalu;banyak;kolom`); // too many fields
      continue;
    }
    if (kind === 3) {
      const id = `r${at()}`;
      loadedIds.push(id);
      lines.push(`${id};"kutip ""ganda"" dan ; titik koma";${i}`);
      continue;
    }
    if (kind === 4) {
      const id = `r${at()}`;
      loadedIds.push(id);
      lines.push(`${id};pendek`); // too few fields: padded
      continue;
    }
    const id = `r${at()}`;
    loadedIds.push(id);
    lines.push(`${id};12" TV é;${i}`); // a literal quote inside an unquoted cell
  }
  // The newline inside quoted cells was written with `newline` already; join the records.
  return { text: lines.join(newline) + newline, rejectedLines, loadedIds };
}

let db: Database & { close(): void };
beforeAll(async () => {
  db = await openNodeDatabase();
});
afterAll(() => db?.close());

async function stage(bytes: Uint8Array, sliceBytes: number) {
  const file = fileFrom('sesi.csv', bytes);
  const inspection = (await inspectFile(file)) as FileInspection;
  expect(inspection.ok).toBe(true);
  await db.query(PROBLEMS_DDL);
  // Map the id column to session_id and the rest to notes / duration (only the positions matter here).
  const result = await stageRawFile(db, { file, inspection, table: 'sessions', mapping: ['session_id', 'notes', 'duration_hours'] }, 0, {
    sliceBytes,
  });
  const rows = await db.query<{ ord: number; id: string }>(`SELECT rowid::BIGINT AS ord, session_id AS id FROM raw_f0 ORDER BY rowid`);
  const problems = await db.query<{ line: number; reason: string }>(`SELECT line, reason FROM ${PROBLEMS_TABLE} ORDER BY line`);
  await db.query('DROP TABLE raw_f0');
  await db.query('DROP TABLE lines_f0');
  return { result, rows, problems, inspection };
}

describe('bulk read: batches, rejects and line numbers', () => {
  const encodings = {
    'utf-8 LF': () => new TextEncoder().encode(generate('\n').text),
    'utf-8 CRLF': () => new TextEncoder().encode(generate('\r\n').text),
    'utf-8 BOM': () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(generate('\n').text)]),
    'windows-1252 CRLF': () => encodeWindows1252(generate('\r\n').text),
    'utf-16le BOM': () => {
      const text = '\ufeff' + generate('\r\n').text;
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) {
        out[2 * i] = text.charCodeAt(i) & 0xff;
        out[2 * i + 1] = text.charCodeAt(i) >> 8;
      }
      return out;
    },
  };
  for (const [label, make] of Object.entries(encodings)) {
    for (const sliceBytes of [6, 31, 257, 1 << 20]) {
      it(`${label}, slices of ${sliceBytes} bytes`, async () => {
        const expected = generate('\n');
        const { result, rows, problems, inspection } = await stage(make(), sliceBytes);
        expect(inspection.skipRecords).toBe(2);
        expect(inspection.delimiter).toBe(';');
        expect(rows.map((r) => r.id)).toEqual(expected.loadedIds);
        // Every row's line, from the compact runs, is the one written into its id.
        for (const r of rows) expect(`r${lineOf(result.runs, r.ord)}`).toBe(r.id);
        expect(problems).toEqual(expected.rejectedLines.map((line) => ({ line, reason: 'csv_too_many_fields' })));
        expect(result.csvRejected).toBe(expected.rejectedLines.length);
      });
    }
  }

  it('keeps the text of cells exactly, accents and quotes included', async () => {
    const { rows } = await stage(encodeWindows1252(generate('\r\n').text), 31);
    expect(rows.length).toBeGreaterThan(0);
    const notes = await (async () => {
      const file = fileFrom('sesi.csv', encodeWindows1252(generate('\r\n').text));
      const inspection = (await inspectFile(file)) as FileInspection;
      await db.query(PROBLEMS_DDL);
      await stageRawFile(db, { file, inspection, table: 'sessions', mapping: ['session_id', 'notes', null] }, 0, { sliceBytes: 31 });
      const out = await db.query<{ notes: string }>('SELECT notes FROM raw_f0 ORDER BY rowid');
      await db.query('DROP TABLE raw_f0');
      return out.map((r) => r.notes);
    })();
    expect(notes).toContain('kutip "ganda" dan ; titik koma');
    expect(notes).toContain('12" TV é');
    // Line ends are read as LF everywhere, also inside quoted cells (so files that mix CRLF and LF load).
    expect(notes).toContain('baris satu\nbaris dua\nbaris tiga');
  });
});

describe('line runs', () => {
  it('map rows to lines around blank, multi-line and rejected records', () => {
    // Records: 1 ok, 2 blank, 3 ok spanning 3 lines, 4 rejected, 5 ok, 6 ok.
    const batch = { firstLine: 10, stats: { records: 6, blank: [2], multiline: [[3, 2]] as [number, number][] } };
    const { runs, rows } = batchLineRuns(batch, [4], 100);
    expect(rows).toBe(4);
    expect([100, 101, 102, 103].map((o) => lineOf(runs, o))).toEqual([10, 12, 16, 17]);
  });

  it('the scanner agrees with a quoted cell split over slices', () => {
    const text = new TextEncoder().encode('a;"x\n""y"";z"\nb;c\n');
    const scanner = new RecordScanner(';'.charCodeAt(0));
    const ends: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const { end } = scanner.scan(text, i, i + 1);
      if (end !== -1) ends.push(end);
    }
    expect(ends).toEqual([text.indexOf(0x0a, 6) + 1, text.length]);
  });
});

describe('Windows-1252 transcoding', () => {
  it('equals decoding then encoding as UTF-8, for every byte', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(windows1252ToUtf8(all)).toEqual(new TextEncoder().encode(decodeWindows1252(all)));
  });
});
