/**
 * The naive approach a dashboard without a database would take: PapaParse every file, then
 * group in plain JavaScript. It computes the same numbers as the app's default view —
 * median revenue growth of clients exposed / not exposed to each official function (≥ k
 * sessions), per region for the map, and the KPIs — so its timings compare like for like.
 */
import Papa from 'papaparse';

type Row = Record<string, string>;

export interface NaiveData {
  clients: Row[];
  sessionsByClient: Map<string, Row[]>;
  growth: Map<string, number>;
  tasksByClient: Map<string, Map<string, number>>;
}

function parse(text: string): Row[] {
  return Papa.parse<Row>(text, { header: true, skipEmptyLines: true }).data;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = Float64Array.from(values).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function loadNaive(files: { clients: string; sessions: string; outcomes: string }): NaiveData {
  const clients = parse(files.clients);
  const sessions = parse(files.sessions);
  const outcomes = parse(files.outcomes);
  const base = new Map<string, number>();
  const end = new Map<string, number>();
  for (const o of outcomes) {
    if (o.monthly_revenue === '') continue;
    if (o.measurement === 'baseline') base.set(o.client_id, Number(o.monthly_revenue));
    else if (o.measurement === 'endline') end.set(o.client_id, Number(o.monthly_revenue));
  }
  const growth = new Map<string, number>();
  for (const [id, b] of base) {
    const e = end.get(id);
    if (b > 0 && e !== undefined) growth.set(id, (e - b) / b);
  }
  const sessionsByClient = new Map<string, Row[]>();
  const tasksByClient = new Map<string, Map<string, number>>();
  for (const s of sessions) {
    const list = sessionsByClient.get(s.client_id) ?? [];
    list.push(s);
    sessionsByClient.set(s.client_id, list);
    const tasks = tasksByClient.get(s.client_id) ?? new Map<string, number>();
    for (const task of new Set(s.functions.split('|'))) tasks.set(task, (tasks.get(task) ?? 0) + 1);
    tasksByClient.set(s.client_id, tasks);
  }
  return { clients, sessionsByClient, growth, tasksByClient };
}

const TASKS = ['observe', 'guide', 'correct', 'advise', 'mediate', 'advocate', 'facilitate', 'educate', 'supervise', 'evaluate', 'report'];

/** The default view: KPIs, growth by function exposure, growth by region (with filters). */
export function naiveView(data: NaiveData, options: { regions?: string[]; dimension: 'function' | 'region'; minSessions: number }) {
  const selected = data.clients.filter((c) => !options.regions?.length || options.regions.includes(c.region_code));
  let sessions = 0;
  const mentors = new Set<string>();
  for (const c of selected) {
    for (const s of data.sessionsByClient.get(c.client_id) ?? []) {
      sessions++;
      mentors.add(s.mentor_id);
    }
  }
  const kpis = {
    clients: selected.length,
    sessions,
    mentors: mentors.size,
    median_growth: median(selected.map((c) => data.growth.get(c.client_id)).filter((g): g is number => g !== undefined)),
  };
  const groups: { group: string; exposed: boolean | null; n: number; value: number | null }[] = [];
  if (options.dimension === 'function') {
    for (const task of TASKS) {
      const yes: number[] = [];
      const no: number[] = [];
      for (const c of selected) {
        const g = data.growth.get(c.client_id);
        if (g === undefined) continue;
        ((data.tasksByClient.get(c.client_id)?.get(task) ?? 0) >= options.minSessions ? yes : no).push(g);
      }
      groups.push({ group: task, exposed: true, n: yes.length, value: median(yes) }, { group: task, exposed: false, n: no.length, value: median(no) });
    }
  }
  const byRegion = new Map<string, number[]>();
  for (const c of data.clients) {
    const g = data.growth.get(c.client_id);
    if (g === undefined) continue;
    const list = byRegion.get(c.region_code) ?? [];
    list.push(g);
    byRegion.set(c.region_code, list);
  }
  const regions = [...byRegion].map(([group, values]) => ({ group, n: values.length, value: median(values) }));
  if (options.dimension === 'region') groups.push(...regions.map((r) => ({ ...r, exposed: null })));
  return { kpis, groups, regions };
}
