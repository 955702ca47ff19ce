/**
 * Golden files of drawn charts: a chart is drawn from a fixed fixture in jsdom, written out
 * one element per line, and compared with `output/<name>.svg` (`.html` for a chart Plot
 * wraps in a <figure>, the map with its colour ramp). A changed chart fails with a line
 * diff. A missing file is written (outside CI, where it fails instead); `UPDATE_GOLDEN=1`
 * writes every file anew (`npm run test:golden:update`), to be reviewed in the git diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), 'output');

/** Elements written on one line with their content: text, where a line break would show as a space. */
const INLINE = new Set(['text', 'title', 'desc', 'style', 'tspan']);

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** An attribute's name as a browser serialises it: Plot sets `href` in the xlink namespace, written `xlink:href`. */
const attrName = (a: Attr) => (a.namespaceURI === XLINK_NS && !a.prefix ? `xlink:${a.localName}` : a.name);

function openTag(el: Element, extra = ''): string {
  const attrs = [...el.attributes].map((a) => ` ${attrName(a)}="${escapeAttr(a.value)}"`).join('');
  return `<${el.localName}${extra}${attrs}>`;
}

/** The namespaces an SVG root needs to open as a file of its own (Plot's SVG does not declare them). */
function rootNamespaces(root: Element): string {
  if (root.namespaceURI !== SVG_NS) return '';
  const declared = (name: string) => root.hasAttribute(name);
  const usesXlink = [root, ...root.querySelectorAll('*')].some((el) => [...el.attributes].some((a) => a.namespaceURI === XLINK_NS));
  return `${declared('xmlns') ? '' : ` xmlns="${SVG_NS}"`}${usesXlink && !declared('xmlns:xlink') ? ` xmlns:xlink="${XLINK_NS}"` : ''}`;
}

/** An element and everything in it on one line. */
function inline(node: Node): string {
  if (node.nodeType === 3) return escapeText(node.nodeValue ?? '');
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  return `${openTag(el)}${[...el.childNodes].map(inline).join('')}</${el.localName}>`;
}

/**
 * Markup of `root`, one element per line, indented by depth; text and mixed content stay on
 * their element's line. Attributes keep the order they were set in; an SVG root gets the
 * namespace declarations it lacks, so the file opens in a browser as an image.
 */
export function formatMarkup(root: Element): string {
  const lines: string[] = [];
  const walk = (el: Element, depth: number) => {
    const pad = '  '.repeat(depth);
    const open = openTag(el, el === root ? rootNamespaces(root) : '');
    const children = [...el.childNodes].filter((n) => n.nodeType === 1 || (n.nodeType === 3 && (n.nodeValue ?? '').trim() !== ''));
    const onlyElements = children.every((n) => n.nodeType === 1);
    if (INLINE.has(el.localName) || !onlyElements || children.length === 0) {
      lines.push(`${pad}${open}${children.length === 0 ? '' : [...el.childNodes].map(inline).join('')}</${el.localName}>`);
      return;
    }
    lines.push(pad + open);
    for (const child of children) walk(child as Element, depth + 1);
    lines.push(`${pad}</${el.localName}>`);
  };
  walk(root, 0);
  return `${lines.join('\n')}\n`;
}

/** A serialised SVG document (e.g. the framed export) as an element, to be formatted. */
export function parseSvg(markup: string): Element {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const error = doc.querySelector('parsererror');
  if (error) throw new Error(`Not well-formed SVG: ${error.textContent}`);
  return doc.documentElement;
}

/** On a CI server (`CI` set, as they all set it, and not to "false" or "0"), a missing file is an error. */
const inCi = () => !!process.env.CI && !['false', '0'].includes(process.env.CI);

/** Compares the drawn chart with its golden file (or writes the file; see above). */
export function expectGolden(name: string, drawn: Element): void {
  const extension = drawn.namespaceURI === SVG_NS ? 'svg' : 'html';
  const file = join(OUTPUT, `${name}.${extension}`);
  const actual = formatMarkup(drawn);
  const update = process.env.UPDATE_GOLDEN === '1';
  const exists = existsSync(file);
  if (!exists && !update && inCi()) throw new Error(`Golden file ${file} is missing: run \`npm run test:golden:update\` and commit it`);
  if (update || !exists) {
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(file, actual);
    if (!exists) console.warn(`Wrote the missing golden file ${file}`);
    return;
  }
  expect(actual, `${name}.${extension} differs from the golden file (after a wanted change: npm run test:golden:update)`).toBe(
    readFileSync(file, 'utf8'),
  );
}

/**
 * jsdom has no canvas, and Plot paints a continuous colour ramp on one (256 × 1 pixels)
 * before it embeds it as a PNG. This stands in for the canvas: it keeps the colours that are
 * painted and writes them as a real, uncompressed PNG, so the golden file shows the ramp and
 * changes when the colour scheme does. Returns a function that removes it.
 */
export function installCanvasStub(): () => void {
  const proto = HTMLCanvasElement.prototype;
  const original = { getContext: proto.getContext, toDataURL: proto.toDataURL };
  const pixels = new WeakMap<HTMLCanvasElement, Uint8Array>();
  const buffer = (canvas: HTMLCanvasElement) => {
    let data = pixels.get(canvas);
    if (!data || data.length !== canvas.width * canvas.height * 3)
      pixels.set(canvas, (data = new Uint8Array(canvas.width * canvas.height * 3)));
    return data;
  };
  const contextOf = (canvas: HTMLCanvasElement) => {
    const context = {
      fillStyle: '#000000',
      fillRect(x: number, y: number, w: number, h: number) {
        const [r, g, b] = parseColour(context.fillStyle);
        const data = buffer(canvas);
        for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) data.set([r, g, b], (j * canvas.width + i) * 3);
      },
    };
    return context;
  };
  proto.getContext = function (this: HTMLCanvasElement) {
    return contextOf(this);
  } as unknown as typeof proto.getContext;
  proto.toDataURL = function (this: HTMLCanvasElement) {
    return `data:image/png;base64,${Buffer.from(png(this.width, this.height, buffer(this))).toString('base64')}`;
  };
  return () => Object.assign(proto, original);
}

function parseColour(css: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)];
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`The canvas stand-in does not read the colour ${css}`);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An RGB PNG, its image data in stored (uncompressed) deflate blocks: the same bytes with any zlib. */
function png(width: number, height: number, rgb: Uint8Array): Uint8Array {
  const raw: number[] = [];
  for (let y = 0; y < height; y++) raw.push(0, ...rgb.subarray(y * width * 3, (y + 1) * width * 3));
  const zlib: number[] = [0x78, 0x01];
  for (let at = 0; at < raw.length || at === 0; at += 65535) {
    const block = raw.slice(at, at + 65535);
    const last = at + 65535 >= raw.length ? 1 : 0;
    zlib.push(last, block.length & 0xff, block.length >> 8, ~block.length & 0xff, (~block.length >> 8) & 0xff, ...block);
  }
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  zlib.push((b >> 8) & 0xff, b & 0xff, (a >> 8) & 0xff, a & 0xff);
  const u32 = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  const chunk = (type: string, data: number[]) => {
    const body = new Uint8Array([...Buffer.from(type, 'latin1'), ...data]);
    return [...u32(data.length), ...body, ...u32(crc32(body))];
  };
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...chunk('IHDR', [...u32(width), ...u32(height), 8, 2, 0, 0, 0]),
    ...chunk('IDAT', zlib),
    ...chunk('IEND', []),
  ]);
}
