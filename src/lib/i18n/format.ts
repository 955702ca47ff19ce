/** Numbers and dates formatted for the UI language (id-ID by default). */
import type { Lang } from './messages';

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

// Building an Intl formatter costs far more than using one; tables and chart labels format
// thousands of numbers per view, so each formatter is built once.
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(LOCALE[lang], options)));
  return format;
}
const dateFormats = new Map<Lang, Intl.DateTimeFormat>();

export function formatInteger(lang: Lang, value: number): string {
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A fraction as a percentage: 0.234 → "23,4%" (id) / "23.4%" (en). */
export function formatPercent(lang: Lang, fraction: number | null, digits = 1): string {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  return numberFormat(lang, {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(fraction);
}

const RUPIAH_UNITS: Record<Lang, [number, string][]> = {
  id: [
    [1e12, 'T'],
    [1e9, 'M'],
    [1e6, 'jt'],
    [1e3, 'rb'],
  ],
  en: [
    [1e12, 'tn'],
    [1e9, 'bn'],
    [1e6, 'm'],
    [1e3, 'k'],
  ],
};

/** Rupiah, abbreviated: 1 200 000 → "Rp 1,2 jt" (id) / "Rp 1.2 m" (en). */
export function formatRupiah(lang: Lang, amount: number | null): string {
  if (amount == null || !Number.isFinite(amount)) return '–';
  const sign = amount < 0 ? '−' : '';
  const abs = Math.abs(amount);
  for (const [size, unit] of RUPIAH_UNITS[lang]) {
    if (abs >= size) {
      const number = numberFormat(lang, { maximumFractionDigits: 1 }).format(abs / size);
      return `${sign}Rp ${number} ${unit}`;
    }
  }
  return `${sign}Rp ${formatInteger(lang, abs)}`;
}

export function formatDate(lang: Lang, isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  let format = dateFormats.get(lang);
  if (!format)
    dateFormats.set(
      lang,
      (format = new Intl.DateTimeFormat(LOCALE[lang], { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })),
    );
  return format.format(date);
}

export function formatBytes(lang: Lang, bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${numberFormat(lang, { maximumFractionDigits: 1 }).format(mb)} MB`;
}

/** Formats a measure's value by its kind (see query/measures.ts). */
export function formatMeasure(lang: Lang, format: 'percent' | 'pp' | 'number' | 'hours', value: number | null): string {
  if (value == null || !Number.isFinite(value)) return '–';
  const number = (digits: number) => numberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  switch (format) {
    case 'percent':
      return formatPercent(lang, value);
    case 'pp': {
      const pp = numberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(value * 100);
      return `${pp} pp`;
    }
    case 'hours':
      return `${number(1)} ${lang === 'en' ? 'h' : 'jam'}`;
    default:
      return number(1);
  }
}

/** Scale factor and axis unit for plotting a measure (fractions are drawn as %). */
export function plotScale(format: 'percent' | 'pp' | 'number' | 'hours'): { factor: number; unit: string } {
  if (format === 'percent') return { factor: 100, unit: '%' };
  if (format === 'pp') return { factor: 100, unit: 'pp' };
  return { factor: 1, unit: '' };
}

/** A plain number with a fixed number of decimals; `signed` writes + for positive values (− is U+2212). */
export function formatDecimal(lang: Lang, value: number | null, digits = 1, signed = false): string {
  if (value == null || Number.isNaN(value)) return '–';
  return numberFormat(lang, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? 'exceptZero' : 'auto',
  })
    .format(value)
    .replace('-', '−');
}
