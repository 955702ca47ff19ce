/**
 * What every chart shares: readable type (Plot draws 10 px by default; labels here are at
 * least 11 px, ticks 12 px), a minimum height for anything a finger or pointer activates,
 * and the width under which a chart switches to its narrow layout.
 */

/** Font size of axis ticks and labels (px); set on the SVG, so it travels with exports. */
export const CHART_FONT_SIZE = 12;
/** Font size of text marks beside bars and dots (px). */
export const LABEL_FONT_SIZE = 11;
/** The smallest height (and, for markers, width) of a chart element that can be activated (WCAG 2.5.8). */
export const MIN_TARGET = 24;
/** Below this drawing width a chart puts group labels above its bars instead of beside them. */
export const COMPACT_WIDTH = 560;

/** Plot's `style` option: the chart's base font, inline on the SVG. */
export const CHART_STYLE = { fontSize: `${CHART_FONT_SIZE}px` } as const;

/**
 * Rough width of a line of text in the chart's sans-serif (px). DejaVu Sans and the system
 * sans-serifs average a little under 0.62 em per character.
 */
export function textWidth(text: string, fontSize = LABEL_FONT_SIZE): number {
  return Math.ceil(text.length * fontSize * 0.62);
}

/**
 * Plot names each mark's group with `aria-label` ("bar", "rule", "tick", "x-axis tick"…),
 * an attribute a `<g>` without a role must not carry (axe: aria-prohibited-attr); screen
 * readers get nothing from those names either. Removes them, keeping the chart's own label
 * and the labels of its buttons.
 */
export function tidyChartAria(root: Element): void {
  root.querySelectorAll('g[aria-label]:not([role])').forEach((g) => g.removeAttribute('aria-label'));
  root.querySelectorAll('g[aria-description]:not([role])').forEach((g) => g.removeAttribute('aria-description'));
}
