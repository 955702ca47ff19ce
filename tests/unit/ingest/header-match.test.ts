import { describe, it, expect } from 'vitest';
import { columnNames, TABLE_NAMES, TABLES, type TableName } from '../../../src/lib/domain/schema';
import { mapHeaderToTable, matchHeader, normalizeHeaderName } from '../../../src/lib/ingest/header-match';

describe('normalizeHeaderName', () => {
  it.each([
    ['Omzet per bulan (Rp)', 'omzet_per_bulan'],
    ['Omzet per bulan Rp', 'omzet_per_bulan'],
    ['Modal Usaha (IDR)', 'modal_usaha'],
    ['Durasi (jam)', 'durasi'],
    ['Zeit [MEZ]', 'zeit'],
    ['Punya NIB (Ya/Tidak)', 'punya_nib'],
    ['Kab./Kota', 'kab_kota'],
    ['Kabupaten/Kota', 'kabupaten_kota'],
    ['  Jenis Kelamin ', 'jenis_kelamin'],
    ['ClientID', 'client_id'],
    ['IDKlien', 'id_klien'],
    ['NoHP', 'no_hp'],
    ['kode-klien', 'kode_klien'],
    ['1. Nama Usaha', 'nama_usaha'],
    ['Année', 'annee'],
    ['\uFEFFid', 'id'],
    ['__proto__', 'proto'],
    ['toString', 'to_string'],
    ['(Rp)', 'rp'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeHeaderName(raw)).toBe(expected);
  });
});

describe('matchHeader', () => {
  it.each(TABLE_NAMES.map((t) => [t] as [TableName]))('recognises the canonical %s header exactly', (table) => {
    const headers = columnNames(table);
    const m = matchHeader(headers);
    expect(m.table).toBe(table);
    expect(m.confidence).toBe(1);
    expect(m.mapping).toEqual(headers);
    expect([m.missingRequired, m.duplicates, m.unknownColumns, m.needsReview]).toEqual([[], [], [], false]);
  });

  it('within a table no alias names two columns', () => {
    for (const t of TABLE_NAMES) {
      const seen = new Map<string, string>();
      for (const c of TABLES[t].columns) {
        for (const key of [c.name, ...c.aliases].map(normalizeHeaderName)) {
          const owner = seen.get(key);
          expect(owner === undefined || owner === c.name, `${t}: "${key}" names ${owner} and ${c.name}`).toBe(true);
          seen.set(key, c.name);
        }
      }
    }
  });

  it('maps an Indonesian sessions export', () => {
    const m = matchHeader([
      'ID Sesi',
      'Tanggal',
      'ID Pendamping',
      'ID Klien',
      'Tahapan',
      'Fungsi Pendamping',
      'Bidang Layanan',
      'Bentuk Layanan',
      'Moda',
      'Durasi (jam)',
      'Catatan',
    ]);
    expect(m.table).toBe('sessions');
    expect(m.mapping).toEqual([
      'session_id',
      'session_date',
      'mentor_id',
      'client_id',
      'stage',
      'functions',
      'support_area',
      'support_form',
      'mode',
      'duration_hours',
      'notes',
    ]);
    expect(m.needsReview).toBe(false);
  });

  it('maps an Indonesian outcomes export with unit suffixes', () => {
    const m = matchHeader([
      'Kode Klien',
      'Jenis Pengukuran',
      'Tgl Ukur',
      'Omzet per bulan (Rp)',
      'Modal Usaha (Rp)',
      'Jumlah Tenaga Kerja',
      'Punya NIB',
    ]);
    expect(m.table).toBe('outcomes');
    expect(m.mapping).toEqual(['client_id', 'measurement', 'measured_on', 'monthly_revenue', 'assets', 'employees', 'has_nib']);
  });

  it('reports duplicates, empty names and unknown columns, and asks for review', () => {
    const m = matchHeader([
      'ID Sesi',
      'Tanggal',
      'Tanggal',
      'ID Pendamping',
      'ID Klien',
      'Tahap',
      'Fungsi',
      'Bidang Layanan',
      'Bentuk Layanan',
      '',
      '__proto__',
      'toString',
    ]);
    expect(m.table).toBe('sessions');
    expect(m.mapping).toEqual([
      'session_id',
      'session_date',
      null,
      'mentor_id',
      'client_id',
      'stage',
      'functions',
      'support_area',
      'support_form',
      null,
      null,
      null,
    ]);
    expect(m.duplicates).toEqual([{ canonical: 'session_date', columns: [1, 2] }]);
    expect(m.emptyHeaders).toEqual([9]);
    expect(m.unknownColumns).toEqual([9, 10, 11]);
    expect(m.missingRequired).toEqual([]);
    expect(m.needsReview).toBe(true);
  });

  it('lists missing required columns', () => {
    const m = matchHeader(['id_klien', 'omzet', 'karyawan']);
    expect(m.table).toBe('outcomes');
    expect(m.missingRequired).toEqual(['measurement']);
    expect(m.needsReview).toBe(true);
  });

  it('takes a partial export as sure when what it has is clear (absent optional columns do not call for review)', () => {
    const m = matchHeader(['No', 'ID Klien', 'Nama Usaha', 'Kabupaten/Kota', 'Angkatan Diklat', 'Sektor Usaha', 'Jenis Kelamin Pemilik']);
    expect(m.table).toBe('clients');
    expect(m.mapping).toEqual([null, 'client_id', 'client_name', 'region_code', 'cohort', 'sector', 'owner_gender']);
    expect([m.missingRequired, m.needsReview, m.extraParts]).toEqual([[], false, []]);
  });

  it('recognises a flat sheet: session rows that repeat their client and mentor details', () => {
    const headers = [
      'Tanggal Kunjungan',
      'Nama Pendamping',
      'ID Pendamping',
      'ID Klien',
      'Nama Usaha',
      'Kabupaten/Kota',
      'Sektor Usaha',
      'Angkatan',
      'Fungsi',
      'Bidang Layanan',
      'Catatan',
    ];
    const m = matchHeader(headers);
    expect(m.table).toBe('sessions');
    expect(m.mapping).toEqual([
      'session_date',
      null,
      'mentor_id',
      'client_id',
      null,
      null,
      null,
      null,
      'functions',
      'support_area',
      'notes',
    ]);
    expect(m.extraParts).toEqual([
      { table: 'clients', mapping: [null, null, null, 'client_id', 'client_name', 'region_code', 'sector', 'cohort', null, null, null] },
      { table: 'mentors', mapping: [null, 'mentor_name', 'mentor_id', null, null, null, null, null, null, null, null] },
    ]);
    expect(m.unknownColumns).toEqual([]);
    expect(m.needsReview).toBe(false);
  });

  it('a sessions file with only the client id is not a flat sheet', () => {
    expect(matchHeader(['ID Sesi', 'Tanggal', 'ID Pendamping', 'ID Klien', 'Kabupaten/Kota']).extraParts).toEqual([]);
  });

  it('recognises nothing in a header of strangers and prototype names', () => {
    const m = matchHeader(['__proto__', 'toString', 'valueOf', '__proto__', 'constructor']);
    expect([m.table, m.confidence, m.unknownColumns, m.needsReview]).toEqual([null, 0, [0, 1, 2, 3, 4], true]);
    expect(({} as Record<string, unknown>).valueOf).toBe(Object.prototype.valueOf);
  });

  it('uses the file name to break a near tie, and asks for review either way', () => {
    const headers = ['program', 'kab_kota', 'jenis_kelamin', 'keterangan'];
    const plain = matchHeader(headers);
    expect(
      plain.alternatives
        .slice(0, 2)
        .map((a) => a.table)
        .sort(),
    ).toEqual(['clients', 'mentors']);
    expect(plain.needsReview).toBe(true);
    const named = matchHeader(headers, { fileName: 'data-pendamping-2026.csv' });
    expect([named.table, named.needsReview]).toEqual(['mentors', true]);
  });

  it('favours the table whose required columns are all there', () => {
    expect(matchHeader(['program', 'kab_kota', 'jenis_kelamin', 'kode_pendamping']).table).toBe('mentors');
    expect(matchHeader(['id_klien', 'tanggal', 'fungsi']).table).toBe('sessions');
  });

  it('maps 10,000 columns (duplicates included) in one pass', () => {
    const headers = Array.from({ length: 10_000 }, (_, i) => `kolom ${i}`);
    headers[17] = 'ID Klien';
    headers[5000] = 'Pengukuran';
    headers[9998] = 'Tanggal Pengukuran';
    headers[9999] = 'id_klien';
    const m = matchHeader(headers);
    expect(m.table).toBe('outcomes');
    expect([m.mapping[17], m.mapping[5000], m.mapping[9998], m.mapping[9999]]).toEqual(['client_id', 'measurement', 'measured_on', null]);
    expect(m.duplicates).toEqual([{ canonical: 'client_id', columns: [17, 9999] }]);
    expect(m.unknownColumns.length).toBe(9_996);
  });

  it('mapHeaderToTable maps onto the table the user chose', () => {
    const m = mapHeaderToTable(['Kode Pendamping', 'Program', 'Wilayah Tugas', 'JK'], 'mentors');
    expect(m.table).toBe('mentors');
    expect(m.mapping).toEqual(['mentor_id', 'programme', 'region_code', 'gender']);
    expect(m.alternatives[0].table).toBe('mentors');
    const forced = mapHeaderToTable(['Kode Pendamping', 'Program'], 'clients');
    expect(forced.mapping).toEqual([null, 'programme']);
    expect(forced.missingRequired).toEqual(['client_id']);
  });
});
