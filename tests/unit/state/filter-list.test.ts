import { describe, expect, it } from 'vitest';
import { LONG_FILTER_LIST, shownFilterOptions } from '../../../src/lib/state/filter-list';

const option = (value: string, clients = 1) => ({ value, clients });
const mentors = Array.from({ length: 120 }, (_, i) => option(`M${String(i + 1).padStart(3, '0')}`, 200 - i));
const label = (v: string) => (v === 'M077' ? 'Ni Luh Ayu Éka' : `Mentor ${v.slice(1)}`);

describe('shownFilterOptions', () => {
  it('lists a short list whole, without a search', () => {
    const list = mentors.slice(0, LONG_FILTER_LIST);
    const r = shownFilterOptions(list, [], 'anything', label);
    expect(r.searchable).toBe(false);
    expect(r.shown.map((o) => o.value)).toEqual(list.map((o) => o.value));
  });

  it('shows the first values of a long list, in its order, and counts the rest', () => {
    const r = shownFilterOptions(mentors, [], '', label, 10);
    expect(r.searchable).toBe(true);
    expect(r.shown.map((o) => o.value)).toEqual(mentors.slice(0, 10).map((o) => o.value));
    expect(r.matching).toBe(120);
    expect(r.hidden).toBe(110);
  });

  it('keeps ticked values on top even when they do not match the search', () => {
    const r = shownFilterOptions(mentors, ['M100', 'M003'], 'eka', label, 10);
    // Ticked in the list's order, then the one match (label folded: É → e).
    expect(r.shown.map((o) => o.value)).toEqual(['M003', 'M100', 'M077']);
    expect(r.matching).toBe(1);
    expect(r.hidden).toBe(0);
  });

  it('matches codes as well as labels, ignoring case and spacing', () => {
    const tens = ['M110', 'M111', 'M112', 'M113', 'M114', 'M115', 'M116', 'M117', 'M118', 'M119'];
    expect(shownFilterOptions(mentors, [], 'm11', label, 50).shown.map((o) => o.value)).toEqual(tens);
    expect(shownFilterOptions(mentors, [], '  MENTOR   11', label, 50).shown.map((o) => o.value)).toEqual(tens);
  });

  it('finds nothing for a search nothing matches', () => {
    const r = shownFilterOptions(mentors, ['M001'], 'zzz', label, 10);
    expect(r.shown.map((o) => o.value)).toEqual(['M001']);
    expect(r.matching).toBe(0);
  });
});
