/**
 * Which values a filter group lists. Most dimensions have a handful of values; the mentor
 * dimension has one per mentor (≈ 2,000 in a provincial export), and listing every one as
 * a checkbox makes the panel unusable on a phone and every view change slower (the browser
 * keeps each form control's state with every history entry). A long list therefore shows
 * the ticked values, then the first `limit` values matching what the evaluator typed
 * (label or code, case and accents ignored), in the list's own order.
 */
import type { FilterOption } from '../query/filter-options';
import { foldText } from '../ingest/normalize-common';

/** Lists longer than this get a search box and show at most this many unticked values. */
export const LONG_FILTER_LIST = 40;

export interface ShownFilterOptions {
  /** Ticked values first, then matching unticked ones (at most `limit` of them). */
  shown: FilterOption[];
  /** Unticked values matching the search, shown or not. */
  matching: number;
  /** Matching unticked values left out (the search narrows them). */
  hidden: number;
  /** Whether the list is long enough to be searched. */
  searchable: boolean;
}

export function shownFilterOptions(
  list: readonly FilterOption[],
  selected: readonly string[],
  search: string,
  label: (value: string) => string,
  limit: number = LONG_FILTER_LIST,
): ShownFilterOptions {
  if (list.length <= limit) return { shown: [...list], matching: list.length, hidden: 0, searchable: false };
  const ticked = new Set(selected);
  const wanted = foldText(search);
  const matches = (o: FilterOption) => wanted === '' || foldText(label(o.value)).includes(wanted) || foldText(o.value).includes(wanted);
  const unticked = list.filter((o) => !ticked.has(o.value) && matches(o));
  const listed = unticked.slice(0, limit);
  return {
    shown: [...list.filter((o) => ticked.has(o.value)), ...listed],
    matching: unticked.length,
    hidden: unticked.length - listed.length,
    searchable: true,
  };
}
