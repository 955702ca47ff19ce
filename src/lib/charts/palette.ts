/** Okabe–Ito colours: distinguishable with the common forms of colour-blindness. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;
/** Exposed vs not exposed: blue vs orange. */
export const EXPOSURE_COLOURS = { exposed: '#0072B2', notExposed: '#E69F00' } as const;
/** Sequential scheme for the map (perceptually uniform, colour-blind safe). */
export const SEQUENTIAL_SCHEME = 'cividis';
