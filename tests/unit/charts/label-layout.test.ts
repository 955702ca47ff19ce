import { describe, expect, it } from 'vitest';
import { dodge, nearestPoint, overlaps, placeLabels, type LabelRequest } from '../../../src/lib/charts/label-layout';
import { GLOSSARY } from '../../../src/lib/i18n/glossary';

describe('placeLabels', () => {
  const bounds = { x0: 0, y0: 0, x1: 300, y1: 200 };

  it('keeps a label at its anchor when there is room', () => {
    const { placed, dropped } = placeLabels([{ id: 'a', x: 150, y: 100, width: 60, height: 24 }], bounds);
    expect(dropped).toEqual([]);
    expect(placed[0]).toMatchObject({ id: 'a', x: 150, y: 100, displaced: false });
  });

  it('never lets two placed labels overlap, moving the later ones outward', () => {
    // Five labels on nearly the same point, like Lombok's regions at the province's scale.
    const requests: LabelRequest[] = [0, 1, 2, 3, 4].map((i) => ({ id: `r${i}`, x: 100 + i * 4, y: 100 + i * 3, width: 80, height: 26 }));
    const { placed, dropped } = placeLabels(requests, bounds);
    expect(placed.length + dropped.length).toBe(5);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
    expect(placed.filter((p) => p.displaced).length).toBe(placed.length - 1);
    for (const p of placed) expect(p.box.x0 >= 0 && p.box.x1 <= 300 && p.box.y0 >= 0 && p.box.y1 <= 200).toBe(true);
  });

  it('avoids obstacles (a marker) and drops a label with nowhere to go', () => {
    const tiny = { x0: 0, y0: 0, x1: 70, y1: 30 };
    const { placed, dropped } = placeLabels(
      [
        { id: 'a', x: 35, y: 15, width: 60, height: 24 },
        { id: 'b', x: 35, y: 15, width: 60, height: 24 },
      ],
      tiny,
    );
    expect(placed.map((p) => p.id)).toEqual(['a']);
    expect(dropped).toEqual(['b']);
    const marker = { x0: 140, y0: 90, x1: 164, y1: 114 };
    const moved = placeLabels([{ id: 'm', x: 152, y: 102, width: 50, height: 24 }], bounds, [marker]).placed[0];
    expect(overlaps(moved.box, marker, 2)).toBe(false);
    expect(moved.displaced).toBe(true);
  });

  it('meets a leader line at the nearest point of the label', () => {
    expect(nearestPoint({ x0: 10, y0: 10, x1: 20, y1: 20 }, 0, 15)).toEqual([10, 15]);
    expect(nearestPoint({ x0: 10, y0: 10, x1: 20, y1: 20 }, 30, 30)).toEqual([20, 20]);
  });
});

describe('dodge', () => {
  it('leaves positions that are far enough apart alone', () => {
    expect(dodge([10, 40, 80], 12)).toEqual([10, 40, 80]);
  });

  it('spreads close positions to the gap, around where they were, keeping their order', () => {
    const out = dodge([100, 101, 102, 50], 14);
    expect(out[3]).toBe(50);
    const sorted = [out[0], out[1], out[2]];
    expect(sorted[1] - sorted[0]).toBeCloseTo(14);
    expect(sorted[2] - sorted[1]).toBeCloseTo(14);
    expect((sorted[0] + sorted[2]) / 2).toBeCloseTo(101);
  });

  it('stays within its bounds when there is room', () => {
    const out = dodge([5, 6, 7], 10, 0, 100);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(0);
    for (let i = 1; i < out.length; i++) expect(out[i] - out[i - 1]).toBeGreaterThanOrEqual(10 - 1e-9);
  });
});

describe('glossary', () => {
  it('explains every term in both languages', () => {
    for (const [key, entry] of Object.entries(GLOSSARY)) {
      for (const lang of ['id', 'en'] as const) {
        expect(entry[lang].term, `${key} ${lang}`).not.toBe('');
        expect(entry[lang].text.length, `${key} ${lang}`).toBeGreaterThan(30);
      }
    }
  });
});
