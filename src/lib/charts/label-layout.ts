/**
 * Labels that never overlap: a greedy placement for map labels (at their anchor if there is
 * room, else moved outward step by step and joined to the anchor by a leader line, else left
 * out and named, so the page can say where to read it), and a one-dimensional dodge for
 * labels at the ends of lines. Pure: pixel boxes in, pixel positions out.
 */

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface LabelRequest {
  id: string;
  /** The point the label belongs to (px). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelPlacement {
  id: string;
  /** Centre of the placed label (px). */
  x: number;
  y: number;
  box: Box;
  /** Moved away from its anchor: draw a leader line from (anchorX, anchorY) to the box. */
  displaced: boolean;
  anchorX: number;
  anchorY: number;
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x0 < b.x1 + gap && b.x0 < a.x1 + gap && a.y0 < b.y1 + gap && b.y0 < a.y1 + gap;
}

function inside(box: Box, bounds: Box): boolean {
  return box.x0 >= bounds.x0 && box.y0 >= bounds.y0 && box.x1 <= bounds.x1 && box.y1 <= bounds.y1;
}

/** Where a candidate may go, nearest first: the anchor, then rings of eight directions. */
function candidates(radii: readonly number[]): [number, number][] {
  const out: [number, number][] = [[0, 0]];
  const directions: [number, number][] = [
    [0, -1],
    [0, 1],
    [-1, 0],
    [1, 0],
    [-0.8, -0.8],
    [0.8, -0.8],
    [-0.8, 0.8],
    [0.8, 0.8],
  ];
  for (const r of radii) for (const [dx, dy] of directions) out.push([dx * r, dy * r]);
  return out;
}

/**
 * Places labels in the order given (put the ones that matter most, or have the least
 * freedom, first). A label goes at the first candidate position that lies inside `bounds`
 * and overlaps neither a label already placed nor an obstacle; a label with no such
 * position is dropped.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: Box,
  obstacles: readonly Box[] = [],
  options: { radii?: readonly number[]; gap?: number } = {},
): { placed: LabelPlacement[]; dropped: string[] } {
  const gap = options.gap ?? 2;
  const offsets = candidates(options.radii ?? [14, 24, 36, 50, 66, 84]);
  const placed: LabelPlacement[] = [];
  const dropped: string[] = [];
  const taken: Box[] = [...obstacles];
  for (const r of requests) {
    let found: LabelPlacement | null = null;
    for (const [dx, dy] of offsets) {
      // Outward moves keep the label's near edge at the offset, not its centre.
      const cx = r.x + dx + Math.sign(dx) * (dx !== 0 && dy === 0 ? r.width / 2 : 0);
      const cy = r.y + dy + Math.sign(dy) * (dy !== 0 ? r.height / 2 : 0);
      const box = { x0: cx - r.width / 2, y0: cy - r.height / 2, x1: cx + r.width / 2, y1: cy + r.height / 2 };
      if (!inside(box, bounds) || taken.some((t) => overlaps(box, t, gap))) continue;
      found = { id: r.id, x: cx, y: cy, box, displaced: dx !== 0 || dy !== 0, anchorX: r.x, anchorY: r.y };
      break;
    }
    if (found) {
      placed.push(found);
      taken.push(found.box);
    } else dropped.push(r.id);
  }
  return { placed, dropped };
}

/** The point of `box` nearest to (x, y): where a leader line from the anchor meets the label. */
export function nearestPoint(box: Box, x: number, y: number): [number, number] {
  return [Math.min(box.x1, Math.max(box.x0, x)), Math.min(box.y1, Math.max(box.y0, y))];
}

/**
 * Moves one-dimensional positions apart so neighbours are at least `gap` apart, each as
 * little as it can, staying within [min, max] where there is room: for labels at the ends
 * of lines that finish close together. Returns positions in the input order.
 */
export function dodge(positions: readonly number[], gap: number, min = -Infinity, max = Infinity): number[] {
  const order = Array.from(positions, (p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const out = order.map((o) => o.p);
  // Clusters of labels closer than `gap` are spread evenly around their mean, merging with
  // the cluster before whenever they would then touch it.
  type Cluster = { start: number; end: number; mean: number };
  const clusters: Cluster[] = [];
  for (let k = 0; k < out.length; k++) {
    clusters.push({ start: k, end: k, mean: out[k] });
    for (;;) {
      const c = clusters[clusters.length - 1];
      const prev = clusters[clusters.length - 2];
      if (!prev) break;
      const prevTop = prev.mean + ((prev.end - prev.start) * gap) / 2;
      const cBottom = c.mean - ((c.end - c.start) * gap) / 2;
      if (cBottom - prevTop >= gap) break;
      const count = c.end - prev.start + 1;
      let sum = 0;
      for (let j = prev.start; j <= c.end; j++) sum += order[j].p;
      clusters.splice(clusters.length - 2, 2, { start: prev.start, end: c.end, mean: sum / count });
    }
  }
  for (const c of clusters) {
    const size = c.end - c.start;
    let first = c.mean - (size * gap) / 2;
    if (first < min) first = min;
    if (first + size * gap > max) first = Math.max(min, max - size * gap);
    for (let j = c.start; j <= c.end; j++) out[j] = first + (j - c.start) * gap;
  }
  // Clamping a cluster at an edge can push it into its neighbour: one pass from each side.
  for (let j = 1; j < out.length; j++) if (out[j] - out[j - 1] < gap) out[j] = out[j - 1] + gap;
  for (let j = out.length - 2; j >= 0; j--) if (out[j + 1] - out[j] < gap && out[j + 1] <= max) out[j] = Math.min(out[j], out[j + 1] - gap);
  const result = new Array<number>(positions.length);
  order.forEach((o, k) => (result[o.i] = out[k]));
  return result;
}
