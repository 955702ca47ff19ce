/**
 * Memory of a Chromium we launched, read from the operating system (Linux `ps`): the
 * resident set size of its renderer processes — the tab, with its DuckDB worker and the
 * WebAssembly heap — sampled while something runs, to report the peak.
 */
import { execFileSync } from 'node:child_process';

interface Proc {
  pid: number;
  ppid: number;
  rss: number;
  args: string;
}

function processes(): Proc[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rss: Number(m[3]) * 1024, args: m[4] }));
}

/** Renderer RSS (bytes) of the browser started with `userDataDir`; null when not found. */
export function rendererRss(userDataDir: string): number | null {
  const all = processes();
  const root = all.find((p) => p.args.includes(`--user-data-dir=${userDataDir}`) && !p.args.includes('--type='));
  if (!root) return null;
  const children = new Map<number, Proc[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  let total = 0;
  const stack = [root.pid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    for (const child of children.get(pid) ?? []) {
      if (child.args.includes('--type=renderer')) total += child.rss;
      stack.push(child.pid);
    }
  }
  return total;
}

/** Samples the renderer RSS every `ms` until stopped; returns the peak seen. */
export function sampleRss(userDataDir: string, ms = 200): { stop(): number; peak(): number } {
  let peak = rendererRss(userDataDir) ?? 0;
  const timer = setInterval(() => {
    const now = rendererRss(userDataDir);
    if (now !== null && now > peak) peak = now;
  }, ms);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
    peak: () => peak,
  };
}
