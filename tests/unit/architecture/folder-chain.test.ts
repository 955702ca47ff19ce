/**
 * The folders of src/lib form a one-way chain: each folder imports only folders before it
 * in ORDER, and no file reaches itself through its imports. A new folder has to be placed
 * in ORDER before this test passes; an import that goes up the chain fails it, and is
 * fixed by moving the type or file down to the folder that owns it (README, Architecture).
 *
 * Imports are read from the source text of every .ts and .svelte file: `import … from`,
 * `import '…'`, `export … from`, `import('…')`, and a worker's `new URL('…', import.meta.url)`.
 * Type-only imports count too: a type is a dependency of the code that names it.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const LIB = fileURLToPath(new URL('../../../src/lib/', import.meta.url));

/** Lowest first: a folder may import the folders before it, never one after it. */
const ORDER = [
  'domain', // the export format, regions, frameworks: no imports inside src/lib
  'stats', // intervals, bootstraps, regressions: pure numbers
  'query', // the Database contract, SQL helpers, the model, measures, dimensions, the view
  'i18n', // messages, formatting, labels of codes; the language in the URL
  'offline', // the service worker's rules and the page's side of it
  'db', // the engine, loaders, the swap, stored and remote datasets
  'ingest', // reading files: sniffing, normalisers, workbooks, size limits
  'upload', // the upload pipeline into the engine
  'findings', // the Findings analysis after SQL
  'state', // the active dataset and page state (Svelte runes)
  'charts', // Plot specs and what a view shows
  'targets', // targets against actuals: status, progress, the store beside each dataset
  'export', // files made from views and templates
  'components', // Svelte components
] as const;

/** One import: the file that has it, and the src/lib file it names. */
interface Edge {
  from: string;
  to: string;
}

const STATIC_IMPORT = /^[ \t]*(?:import|export)\b[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/gm;
const SIDE_EFFECT_IMPORT = /^[ \t]*import\s*(['"])([^'"\n]+)\1/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;
const WORKER_URL = /\bnew URL\(\s*(['"])([^'"\n]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/** The module specifiers a source file imports, in order of appearance per kind. */
function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  for (const pattern of [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT, WORKER_URL]) {
    for (const match of source.matchAll(pattern)) found.push(match[2]);
  }
  return found;
}

const SUFFIXES = ['', '.ts', '.svelte', '.svelte.ts', '/index.ts'];

/**
 * The file a specifier names, as a path relative to `lib`; `null` when it is a package or
 * lies outside `lib`; `undefined` when it points into `lib` but names no file there.
 */
function resolveSpecifier(lib: string, fromFile: string, specifier: string, isFile: (path: string) => boolean): string | null | undefined {
  const path = specifier.replace(/\?.*$/, '');
  let base: string;
  if (path.startsWith('$lib/')) base = join(lib, path.slice('$lib/'.length));
  else if (path.startsWith('.')) base = resolve(dirname(join(lib, fromFile)), path);
  else return null;
  const inLib = relative(lib, base);
  if (inLib.startsWith('..') || inLib === '') return null;
  for (const suffix of SUFFIXES)
    if (isFile(base + suffix))
      return relative(lib, base + suffix)
        .split(sep)
        .join('/');
  return undefined;
}

/** The folder of a file relative to src/lib (its first path segment; '.' for a file at the top). */
function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

/** Each import that goes to a folder not before its own in `order`, as `from → to`. */
function chainViolations(edges: readonly Edge[], order: readonly string[]): string[] {
  const rank = new Map(order.map((folder, i) => [folder, i]));
  const out: string[] = [];
  for (const { from, to } of edges) {
    const a = folderOf(from);
    const b = folderOf(to);
    if (a === b) continue;
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (ra === undefined || rb === undefined || rb > ra) out.push(`${from} → ${to}`);
  }
  return out;
}

/** A cycle of files as the list of its files with the first repeated at the end, or null. */
function findCycle(edges: readonly Edge[]): string[] | null {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) {
    if (!next.has(from)) next.set(from, []);
    next.get(from)!.push(to);
  }
  const DONE = 2;
  const OPEN = 1;
  const mark = new Map<string, number>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    mark.set(file, OPEN);
    path.push(file);
    for (const to of next.get(file) ?? []) {
      const seen = mark.get(to);
      if (seen === OPEN) return [...path.slice(path.indexOf(to)), to];
      if (seen === undefined) {
        const cycle = visit(to);
        if (cycle) return cycle;
      }
    }
    path.pop();
    mark.set(file, DONE);
    return null;
  };
  for (const file of [...next.keys()].sort()) {
    if (mark.has(file)) continue;
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

function libImports(): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = sourceFiles(LIB)
    .map((path) => relative(LIB, path).split(sep).join('/'))
    .sort();
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const from of files) {
    for (const specifier of importSpecifiers(readFileSync(join(LIB, from), 'utf8'))) {
      const to = resolveSpecifier(LIB, from, specifier, isFile);
      if (to === undefined) unresolved.push(`${from}: ${specifier}`);
      else if (to !== null) edges.push({ from, to });
    }
  }
  return { files, edges, unresolved };
}

describe('the folders of src/lib form a one-way chain', () => {
  const { files, edges, unresolved } = libImports();

  it('reads the imports of every file', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(edges.length).toBeGreaterThan(0);
    expect(unresolved).toEqual([]);
  });

  it('places every folder of src/lib in the chain, and no other', () => {
    const folders = [...new Set(files.map(folderOf))].sort();
    expect(folders).toEqual([...ORDER].sort());
  });

  it('lets each folder import only the folders before it', () => {
    expect(chainViolations(edges, ORDER)).toEqual([]);
  });

  it('has no import cycle between files', () => {
    expect(findCycle(edges)).toBeNull();
  });
});

describe('the chain check itself', () => {
  it('finds every kind of import', () => {
    const source = [
      "import a from './a';",
      'import {',
      '  b,',
      '  type B,',
      "} from '$lib/b/b';",
      "import type { C } from '../c';",
      "  import './d.css';",
      "export * from './e';",
      "export { f } from './f';",
      "const g = await import('./g');",
      "const w = new Worker(new URL('./h.worker.ts', import.meta.url), { type: 'module' });",
      "import i from './i.csv?url';",
      '// a comment about exports from elsewhere',
      "const text = 'not an import from here';",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(
      ['$lib/b/b', '../c', './a', './d.css', './e', './f', './g', './h.worker.ts', './i.csv?url'].sort(),
    );
  });

  it('resolves extensionless specifiers the way the bundler does', () => {
    const lib = '/lib';
    const present = new Set(['/lib/a/x.ts', '/lib/a/y.svelte', '/lib/a/z.svelte.ts', '/lib/b/index.ts']);
    const has = (path: string) => present.has(path);
    expect(resolveSpecifier(lib, 'c/m.ts', '$lib/a/x', has)).toBe('a/x.ts');
    expect(resolveSpecifier(lib, 'c/m.ts', '../a/y.svelte', has)).toBe('a/y.svelte');
    expect(resolveSpecifier(lib, 'c/m.ts', '$lib/a/z.svelte', has)).toBe('a/z.svelte.ts');
    expect(resolveSpecifier(lib, 'a/m.ts', '../b', has)).toBe('b/index.ts');
    expect(resolveSpecifier(lib, 'a/m.ts', './missing', has)).toBeUndefined();
    expect(resolveSpecifier(lib, 'a/m.ts', '../../data/x.csv?url', has)).toBeNull();
    expect(resolveSpecifier(lib, 'a/m.ts', 'apache-arrow', has)).toBeNull();
  });

  it('flags an import up the chain and a folder outside it', () => {
    const order = ['low', 'high'];
    expect(chainViolations([{ from: 'high/a.ts', to: 'low/b.ts' }], order)).toEqual([]);
    expect(chainViolations([{ from: 'low/b.ts', to: 'high/a.ts' }], order)).toEqual(['low/b.ts → high/a.ts']);
    expect(chainViolations([{ from: 'new/c.ts', to: 'low/b.ts' }], order)).toEqual(['new/c.ts → low/b.ts']);
  });

  it('finds a cycle of files', () => {
    const chain = [
      { from: 'a/1.ts', to: 'a/2.ts' },
      { from: 'a/2.ts', to: 'a/3.ts' },
    ];
    expect(findCycle(chain)).toBeNull();
    expect(findCycle([...chain, { from: 'a/3.ts', to: 'a/2.ts' }])).toEqual(['a/2.ts', 'a/3.ts', 'a/2.ts']);
  });
});
