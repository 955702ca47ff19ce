/**
 * Numbers in the chart fixtures as the Indonesian pages write them ("28,1%", "1.280"),
 * without Intl, so a golden file has the same text on every machine.
 */
export const percent = (v: number) => `${(v * 100).toFixed(1).replace('.', ',')}%`;
export const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
