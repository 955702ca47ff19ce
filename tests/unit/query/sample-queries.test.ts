/**
 * The query layer on the built-in sample, with the real engine (DuckDB-WASM's Node build):
 * SQL results are checked against independent calculations in plain JavaScript from the
 * CSV files, and the effects the generator planted (data/README.md) must be recovered by
 * the same queries the pages use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/lib/query/database';
import { runGroupQuery, type GroupRow } from '../../../src/lib/query/group-query';
import { NO_FILTERS, overviewKpis } from '../../../src/lib/query/overview';
import { CROSSWALK_PATH, SAMPLE_DIR, openSampleDatabase } from '../../helpers/sample-db';
import { FRAMEWORKS, parseCrosswalk } from '../../../src/lib/domain/frameworks';

type Csv = Record<string, string>[];
const readCsv = (table: string): Csv =>
  Papa.parse<Record<string, string>>(readFileSync(join(SAMPLE_DIR, `${table}.csv`), 'utf8'), { header: true, skipEmptyLines: true }).data;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

let db: Database & { close(): void };
const clients = readCsv('clients');
const sessions = readCsv('sessions');
const outcomes = readCsv('outcomes');
const SIZE_ORDER = ['mikro', 'kecil', 'menengah', 'besar'];

/** Per client: revenue growth and naik kelas, computed without SQL. */
const growthByClient = new Map<string, number>();
const naikKelasByClient = new Map<string, boolean>();
{
  const byClient = new Map<string, Record<string, Record<string, string>>>();
  for (const o of outcomes) {
    const entry = byClient.get(o.client_id) ?? {};
    entry[o.measurement] = o;
    byClient.set(o.client_id, entry);
  }
  for (const [id, m] of byClient) {
    const b = m.baseline;
    const e = m.endline;
    if (b && e && b.monthly_revenue !== '' && e.monthly_revenue !== '' && Number(b.monthly_revenue) > 0) {
      growthByClient.set(id, (Number(e.monthly_revenue) - Number(b.monthly_revenue)) / Number(b.monthly_revenue));
    }
    if (b && e && b.size_class && e.size_class) {
      naikKelasByClient.set(id, SIZE_ORDER.indexOf(e.size_class) > SIZE_ORDER.indexOf(b.size_class));
    }
  }
}

/** Sessions per client performing a task. */
function taskCounts(task: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of sessions) if (s.functions.split('|').includes(task)) counts.set(s.client_id, (counts.get(s.client_id) ?? 0) + 1);
  return counts;
}

const base = { framework: 'official', minSessions: 3, filters: NO_FILTERS };
const exposedRows = (rows: GroupRow[]) => rows.filter((r) => r.exposed);

beforeAll(async () => {
  db = await openSampleDatabase();
});
afterAll(() => db?.close());

describe('KPIs equal independent calculations from the CSV files', () => {
  it('counts every row of every table', async () => {
    const k = await overviewKpis(db);
    expect(k.clients).toBe(clients.length);
    expect(k.sessions).toBe(sessions.length);
    expect(k.mentors).toBe(new Set(sessions.map((s) => s.mentor_id)).size);
  });

  it('median revenue growth, naik-kelas rate and NIB share at endline', async () => {
    const k = await overviewKpis(db);
    expect(k.revenue_growth_n).toBe(growthByClient.size);
    expect(k.median_revenue_growth).toBeCloseTo(median([...growthByClient.values()]), 12);
    const naik = [...naikKelasByClient.values()];
    expect(k.naik_kelas_n).toBe(naik.length);
    expect(k.naik_kelas_rate).toBeCloseTo(naik.filter(Boolean).length / naik.length, 12);
    const endNib = outcomes.filter((o) => o.measurement === 'endline' && o.has_nib !== '');
    expect(k.nib_endline_n).toBe(endNib.length);
    expect(k.nib_endline_rate).toBeCloseTo(endNib.filter((o) => o.has_nib === 'true').length / endNib.length, 12);
  });

  it('filters KPIs by region', async () => {
    const k = await overviewKpis(db, { values: { region: ['5207'] } });
    const ids = new Set(clients.filter((c) => c.region_code === '5207').map((c) => c.client_id));
    expect(k.clients).toBe(ids.size);
    expect(k.sessions).toBe(sessions.filter((s) => ids.has(s.client_id)).length);
    expect(k.median_revenue_growth).toBeCloseTo(median([...growthByClient].filter(([id]) => ids.has(id)).map(([, g]) => g)), 12);
  });
});

describe('growth by function (exposure rule) equals a plain JavaScript count', () => {
  it.each(['educate', 'facilitate', 'advise', 'mediate'])('%s: exposed and not-exposed groups', async (task) => {
    const rows = await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'function' });
    const counts = taskCounts(task);
    const exposed = [...growthByClient].filter(([id]) => (counts.get(id) ?? 0) >= 3).map(([, g]) => g);
    const notExposed = [...growthByClient].filter(([id]) => (counts.get(id) ?? 0) < 3).map(([, g]) => g);
    const yes = rows.find((r) => r.group === task && r.exposed === true)!;
    const no = rows.find((r) => r.group === task && r.exposed === false)!;
    expect(yes.n).toBe(exposed.length);
    expect(yes.value).toBeCloseTo(median(exposed), 12);
    expect(no.n).toBe(notExposed.length);
    expect(no.value).toBeCloseTo(median(notExposed), 12);
  });
});

describe('planted effects are recovered (data/README.md, "Planted effects")', () => {
  it('1. educate and facilitate lead revenue growth under the official framework', async () => {
    const rows = exposedRows(await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'function' }));
    const ranked = rows.filter((r) => r.n >= 10).sort((a, b) => b.value! - a.value!);
    expect(
      ranked
        .slice(0, 2)
        .map((r) => r.group)
        .sort(),
    ).toEqual(['educate', 'facilitate']);
    const all = await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'function' });
    for (const fn of ['educate', 'facilitate']) {
      const gap = all.find((r) => r.group === fn && r.exposed)!.value! - all.find((r) => r.group === fn && !r.exposed)!.value!;
      expect(gap).toBeGreaterThan(0.1);
    }
  });

  it('2. cohort 2025-A has the highest naik-kelas rate, at least twice every other cohort', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'naik_kelas_rate', dimension: 'cohort' });
    const a25 = rows.find((r) => r.group === '2025-A')!;
    for (const r of rows.filter((r) => r.group !== '2025-A')) {
      expect(r.value).toBeGreaterThan(0);
      expect(a25.value!).toBeGreaterThan(2 * r.value!);
    }
  });

  it('3. Sumbawa Barat (5207) gets the fewest sessions per client, well below the others', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'sessions_per_client', dimension: 'region' });
    const ksb = rows.find((r) => r.group === '5207')!;
    const others = rows.filter((r) => r.group !== '5207');
    expect(Math.min(...others.map((r) => r.value!))).toBeGreaterThan(ksb.value! * 1.4);
    const growth = await runGroupQuery(db, { ...base, measure: 'revenue_growth_median', dimension: 'region' });
    const lowest = growth.sort((a, b) => a.value! - b.value!)[0];
    expect(lowest.group).toBe('5207');
  });

  it('4. NIB rises more for clients exposed to facilitate', async () => {
    const rows = await runGroupQuery(db, { ...base, measure: 'has_nib_change', dimension: 'function' });
    const yes = rows.find((r) => r.group === 'facilitate' && r.exposed)!;
    const no = rows.find((r) => r.group === 'facilitate' && !r.exposed)!;
    expect(yes.value!).toBeGreaterThan(0.15);
    expect(no.value!).toBeLessThan(0.1);
  });

  it('5. online selling rises with teknologi_informasi support (checked in plain JS: no page measure groups by area yet)', () => {
    const itSessions = new Map<string, number>();
    for (const s of sessions)
      if (s.support_area === 'teknologi_informasi') itSessions.set(s.client_id, (itSessions.get(s.client_id) ?? 0) + 1);
    const change = (keep: (id: string) => boolean) => {
      let before = 0,
        after = 0,
        n = 0;
      for (const c of clients) {
        if (!keep(c.client_id)) continue;
        const b = outcomes.find((o) => o.client_id === c.client_id && o.measurement === 'baseline');
        const e = outcomes.find((o) => o.client_id === c.client_id && o.measurement === 'endline');
        if (!b || !e || b.sells_online === '' || e.sells_online === '') continue;
        n++;
        before += b.sells_online === 'true' ? 1 : 0;
        after += e.sells_online === 'true' ? 1 : 0;
      }
      return (after - before) / n;
    };
    expect(change((id) => (itSessions.get(id) ?? 0) >= 2)).toBeGreaterThan(change((id) => (itSessions.get(id) ?? 0) < 2) + 0.2);
  });
});

describe('planted effects are recovered under every mentor-function framework', () => {
  const crosswalk = parseCrosswalk(readFileSync(CROSSWALK_PATH, 'utf8'));
  const tasksOf = (framework: string, fn: string) => crosswalk.find((r) => r.framework === framework && r.function === fn)!.official_tasks;

  /** Per function: exposed minus not-exposed value, where both groups have n ≥ 10. */
  async function gaps(measure: string, framework: string) {
    const rows = await runGroupQuery(db, { measure, dimension: 'function', framework, minSessions: 3, filters: NO_FILTERS });
    const out: { fn: string; gap: number }[] = [];
    for (const fn of new Set(rows.map((r) => r.group!))) {
      const yes = rows.find((r) => r.group === fn && r.exposed);
      const no = rows.find((r) => r.group === fn && !r.exposed);
      if (yes && no && yes.n >= 10 && no.n >= 10) out.push({ fn, gap: yes.value! - no.value! });
    }
    return out.sort((a, b) => b.gap - a.gap);
  }

  it.each(FRAMEWORKS.map((f) => f.key))(
    '%s: the widest revenue-growth gap is a function built on educate or facilitate',
    async (framework) => {
      const [top] = await gaps('revenue_growth_median', framework);
      expect(tasksOf(framework, top.fn).some((t) => t === 'educate' || t === 'facilitate')).toBe(true);
      expect(top.gap).toBeGreaterThan(0.1);
    },
  );

  it.each(FRAMEWORKS.map((f) => f.key))('%s: the widest NIB gain gap is a function built on facilitate', async (framework) => {
    const [top] = await gaps('has_nib_change', framework);
    expect(tasksOf(framework, top.fn)).toContain('facilitate');
    expect(top.gap).toBeGreaterThan(0);
  });
});
