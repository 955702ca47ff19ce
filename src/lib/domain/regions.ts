/** The 10 kabupaten/kota of Nusa Tenggara Barat (BPS province code 52). */

export type Island = 'lombok' | 'sumbawa';

export interface Region {
  /** 4-digit BPS code, e.g. '5203'. */
  readonly code: string;
  readonly name: string;
  readonly kind: 'kabupaten' | 'kota';
  readonly island: Island;
  /** Other spellings seen in exports (matched as whole names, case- and punctuation-blind). */
  readonly aliases: readonly string[];
}

export const REGIONS: readonly Region[] = [
  {
    code: '5201',
    name: 'Lombok Barat',
    kind: 'kabupaten',
    island: 'lombok',
    aliases: ['Kab. Lombok Barat', 'Kabupaten Lombok Barat', 'LOBAR'],
  },
  {
    code: '5202',
    name: 'Lombok Tengah',
    kind: 'kabupaten',
    island: 'lombok',
    aliases: ['Kab. Lombok Tengah', 'Kabupaten Lombok Tengah', 'LOTENG'],
  },
  {
    code: '5203',
    name: 'Lombok Timur',
    kind: 'kabupaten',
    island: 'lombok',
    aliases: ['Kab. Lombok Timur', 'Kabupaten Lombok Timur', 'LOTIM'],
  },
  { code: '5204', name: 'Sumbawa', kind: 'kabupaten', island: 'sumbawa', aliases: ['Kab. Sumbawa', 'Kabupaten Sumbawa'] },
  { code: '5205', name: 'Dompu', kind: 'kabupaten', island: 'sumbawa', aliases: ['Kab. Dompu', 'Kabupaten Dompu'] },
  { code: '5206', name: 'Bima', kind: 'kabupaten', island: 'sumbawa', aliases: ['Kab. Bima', 'Kabupaten Bima'] },
  {
    code: '5207',
    name: 'Sumbawa Barat',
    kind: 'kabupaten',
    island: 'sumbawa',
    aliases: ['Kab. Sumbawa Barat', 'Kabupaten Sumbawa Barat', 'KSB'],
  },
  {
    code: '5208',
    name: 'Lombok Utara',
    kind: 'kabupaten',
    island: 'lombok',
    aliases: ['Kab. Lombok Utara', 'Kabupaten Lombok Utara', 'KLU'],
  },
  { code: '5271', name: 'Kota Mataram', kind: 'kota', island: 'lombok', aliases: ['Mataram'] },
  { code: '5272', name: 'Kota Bima', kind: 'kota', island: 'sumbawa', aliases: [] },
];

export const REGION_CODES = REGIONS.map((r) => r.code);

export function regionByCode(code: string): Region | undefined {
  return REGIONS.find((r) => r.code === code);
}
