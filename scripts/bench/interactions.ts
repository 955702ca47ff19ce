/**
 * The interactions every way is timed on, as one sequence of actions from the default
 * Explore view. Every measured action leads to a view not seen before in the run, so no
 * measurement is a revisit answered whole from the result cache; what a new view shares
 * with the one before (cross-filtering leaves the map alone when a region is clicked, a
 * regroup changes only the main chart) is reused, as it is for an evaluator.
 */
import { DEFAULT_VIEW, toggleFilterValue, type ViewState } from '../../src/lib/query/view';

export type BenchAction =
  | { step: 'filter_change' | 'setup'; region: string }
  | { step: 'regroup'; dimension: string };

const REGIONS = ['5201', '5202', '5203', '5204', '5205', '5206', '5207', '5208', '5271', '5272'];
const DIMENSIONS = ['region', 'cohort', 'programme', 'sector', 'island', 'entity_type', 'owner_gender', 'month'];

export const BENCH_ACTIONS: readonly BenchAction[] = [
  // 20 filter changes: tick all ten regions one by one, untick nine, tick the first again.
  ...REGIONS.map((region) => ({ step: 'filter_change' as const, region })),
  ...REGIONS.slice(0, 9).map((region) => ({ step: 'filter_change' as const, region })),
  { step: 'filter_change', region: REGIONS[0] },
  // 20 regroups under three filter states.
  ...[...DIMENSIONS, 'mentor'].map((dimension) => ({ step: 'regroup' as const, dimension })),
  { step: 'setup', region: REGIONS[0] },
  ...DIMENSIONS.map((dimension) => ({ step: 'regroup' as const, dimension })),
  { step: 'setup', region: REGIONS[9] },
  ...DIMENSIONS.slice(0, 3).map((dimension) => ({ step: 'regroup' as const, dimension })),
];

export function applyAction(view: ViewState, action: BenchAction): ViewState {
  if (action.step === 'regroup') return { ...view, dimension: action.dimension };
  return { ...view, filters: toggleFilterValue(view.filters, 'region', action.region) };
}

/** The views the sequence visits, after the default view, in order. */
export function benchViews(): { action: BenchAction; view: ViewState }[] {
  let view = DEFAULT_VIEW;
  return BENCH_ACTIONS.map((action) => {
    view = applyAction(view, action);
    return { action, view };
  });
}
