/**
 * The sample-data generator: deterministic, valid against export format v1, internally
 * consistent, about the specified size — and the effects it plants are recovered by
 * plain medians and rates over the committed sample.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsForSessions, generateSample } from '../../scripts/generate-sample';
import { schemaMarkdown } from '../../scripts/sample/schema-doc';
import { REGION_CODES } from '../../src/lib/domain/regions';
import {
  baseColumnNames,
  OFFICIAL_FUNCTIONS,
  sizeRank,
  TABLE_NAMES,
  TABLES,
  type SizeClass,
  type TableName,
} from '../../src/lib/domain/schema';

type Row = Record<string, string>;
type Sample = Record<TableName, Row[]>;

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TABLE_FILES = TABLE_NAMES.map((t) => `${t}.csv`);

const tmpDirs: string[] = [];
function tmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'dampingan-sample-'));
  tmpDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

function readTable(dir: string, table: TableName): { header: string[]; rows: Row[] } {
  const text = readFileSync(join(dir, `${table}.csv`), 'utf8');
  const parsed = Papa.parse<Row>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { header: parsed.meta.fields ?? [], rows: parsed.data };
}

function readSample(dir: string): Sample {
  return Object.fromEntries(TABLE_NAMES.map((t) => [t, readTable(dir, t).rows])) as Sample;
}

const median = (xs: readonly number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const share = <T>(xs: readonly T[], pred: (x: T) => boolean): number => xs.filter(pred).length / xs.length;

/** Every cell of every table against its column definition in schema.ts. */
function schemaViolations(dir: string): string[] {
  const problems: string[] = [];
  for (const table of TABLE_NAMES) {
    const { header, rows } = readTable(dir, table);
    // The sample predates the late columns (the owner's birth year and disability): it has the first release's columns.
    if (header.join(',') !== baseColumnNames(table).join(',')) problems.push(`${table}: header ${header.join(',')}`);
    rows.forEach((row, i) => {
      for (const col of TABLES[table].columns.filter((c) => !c.late)) {
        const v = row[col.name];
        const where = `${table} row ${i + 2} ${col.name}="${v}"`;
        if (v === undefined) {
          problems.push(`${where}: missing column`);
          continue;
        }
        if (v === '') {
          if (col.required) problems.push(`${where}: required`);
          continue;
        }
        let ok = true;
        switch (col.kind) {
          case 'enum':
            ok = col.values!.includes(v);
            break;
          case 'enum_list': {
            const parts = v.split('|');
            ok = parts.length >= 1 && parts.every((p) => col.values!.includes(p)) && new Set(parts).size === parts.length;
            break;
          }
          case 'region':
            ok = REGION_CODES.includes(v);
            break;
          case 'date':
            ok = /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
            break;
          case 'integer':
          case 'money':
            ok = /^(0|[1-9]\d*)$/.test(v);
            break;
          case 'decimal':
            ok = /^\d+(\.\d+)?$/.test(v);
            break;
          case 'boolean':
            ok = v === 'true' || v === 'false';
            break;
          default:
            ok = v.trim() === v;
        }
        if (!ok) problems.push(where);
      }
    });
  }
  return problems;
}

describe('generateSample: determinism', () => {
  it('gives byte-identical files for the same seed, and different files for another seed', () => {
    const [a, b, c] = [tmp(), tmp(), tmp()];
    const sa = generateSample({ out: a, seed: 42, clients: 150 });
    const sb = generateSample({ out: b, seed: 42, clients: 150 });
    generateSample({ out: c, seed: 43, clients: 150 });
    expect(sb).toEqual({ ...sa, files: sb.files });
    for (const f of TABLE_FILES) {
      const bytes = readFileSync(join(a, f));
      expect(bytes.length).toBeGreaterThan(100);
      expect(readFileSync(join(b, f)).equals(bytes), f).toBe(true);
    }
    expect(readFileSync(join(c, 'sessions.csv')).equals(readFileSync(join(a, 'sessions.csv')))).toBe(false);
  });

  it('the committed data/sample is exactly the default run', () => {
    const out = tmp();
    generateSample({ out });
    for (const f of TABLE_FILES) {
      expect(
        readFileSync(join(out, f)).equals(readFileSync(join(ROOT, 'data', 'sample', f))),
        `data/sample/${f} is stale: run npm run generate:sample`,
      ).toBe(true);
    }
  });
});

describe('generateSample: validity (small sample)', () => {
  let dir: string;
  let sample: Sample;
  beforeAll(() => {
    dir = tmp();
    generateSample({ out: dir, seed: 7, clients: 300 });
    sample = readSample(dir);
  });

  it('every cell is valid for its column in schema.ts', () => {
    expect(schemaViolations(dir)).toEqual([]);
  });

  it('ids are unique and well formed', () => {
    const ids = (t: TableName, col: string): string[] => sample[t].map((r) => r[col]);
    for (const [t, col, pattern] of [
      ['clients', 'client_id', /^K\d{5}$/],
      ['mentors', 'mentor_id', /^P\d{3}$/],
      ['sessions', 'session_id', /^S\d{7}$/],
    ] as const) {
      const list = ids(t, col);
      expect(new Set(list).size).toBe(list.length);
      expect(list.every((id) => pattern.test(id))).toBe(true);
    }
    const outcomeKeys = sample.outcomes.map((r) => `${r.client_id}/${r.measurement}`);
    expect(new Set(outcomeKeys).size).toBe(outcomeKeys.length);
  });

  it("every session's client and mentor exist, and the mentor works in the client's region", () => {
    const clients = new Map(sample.clients.map((c) => [c.client_id, c]));
    const mentors = new Map(sample.mentors.map((m) => [m.mentor_id, m]));
    for (const s of sample.sessions) {
      const client = clients.get(s.client_id);
      const mentor = mentors.get(s.mentor_id);
      expect(client, s.session_id).toBeDefined();
      expect(mentor, s.session_id).toBeDefined();
      expect(mentor!.region_code).toBe(client!.region_code);
    }
    for (const o of sample.outcomes) expect(clients.has(o.client_id)).toBe(true);
  });

  it('every client has a baseline, sessions, and the programme of its main mentor', () => {
    const baselines = new Set(sample.outcomes.filter((o) => o.measurement === 'baseline').map((o) => o.client_id));
    const mentorProgramme = new Map(sample.mentors.map((m) => [m.mentor_id, m.programme]));
    const sessionsByClient = new Map<string, Row[]>();
    for (const s of sample.sessions) sessionsByClient.set(s.client_id, [...(sessionsByClient.get(s.client_id) ?? []), s]);
    for (const c of sample.clients) {
      expect(baselines.has(c.client_id), c.client_id).toBe(true);
      const sessions = sessionsByClient.get(c.client_id) ?? [];
      expect(sessions.length).toBeGreaterThanOrEqual(5);
      expect(sessions.length).toBeLessThanOrEqual(35);
      const counts = new Map<string, number>();
      for (const s of sessions) counts.set(s.mentor_id, (counts.get(s.mentor_id) ?? 0) + 1);
      const main = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      expect(mentorProgramme.get(main)).toBe(c.programme);
    }
  });

  it('sessions follow the stages in order, within the 12 months after enrolment', () => {
    const order = ['observasi_awal', 'pendampingan', 'evaluasi_refleksi', 'pelaporan'];
    const enrolled = new Map(sample.clients.map((c) => [c.client_id, Date.parse(c.enrolled_on)]));
    let previous: Row | null = null;
    for (const s of sample.sessions) {
      const days = (Date.parse(s.session_date) - enrolled.get(s.client_id)!) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThanOrEqual(400);
      expect(s.session_date < '2026-11-01').toBe(true);
      const fns = s.functions.split('|');
      expect(fns.length).toBeGreaterThanOrEqual(1);
      expect(fns.length).toBeLessThanOrEqual(3);
      if (s.stage === 'observasi_awal') expect(fns).toContain('observe');
      if (s.stage === 'evaluasi_refleksi') expect(fns).toContain('evaluate');
      if (s.stage === 'pelaporan') expect(fns).toContain('report');
      if (previous && previous.client_id === s.client_id) {
        expect(s.session_date > previous.session_date).toBe(true);
        expect(order.indexOf(s.stage)).toBeGreaterThanOrEqual(order.indexOf(previous.stage));
      }
      previous = s;
    }
  });

  it('size_class is consistent with revenue and capital, and measurements are ordered in time', () => {
    const byClient = new Map<string, Row[]>();
    for (const o of sample.outcomes) byClient.set(o.client_id, [...(byClient.get(o.client_id) ?? []), o]);
    for (const rows of byClient.values()) {
      const dates = rows.map((r) => r.measured_on);
      expect(dates).toEqual(dates.slice().sort());
      for (const r of rows) {
        expect(r.measured_on < '2026-11-01').toBe(true);
        if (r.monthly_revenue !== '' && Number(r.monthly_revenue) * 12 > 2e9) expect(r.size_class).not.toBe('mikro');
        if (r.assets !== '' && Number(r.assets) > 1e9) expect(r.size_class).not.toBe('mikro');
        if (r.monthly_revenue === '' && r.assets === '') expect(r.size_class).toBe('');
      }
    }
  });
});

describe('generateSample: scaling', () => {
  it('turns a session target into clients at ~17 sessions each, with mentors to match', () => {
    expect(clientsForSessions(3_000_000)).toBeGreaterThan(170_000);
    const dir = tmp();
    const summary = generateSample({ out: dir, seed: 3, sessionsTarget: 5_100 });
    expect(summary.clients).toBe(300);
    expect(summary.sessions).toBeGreaterThan(5_100 * 0.85);
    expect(summary.sessions).toBeLessThan(5_100 * 1.15);
    expect(summary.mentors).toBe(10);
  });
});

describe('the committed sample (default run): sizes', () => {
  let sample: Sample;
  beforeAll(() => {
    sample = readSample(join(ROOT, 'data', 'sample'));
  });

  it('has about 1,500 clients, 50 mentors and 25,000 sessions', () => {
    expect(sample.clients.length).toBe(1500);
    expect(sample.mentors.length).toBe(50);
    expect(sample.sessions.length).toBeGreaterThan(22_000);
    expect(sample.sessions.length).toBeLessThan(28_000);
    expect(sample.outcomes.length).toBeGreaterThan(1500 * 2.8);
  });

  it('covers every region and cohort, with the specified mix', () => {
    const regions = new Map<string, number>();
    for (const c of sample.clients) regions.set(c.region_code, (regions.get(c.region_code) ?? 0) + 1);
    expect([...regions.keys()].sort()).toEqual([...REGION_CODES].sort());
    expect(regions.get('5203')!).toBeGreaterThan(regions.get('5207')! * 3);
    expect(new Set(sample.clients.map((c) => c.cohort))).toEqual(new Set(['2024-A', '2024-B', '2025-A', '2025-B']));
    expect(share(sample.clients, (c) => c.entity_type === 'koperasi')).toBeCloseTo(0.15, 1);
    expect(sample.clients.filter((c) => c.entity_type === 'koperasi').every((c) => c.owner_gender === '')).toBe(true);
    const umkm = sample.clients.filter((c) => c.entity_type === 'umkm');
    expect(share(umkm, (c) => c.owner_gender === 'P')).toBeGreaterThan(0.48);
    expect(share(umkm, (c) => c.owner_gender === 'P')).toBeLessThan(0.62);
    expect(share(umkm, (c) => c.owner_gender === '')).toBeGreaterThan(0);
    const programmes = new Map<string, number>();
    for (const m of sample.mentors) programmes.set(m.programme, (programmes.get(m.programme) ?? 0) + 1);
    expect([...programmes.entries()].sort((a, b) => b[1] - a[1]).map(([p]) => p)).toEqual([
      'pendamping_kumkm',
      'ppkl',
      'bds',
      'konsultan_plut',
    ]);
  });

  it('has plausible money, missing values and completion', () => {
    const baseline = sample.outcomes.filter((o) => o.measurement === 'baseline');
    const revenue = baseline.filter((o) => o.monthly_revenue !== '').map((o) => Number(o.monthly_revenue));
    expect(median(revenue)).toBeGreaterThan(9_000_000);
    expect(median(revenue)).toBeLessThan(16_000_000);
    expect(revenue.filter((r) => r > 150_000_000).length).toBeGreaterThan(0);
    expect(share(sample.outcomes, (o) => o.monthly_revenue === '')).toBeGreaterThan(0.01);
    expect(share(sample.outcomes, (o) => o.monthly_revenue === '')).toBeLessThan(0.06);
    expect(sample.outcomes.some((o) => o.monthly_revenue === '0')).toBe(true);
    expect(share(baseline, (o) => o.has_nib === 'true')).toBeCloseTo(0.35, 1);
    const withEndline = new Set(sample.outcomes.filter((o) => o.measurement === 'endline').map((o) => o.client_id));
    expect(1 - withEndline.size / 1500).toBeGreaterThan(0.02);
    expect(1 - withEndline.size / 1500).toBeLessThan(0.07);
    const reported = new Set(sample.sessions.filter((s) => s.stage === 'pelaporan').map((s) => s.client_id));
    expect(1 - reported.size / 1500).toBeGreaterThan(0.05);
    expect(1 - reported.size / 1500).toBeLessThan(0.12);
    expect(share(sample.sessions, (s) => s.duration_hours === '')).toBeCloseTo(0.03, 1);
    expect(share(sample.sessions, (s) => s.mode === 'tatap_muka')).toBeGreaterThan(0.6);
  });
});

describe('the committed sample: planted effects are recovered', () => {
  interface ClientFacts {
    client: Row;
    sessions: number;
    byFunction: Record<string, number>;
    itSessions: number;
    out: Partial<Record<string, Row>>;
  }
  let facts: ClientFacts[];
  beforeAll(() => {
    const sample = readSample(join(ROOT, 'data', 'sample'));
    const map = new Map<string, ClientFacts>(
      sample.clients.map((c) => [
        c.client_id,
        { client: c, sessions: 0, byFunction: Object.fromEntries(OFFICIAL_FUNCTIONS.map((f) => [f, 0])), itSessions: 0, out: {} },
      ]),
    );
    for (const s of sample.sessions) {
      const f = map.get(s.client_id)!;
      f.sessions++;
      for (const fn of s.functions.split('|')) f.byFunction[fn]++;
      if (s.support_area === 'teknologi_informasi') f.itSessions++;
    }
    for (const o of sample.outcomes) map.get(o.client_id)!.out[o.measurement] = o;
    facts = [...map.values()];
  });

  const growth = (f: ClientFacts): number | null => {
    const b = f.out.baseline?.monthly_revenue;
    const e = f.out.endline?.monthly_revenue;
    if (!b || !e || Number(b) === 0) return null;
    return Number(e) / Number(b) - 1;
  };

  it('1. educate + facilitate: ≈ +25 pp median growth, and the top two functions by median growth', () => {
    const measured = facts.filter((f) => growth(f) !== null);
    const both = measured.filter((f) => f.byFunction.educate >= 3 && f.byFunction.facilitate >= 3);
    const neither = measured.filter((f) => f.byFunction.educate < 3 && f.byFunction.facilitate < 3);
    const gap = median(both.map((f) => growth(f)!)) - median(neither.map((f) => growth(f)!));
    expect(gap).toBeGreaterThan(0.18);
    expect(gap).toBeLessThan(0.35);
    expect(median(neither.map((f) => growth(f)!))).toBeGreaterThan(0.08);
    expect(median(neither.map((f) => growth(f)!))).toBeLessThan(0.22);
    const byFunction = OFFICIAL_FUNCTIONS.map((fn) => {
      const exposed = measured.filter((f) => f.byFunction[fn] >= 3);
      return { fn, n: exposed.length, median: exposed.length ? median(exposed.map((f) => growth(f)!)) : -Infinity };
    }).sort((a, b) => b.median - a.median);
    expect(
      byFunction
        .slice(0, 2)
        .map((x) => x.fn)
        .sort(),
    ).toEqual(['educate', 'facilitate']);
    // Exposure varies widely between clients.
    const educate = facts.map((f) => f.byFunction.educate);
    expect(Math.min(...educate)).toBe(0);
    expect(Math.max(...educate)).toBeGreaterThanOrEqual(10);
  });

  it('2. cohort 2025-A naik kelas at 2–3× every other cohort, and every cohort above zero', () => {
    const rate = (cohort: string): number => {
      const measured = facts.filter((f) => f.client.cohort === cohort && f.out.baseline?.size_class && f.out.endline?.size_class);
      return share(measured, (f) => sizeRank(f.out.endline!.size_class as SizeClass) > sizeRank(f.out.baseline!.size_class as SizeClass));
    };
    const target = rate('2025-A');
    for (const other of ['2024-A', '2024-B', '2025-B']) {
      expect(rate(other)).toBeGreaterThan(0);
      expect(target / rate(other)).toBeGreaterThan(2);
    }
  });

  it('3. Sumbawa Barat: ~40% fewer sessions per client and more clients per mentor', () => {
    const province = median(facts.map((f) => f.sessions));
    const ksb = median(facts.filter((f) => f.client.region_code === '5207').map((f) => f.sessions));
    expect(ksb / province).toBeGreaterThan(0.45);
    expect(ksb / province).toBeLessThan(0.75);
    for (const region of REGION_CODES.filter((r) => r !== '5207')) {
      const others = median(facts.filter((f) => f.client.region_code === region).map((f) => f.sessions));
      expect(others).toBeGreaterThan(ksb);
    }
  });

  it('4. NIB rises ≈ +20 pp with ≥3 facilitate sessions, ≈ +5 pp otherwise', () => {
    const change = (pred: (f: ClientFacts) => boolean): number => {
      const g = facts.filter((f) => pred(f) && f.out.baseline?.has_nib && f.out.endline?.has_nib);
      return share(g, (f) => f.out.endline!.has_nib === 'true') - share(g, (f) => f.out.baseline!.has_nib === 'true');
    };
    const facilitated = change((f) => f.byFunction.facilitate >= 3);
    const others = change((f) => f.byFunction.facilitate < 3);
    expect(facilitated).toBeGreaterThan(0.14);
    expect(facilitated).toBeLessThan(0.27);
    expect(others).toBeGreaterThan(0.01);
    expect(others).toBeLessThan(0.09);
  });

  it('5. sells_online follows ≥2 teknologi_informasi sessions', () => {
    const switched = (pred: (f: ClientFacts) => boolean): number => {
      const g = facts.filter((f) => pred(f) && f.out.baseline?.sells_online === 'false' && f.out.endline?.sells_online);
      return share(g, (f) => f.out.endline!.sells_online === 'true');
    };
    const supported = switched((f) => f.itSessions >= 2);
    const others = switched((f) => f.itSessions < 2);
    expect(supported).toBeGreaterThan(0.45);
    expect(others).toBeLessThan(0.15);
    expect(supported / others).toBeGreaterThan(4);
  });
});

describe('data/README.md', () => {
  it('holds the column tables generated from schema.ts', () => {
    const readme = readFileSync(join(ROOT, 'data', 'README.md'), 'utf8');
    expect(readme).toContain(schemaMarkdown());
  });
});
