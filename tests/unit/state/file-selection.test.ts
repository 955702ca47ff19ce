/**
 * The Data page's chosen files (FileSelection) on real files: the tiny fixture's four
 * tables, a file with only a header, an Excel workbook written by LibreOffice (split into
 * sheets, its hidden and empty sheets named), a .xls that cannot be read, a flat sheet
 * (sessions with client details on every row), and a mapping confirmed by hand.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { flushSync } from 'svelte';
import { FileSelection, type MappingMemory } from '../../../src/lib/state/file-selection.svelte';
import { statusOf } from '../../../src/lib/upload/pending-files';
import { TABLE_NAMES, type TableName } from '../../../src/lib/domain/schema';
import type { ColumnMapping } from '../../../src/lib/ingest/header-match';
import type { RememberedMapping } from '../../../src/lib/upload/inspect';
import { REPO_ROOT } from '../../helpers/sample-db';
import { fileFrom, fileFromPath } from '../../helpers/upload';
import { inEffectRoot } from './effect-root.svelte';
import { namedFile, xlsxBytes } from '../../helpers/xlsx';
import type { TargetsFile } from '../../../src/lib/state/file-selection.svelte';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures');

class RecordingMemory implements MappingMemory {
  readonly kept = new Map<string, RememberedMapping>();
  recall(key: string) {
    return this.kept.get(key) ?? null;
  }
  remember(key: string, table: TableName, mapping: ColumnMapping) {
    this.kept.set(key, { table, mapping: [...mapping] });
  }
}

/** A selection inside an effect root, so its derived values behave as on the page. */
function selectionFor(memory = new RecordingMemory()) {
  const root = inEffectRoot(() => new FileSelection(memory));
  return { selection: root.value, memory, stop: root.stop };
}

const asFiles = (...blobs: ReturnType<typeof fileFrom>[]) => blobs as unknown as File[];

describe('FileSelection', () => {
  it('recognises the four tables of a complete set: each ready, nothing absent, loadable as four parts', async () => {
    const { selection, stop } = selectionFor();
    await selection.add(asFiles(...TABLE_NAMES.map((t) => fileFromPath(join(FIXTURES, 'tiny', `${t}.csv`)))));
    flushSync();
    expect(selection.pending.map((p) => [p.table, statusOf(p)])).toEqual(TABLE_NAMES.map((t) => [t, 'ready']));
    expect([selection.absent, selection.needReview, selection.hasErrors, selection.loadable, selection.inspecting]).toEqual([
      [],
      false,
      false,
      true,
      0,
    ]);
    expect(selection.parts().map((p) => [p.table, p.flat ?? false])).toEqual(TABLE_NAMES.map((t) => [t, false]));
    stop();
  });

  it('a file with only a header is an error and blocks the load; removing it unblocks', async () => {
    const { selection, stop } = selectionFor();
    await selection.add(asFiles(fileFromPath(join(FIXTURES, 'tiny', 'clients.csv')), fileFrom('kosong.csv', 'client_id,region_code\n')));
    flushSync();
    expect(selection.pending.map(statusOf)).toEqual(['ready', 'error']);
    expect([selection.hasErrors, selection.loadable]).toEqual([true, false]);
    selection.remove(selection.pending[1].key);
    flushSync();
    expect([selection.hasErrors, selection.loadable]).toEqual([false, true]);
    // A set of clients alone loads: mentors and sessions load empty, as the page says.
    expect(selection.absent.map((a) => [a.table, a.fate])).toEqual([
      ['mentors', 'empty'],
      ['sessions', 'empty'],
      ['outcomes', 'empty'],
    ]);
    stop();
  });

  it('a workbook becomes a file per sheet with data; its hidden and empty sheets are named in both languages', async () => {
    const { selection, stop } = selectionFor();
    await selection.add(asFiles(fileFromPath(join(FIXTURES, 'xlsx', 'libreoffice-ekspor.xlsx'))));
    flushSync();
    expect(selection.pending.map((p) => p.file.name)).toEqual([
      'libreoffice-ekspor.xlsx › Klien',
      'libreoffice-ekspor.xlsx › Sesi',
      'libreoffice-ekspor.xlsx › Hasil',
    ]);
    expect(selection.pending.map((p) => p.table)).toEqual(['clients', 'sessions', 'outcomes']);
    const said = selection.notes.map((n) => [n.error, n.text('id'), n.text('en')]);
    expect(said).toHaveLength(2);
    expect(said.every(([error]) => error === false)).toBe(true);
    expect(said.map(([, id]) => id).join(' ')).toMatch(/Kosong.*Rahasia|Rahasia.*Kosong/);
    expect(said.map(([, , en]) => en).join(' ')).toMatch(/hidden/i);
    expect(selection.readingWorkbook).toBeNull();
    stop();
  });

  it('a targets sheet in a workbook is handed over as targets, beside the data sheet that joins the set', async () => {
    const received: TargetsFile[] = [];
    const root = inEffectRoot(() => new FileSelection(new RecordingMemory(), (file) => received.push(file)));
    const text = (value: string) => ({ value, type: String });
    const bytes = await xlsxBytes({
      sheets: [
        {
          name: 'Klien',
          rows: [['client_id', 'region_code', 'enrolled_on'].map(text), ['K1', '5201', '2025-01-02'].map(text)],
        },
        {
          name: 'Target',
          rows: [
            ['Indikator', 'Sasaran', 'Tahun'].map(text),
            [text('naik_kelas_rate'), { value: 0.6, type: Number, format: '0%' }, { value: 2025, type: Number }],
            [text('Sesi per klien'), { value: 8, type: Number }, text('')],
          ],
        },
      ],
    });
    await root.value.add([namedFile('rencana.xlsx', bytes)]);
    flushSync();
    expect(root.value.pending.map((p) => [p.file.name, p.table])).toEqual([['rencana.xlsx › Klien', 'clients']]);
    expect(received.map((r) => r.name)).toEqual(['rencana.xlsx › Target']);
    expect(received[0].read?.problems).toEqual([]);
    expect(received[0].read?.targets).toEqual([
      { indicator: 'naik_kelas_rate', target: 0.6, period: 2025, region_code: null, cohort: null, programme: null },
      { indicator: 'sessions_per_client', target: 8, period: null, region_code: null, cohort: null, programme: null },
    ]);
    root.stop();
  });

  it('a workbook that cannot be read is an error note, and adds no file', async () => {
    const { selection, stop } = selectionFor();
    await selection.add(asFiles(fileFrom('rusak.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]))));
    flushSync();
    expect(selection.pending).toEqual([]);
    expect(selection.notes.map((n) => n.error)).toEqual([true]);
    expect(selection.notes[0].text('en')).not.toEqual(selection.notes[0].text('id'));
    stop();
  });

  it('a flat sheet loads as its sessions and the client details it repeats', async () => {
    const { selection, stop } = selectionFor();
    // The tiny session log with each client's region and cohort repeated on its rows.
    const clients = new Map(
      readFileSync(join(FIXTURES, 'tiny', 'clients.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((c) => [c[0], [c[6], c[7]]]),
    );
    const [header, ...sessions] = readFileSync(join(FIXTURES, 'tiny', 'sessions.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const flat = [`${header},Kabupaten/Kota,Angkatan`, ...sessions.map((l) => `${l},${clients.get(l.split(',')[3])!.join(',')}`)].join(
      '\n',
    );
    await selection.add(asFiles(fileFrom('lembar-datar.csv', flat)));
    flushSync();
    const parts = selection.parts();
    expect(parts.map((p) => [p.table, p.flat ?? false])).toEqual([
      ['sessions', false],
      ['clients', true],
    ]);
    expect(parts.every((p) => p.file === parts[0].file)).toBe(true);
    stop();
  });

  it('a mapping confirmed by hand makes the file ready and is remembered for the same header', async () => {
    const { selection, memory, stop } = selectionFor();
    // Headers no recogniser knows: the file needs the mapping screen.
    const odd = fileFrom('daftar.csv', 'nomor anggota,wilayah\nK1,5201\nK2,5271\n');
    await selection.add(asFiles(odd));
    flushSync();
    expect(statusOf(selection.pending[0])).toBe('review');
    expect(selection.loadable).toBe(false);
    selection.confirm(selection.pending[0].key, 'clients', ['client_id', 'region_code']);
    flushSync();
    expect(statusOf(selection.pending[0])).toBe('ready');
    expect(selection.loadable).toBe(true);
    expect([...memory.kept.values()]).toEqual([{ table: 'clients', mapping: ['client_id', 'region_code'] }]);
    // The same header again: recognised from memory, ready at once.
    await selection.add(asFiles(fileFrom('daftar-2.csv', 'nomor anggota,wilayah\nK3,5202\n')));
    flushSync();
    expect(statusOf(selection.pending[1])).toBe('ready');
    stop();
  });
});
