/**
 * The Findings page's own link parameters, beside the view's (view-url.ts: framework `fw`,
 * exposure rule `k`, minimum n `minn`, every filter and the date range):
 *
 *   /findings/?fo=has_nib&fx=exposed&ff=facilitate&fw=official&k=3&f.region=5201
 *
 * - `fo`: the outcome, checked against the outcome registry (outcomes.ts);
 * - `fx`: `exposed` for the ≥ k exposure model (absent: sessions of each function);
 * - `ff`: the function of the dose–response chart, a function code (checked for shape here,
 *   against the framework's functions once they are loaded; never part of SQL text).
 * Parsing never throws; anything unusable is dropped and reported, as for the view.
 */
import { DEFAULT_OUTCOME, isFindingsOutcome } from './outcomes';
import type { Exposure } from './design';
import { viewToParams } from '../query/view-url';
import type { ViewState } from '../query/view';

export interface FindingsChoice {
  outcome: string;
  exposure: Exposure;
  doseFunction: string | null;
}

export const DEFAULT_FINDINGS_CHOICE: FindingsChoice = { outcome: DEFAULT_OUTCOME, exposure: 'sessions', doseFunction: null };

export type FindingsProblem = 'unknown_outcome' | 'bad_exposure' | 'bad_function';

const FUNCTION_CODE = /^[a-z][a-z0-9_]{0,63}$/;

export function parseFindingsParams(params: URLSearchParams): { choice: FindingsChoice; problems: FindingsProblem[] } {
  const problems: FindingsProblem[] = [];
  let outcome = DEFAULT_FINDINGS_CHOICE.outcome;
  const fo = params.get('fo');
  if (fo !== null) {
    if (isFindingsOutcome(fo)) outcome = fo;
    else problems.push('unknown_outcome');
  }
  let exposure: Exposure = 'sessions';
  const fx = params.get('fx');
  if (fx === 'exposed') exposure = 'exposed';
  else if (fx !== null && fx !== 'sessions') problems.push('bad_exposure');
  let doseFunction: string | null = null;
  const ff = params.get('ff');
  if (ff !== null) {
    if (FUNCTION_CODE.test(ff)) doseFunction = ff;
    else problems.push('bad_function');
  }
  return { choice: { outcome, exposure, doseFunction }, problems };
}

/** The view's parameters plus the Findings ones; defaults left out so links stay short. */
export function findingsToParams(view: ViewState, choice: FindingsChoice): URLSearchParams {
  const params = viewToParams(view);
  if (choice.outcome !== DEFAULT_FINDINGS_CHOICE.outcome) params.set('fo', choice.outcome);
  if (choice.exposure !== DEFAULT_FINDINGS_CHOICE.exposure) params.set('fx', choice.exposure);
  if (choice.doseFunction) params.set('ff', choice.doseFunction);
  return params;
}
