/**
 * Mentor-function frameworks. The crosswalk from the official task codes to every
 * framework's functions is data (`data/mentor-functions.csv`, editable by evaluators);
 * this module parses it and names the frameworks.
 */
import Papa from 'papaparse';
import { OFFICIAL_FUNCTIONS, type OfficialFunction } from './schema';

export const FRAMEWORKS = [
  { key: 'official', label_id: 'Tugas resmi pendamping', label_en: 'Official mentor tasks' },
  { key: 'wiryasaputra', label_id: 'Wiryasaputra (5 fungsi)', label_en: 'Wiryasaputra (5 functions)' },
  { key: 'suharto_functions', label_id: 'Suharto: 4 fungsi', label_en: 'Suharto: 4 functions' },
  { key: 'suharto_activities', label_id: 'Suharto: kegiatan lapangan', label_en: 'Suharto: field activities' },
  { key: 'suharto_roles', label_id: 'Suharto: 10 peran', label_en: 'Suharto: 10 roles' },
  { key: 'primahendra', label_id: 'Primahendra (3 peran)', label_en: 'Primahendra (3 roles)' },
] as const;

export type FrameworkKey = (typeof FRAMEWORKS)[number]['key'];

export interface FrameworkFunction {
  readonly framework: string;
  readonly function: string;
  readonly label_id: string;
  readonly label_en: string;
  /** Official task codes that count as this function. */
  readonly official_tasks: readonly OfficialFunction[];
  readonly aliases: readonly string[];
}

/** Parses `mentor-functions.csv`; throws with the row number on a malformed row. */
export function parseCrosswalk(csvText: string): FrameworkFunction[] {
  const parsed = Papa.parse<Record<string, string>>(csvText.trim(), { header: true, skipEmptyLines: true });
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    throw new Error(`mentor-functions.csv row ${(e.row ?? 0) + 2}: ${e.message}`);
  }
  return parsed.data.map((row, i) => {
    const tasks = (row.official_tasks ?? '')
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const t of tasks) {
      if (!(OFFICIAL_FUNCTIONS as readonly string[]).includes(t)) {
        throw new Error(`mentor-functions.csv row ${i + 2}: unknown official task "${t}"`);
      }
    }
    if (!row.framework || !row.function) throw new Error(`mentor-functions.csv row ${i + 2}: framework and function are required`);
    return {
      framework: row.framework.trim(),
      function: row.function.trim(),
      label_id: (row.label_id ?? row.function).trim(),
      label_en: (row.label_en ?? row.function).trim(),
      official_tasks: tasks as OfficialFunction[],
      aliases: (row.aliases ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
    };
  });
}
