import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, parseCrosswalk } from '../../../src/lib/domain/frameworks';
import { REGIONS } from '../../../src/lib/domain/regions';
import { DUCKDB_TYPE, OFFICIAL_FUNCTIONS, TABLE_NAMES, TABLES } from '../../../src/lib/domain/schema';
import { classifySize } from '../../../src/lib/domain/size-class';
import { REPO_ROOT } from '../../helpers/sample-db';

const normalise = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_');

describe('export format v1 schema', () => {
  it.each(TABLE_NAMES)('%s: unique column names and aliases, key columns exist and are required or made up', (table) => {
    const def = TABLES[table];
    const names = def.columns.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const spellings = def.columns.flatMap((c) => [c.name, ...c.aliases].map(normalise));
    expect(new Set(spellings).size, `an alias is shared by two columns of ${table}`).toBe(spellings.length);
    for (const key of def.key) {
      const column = def.columns.find((c) => c.name === key);
      expect(column?.required || column?.generated).toBe(true);
    }
    // What an upload must have is a subset of a complete export's signature.
    for (const c of def.columns) if (c.required) expect(c.core).toBe(true);
    for (const c of def.columns) {
      expect(DUCKDB_TYPE[c.kind]).toBeTruthy();
      if (c.kind === 'enum' || c.kind === 'enum_list') expect(c.values?.length).toBeGreaterThan(0);
    }
  });

  it('requires of an upload only the ids and what makes a row meaningful', () => {
    const required = Object.fromEntries(TABLE_NAMES.map((t) => [t, TABLES[t].columns.filter((c) => c.required).map((c) => c.name)]));
    expect(required).toEqual({
      clients: ['client_id'],
      mentors: ['mentor_id'],
      sessions: ['session_date', 'client_id'],
      outcomes: ['client_id', 'measurement'],
    });
  });

  it('marks names and phone numbers as personal data', () => {
    const personal = TABLE_NAMES.flatMap((t) => TABLES[t].columns.filter((c) => c.personal).map((c) => `${t}.${c.name}`));
    expect(personal).toEqual(
      expect.arrayContaining(['clients.client_name', 'clients.owner_name', 'clients.phone', 'mentors.mentor_name', 'mentors.phone']),
    );
    for (const t of TABLE_NAMES)
      for (const key of TABLES[t].key) expect(TABLES[t].columns.find((c) => c.name === key)?.personal).toBeFalsy();
  });

  it('has the 10 NTB regions with BPS codes', () => {
    expect(REGIONS.map((r) => r.code)).toEqual(['5201', '5202', '5203', '5204', '5205', '5206', '5207', '5208', '5271', '5272']);
  });

  it.each([
    [1_000_000_000, 500_000_000, 'mikro'],
    [2_000_000_000, 0, 'mikro'],
    [2_000_000_001, 0, 'kecil'],
    [100, 5_000_000_001, 'menengah'],
    [60_000_000_000, 0, 'besar'],
    [null, 1, 'mikro'],
    [null, null, null],
  ] as const)('size class of sales %s and capital %s is %s (PP 7/2021, higher criterion wins)', (sales, capital, expected) => {
    expect(classifySize(sales, capital)).toBe(expected);
  });
});

describe('mentor-functions.csv crosswalk', () => {
  const crosswalk = parseCrosswalk(readFileSync(join(REPO_ROOT, 'data', 'mentor-functions.csv'), 'utf8'));

  it('covers every framework, and the official framework maps each task to itself', () => {
    expect(new Set(crosswalk.map((r) => r.framework))).toEqual(new Set(FRAMEWORKS.map((f) => f.key)));
    const official = crosswalk.filter((r) => r.framework === 'official');
    expect(official.map((r) => r.function)).toEqual([...OFFICIAL_FUNCTIONS]);
    for (const r of official) expect(r.official_tasks).toEqual([r.function]);
  });

  it('rejects an unknown official task with its row number', () => {
    expect(() => parseCrosswalk('framework,function,label_id,label_en,official_tasks,aliases\nx,y,Y,Y,teleport,')).toThrow(
      /row 2.*teleport/,
    );
  });
});
