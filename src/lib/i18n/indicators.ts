/**
 * The indicator reference sheet of every measure, in Bahasa Indonesia and English: what it
 * is, how it is computed (numerator and denominator), which clients count, the columns it
 * is read from, what happens to missing values, the interval, and which way is better. The
 * sheets are built from the measure registry (query/measures.ts) and the model's SQL
 * (query/model.ts), so a measure added there without a sheet here fails its unit test.
 */
import { MEASURES, type MeasureDef } from '../query/measures';
import { BOOLEAN_OUTCOMES, type BooleanOutcome } from '../query/model';
import type { Lang } from './messages';

export interface IndicatorSheet {
  readonly key: string;
  readonly name: string;
  readonly definition: string;
  /** What is counted or added up (a share's numerator; a mean's or median's per-client value). */
  readonly numerator: string;
  /** Over whom (a share's denominator; the clients or mentor-months a mean or median is taken over). */
  readonly denominator: string;
  /** The unit the value is shown in. */
  readonly unit: string;
  /** Which clients (or mentor-months) count, under the page's filters. */
  readonly population: string;
  /** Columns of the export format it is read from (`table.column`). */
  readonly sources: readonly string[];
  readonly missing: string;
  readonly interval: string;
  readonly direction: string;
}

type Words = Readonly<Record<Lang, string>>;
const w = (id: string, en: string): Words => ({ id, en });

/** The text of a sheet that depends on the measure, in both languages. */
interface SheetText {
  readonly definition: Words;
  readonly numerator: Words;
  readonly denominator: Words;
  readonly population: Words;
  readonly sources: readonly string[];
  readonly missing: Words;
}

const BOTH_MEASUREMENTS = w(
  'Klien yang punya pengukuran baseline dan endline dengan nilai ini terisi di keduanya.',
  'Clients with a baseline and an endline measurement that both hold this value.',
);
const MISSING_OUTCOME = w(
  'Klien tanpa baseline, tanpa endline, atau dengan nilai kosong di salah satunya tidak dihitung (n hanya menghitung klien dengan nilai). Tidak ada nilai yang diisi atau ditebak.',
  'Clients without a baseline, without an endline, or with the value empty in either are left out (n counts only clients with a value). Nothing is filled in or guessed.',
);

const BOOLEAN_WORDS: Record<BooleanOutcome, Words> = {
  has_nib: w('memiliki NIB (Nomor Induk Berusaha)', 'holds an NIB (business identification number)'),
  has_halal: w('memiliki sertifikat halal', 'holds a halal certificate'),
  has_kur: w('mengakses Kredit Usaha Rakyat (KUR)', 'has KUR (People’s Business Credit)'),
  keeps_books: w('melakukan pembukuan', 'keeps books'),
  sells_online: w('berjualan secara digital (daring)', 'sells online'),
};

const booleanSheets = BOOLEAN_OUTCOMES.flatMap((b): [string, SheetText][] => {
  const what = BOOLEAN_WORDS[b];
  const source = ['outcomes.client_id', 'outcomes.measurement', `outcomes.${b}`];
  return [
    [
      `${b}_endline_rate`,
      {
        definition: w(
          `Persentase klien yang ${what.id} pada pengukuran endline.`,
          `Share of clients who, at the endline measurement, ${what.en}.`,
        ),
        numerator: w(`Klien yang menjawab "ya" di endline.`, `Clients answering "yes" at endline.`),
        denominator: w('Klien dengan jawaban endline (ya atau tidak).', 'Clients with an endline answer (yes or no).'),
        population: w(
          'Klien terpilih yang punya pengukuran endline dengan kolom ini terisi.',
          'Selected clients with an endline measurement that has this column filled in.',
        ),
        sources: source,
        missing: w(
          'Klien tanpa endline atau dengan jawaban kosong tidak masuk pembilang maupun penyebut.',
          'Clients without an endline, or with the answer empty, are in neither numerator nor denominator.',
        ),
      },
    ],
    [
      `${b}_change`,
      {
        definition: w(
          `Perubahan persentase klien yang ${what.id}, dari baseline ke endline, pada klien yang sama.`,
          `Change in the share of clients who ${what.en}, from baseline to endline, for the same clients.`,
        ),
        numerator: w(
          'Per klien: 1 bila baru "ya" di endline, −1 bila "ya" menjadi "tidak", 0 bila sama; dijumlahkan.',
          'Per client: 1 when "yes" is new at endline, −1 when "yes" became "no", 0 when unchanged; summed.',
        ),
        denominator: w('Klien dengan jawaban di baseline dan endline.', 'Clients with an answer at baseline and at endline.'),
        population: BOTH_MEASUREMENTS,
        sources: source,
        missing: MISSING_OUTCOME,
      },
    ],
  ];
});

const SHEETS: Record<string, SheetText> = {
  revenue_growth_median: {
    definition: w(
      'Median pertumbuhan omzet bulanan klien dari baseline ke endline: separuh klien tumbuh lebih dari angka ini, separuh kurang.',
      'The median growth of clients’ monthly revenue from baseline to endline: half the clients grew more than this, half less.',
    ),
    numerator: w('Per klien: omzet bulanan endline − omzet bulanan baseline.', 'Per client: monthly revenue at endline − at baseline.'),
    denominator: w('Per klien: omzet bulanan baseline (harus lebih dari 0).', 'Per client: monthly revenue at baseline (must be above 0).'),
    population: w(
      'Klien dengan omzet baseline lebih dari 0 dan omzet endline terisi.',
      'Clients with a baseline revenue above 0 and an endline revenue filled in.',
    ),
    sources: ['outcomes.client_id', 'outcomes.measurement', 'outcomes.monthly_revenue'],
    missing: w(
      'Klien tanpa omzet baseline atau endline, atau dengan omzet baseline 0, tidak dihitung: pertumbuhan dari nol tidak terdefinisi.',
      'Clients without a baseline or endline revenue, or with a baseline revenue of 0, are left out: growth from zero is undefined.',
    ),
  },
  revenue_growth_mean: {
    definition: w(
      'Rata-rata pertumbuhan omzet bulanan klien dari baseline ke endline. Peka terhadap beberapa klien yang tumbuh sangat besar; bandingkan dengan mediannya.',
      'The mean growth of clients’ monthly revenue from baseline to endline. Sensitive to a few clients who grew very much; compare with the median.',
    ),
    numerator: w('Jumlah pertumbuhan per klien: (endline − baseline) ÷ baseline.', 'Sum over clients of (endline − baseline) ÷ baseline.'),
    denominator: w('Jumlah klien yang dihitung.', 'Number of clients counted.'),
    population: w(
      'Klien dengan omzet baseline lebih dari 0 dan omzet endline terisi.',
      'Clients with a baseline revenue above 0 and an endline revenue filled in.',
    ),
    sources: ['outcomes.client_id', 'outcomes.measurement', 'outcomes.monthly_revenue'],
    missing: w(
      'Klien tanpa omzet baseline atau endline, atau dengan omzet baseline 0, tidak dihitung.',
      'Clients without a baseline or endline revenue, or with a baseline revenue of 0, are left out.',
    ),
  },
  employment_change: {
    definition: w(
      'Rata-rata perubahan jumlah tenaga kerja per klien dari baseline ke endline, dalam orang.',
      'The mean change in the number of workers per client from baseline to endline, in people.',
    ),
    numerator: w('Jumlah (tenaga kerja endline − tenaga kerja baseline).', 'Sum of (workers at endline − workers at baseline).'),
    denominator: w('Jumlah klien yang dihitung.', 'Number of clients counted.'),
    population: BOTH_MEASUREMENTS,
    sources: ['outcomes.client_id', 'outcomes.measurement', 'outcomes.employees'],
    missing: MISSING_OUTCOME,
  },
  naik_kelas_rate: {
    definition: w(
      'Persentase klien yang skala usahanya (mikro, kecil, menengah, besar menurut PP 7/2021) di endline lebih tinggi daripada di baseline.',
      'Share of clients whose business size class (micro, small, medium, large under PP 7/2021) is higher at endline than at baseline.',
    ),
    numerator: w('Klien dengan skala endline di atas skala baseline.', 'Clients whose endline class is above their baseline class.'),
    denominator: w(
      'Klien dengan skala usaha tercatat di baseline dan endline.',
      'Clients with a size class recorded at baseline and at endline.',
    ),
    population: BOTH_MEASUREMENTS,
    sources: ['outcomes.client_id', 'outcomes.measurement', 'outcomes.size_class'],
    missing: MISSING_OUTCOME,
  },
  ...Object.fromEntries(booleanSheets),
  sessions_per_client: {
    definition: w(
      'Rata-rata jumlah sesi pendampingan per klien: berapa banyak pendampingan yang diterima, bukan hasilnya.',
      'The mean number of mentoring sessions per client: how much mentoring was received, not what it achieved.',
    ),
    numerator: w('Jumlah sesi klien terpilih.', 'Number of sessions of the selected clients.'),
    denominator: w(
      'Jumlah klien terpilih (termasuk yang belum punya sesi).',
      'Number of selected clients (including those without a session yet).',
    ),
    population: w('Semua klien terpilih.', 'All selected clients.'),
    sources: ['sessions.client_id', 'clients.client_id'],
    missing: w('Klien tanpa sesi dihitung dengan 0 sesi.', 'Clients without a session count with 0 sessions.'),
  },
  hours_per_client: {
    definition: w('Rata-rata jam pendampingan per klien.', 'The mean number of mentoring hours per client.'),
    numerator: w('Jumlah durasi sesi (jam) klien terpilih.', 'Sum of session durations (hours) of the selected clients.'),
    denominator: w(
      'Jumlah klien terpilih (termasuk yang belum punya sesi).',
      'Number of selected clients (including those without a session yet).',
    ),
    population: w('Semua klien terpilih.', 'All selected clients.'),
    sources: ['sessions.client_id', 'sessions.duration_hours'],
    missing: w(
      'Sesi tanpa durasi menambah 0 jam; klien tanpa sesi dihitung dengan 0 jam. Bila banyak durasi kosong, angka ini terlalu rendah.',
      'Sessions without a duration add 0 hours; clients without a session count with 0 hours. Where many durations are empty, this figure is too low.',
    ),
  },
  stage_completion_rate: {
    definition: w(
      'Persentase klien yang sesinya mencakup keempat tahap pendampingan: observasi awal, pendampingan, evaluasi dan refleksi, pelaporan.',
      'Share of clients whose sessions cover all four stages of mentoring: initial observation, mentoring, evaluation and reflection, reporting.',
    ),
    numerator: w('Klien dengan sesi di keempat tahap.', 'Clients with sessions in all four stages.'),
    denominator: w('Semua klien terpilih.', 'All selected clients.'),
    population: w(
      'Semua klien terpilih (klien tanpa sesi belum menuntaskan).',
      'All selected clients (clients without a session have not completed).',
    ),
    sources: ['sessions.client_id', 'sessions.stage'],
    missing: w('Sesi tanpa tahap tidak menandai tahap apa pun.', 'Sessions without a stage mark no stage.'),
  },
  mentor_sessions_per_month: {
    definition: w(
      'Beban kerja: rata-rata jumlah sesi seorang pendamping dalam satu bulan kalender, atas bulan-bulan ia mendampingi klien terpilih.',
      'Workload: the mean number of sessions a mentor held in a calendar month, over the months they mentored selected clients.',
    ),
    numerator: w('Jumlah sesi dengan klien terpilih.', 'Number of sessions with selected clients.'),
    denominator: w('Jumlah pasangan pendamping × bulan yang punya sesi.', 'Number of mentor × month pairs with a session.'),
    population: w('Pasangan pendamping × bulan dengan sedikitnya satu sesi.', 'Mentor × month pairs with at least one session.'),
    sources: ['sessions.mentor_id', 'sessions.session_date', 'sessions.client_id'],
    missing: w('Sesi tanpa pendamping atau tanggal tidak dihitung.', 'Sessions without a mentor or a date are not counted.'),
  },
  mentor_clients_per_month: {
    definition: w(
      'Beban kerja: rata-rata jumlah klien berbeda yang didampingi seorang pendamping dalam satu bulan kalender.',
      'Workload: the mean number of different clients a mentor worked with in a calendar month.',
    ),
    numerator: w('Jumlah klien berbeda per pendamping per bulan, dijumlahkan.', 'Different clients per mentor per month, summed.'),
    denominator: w('Jumlah pasangan pendamping × bulan yang punya sesi.', 'Number of mentor × month pairs with a session.'),
    population: w('Pasangan pendamping × bulan dengan sedikitnya satu sesi.', 'Mentor × month pairs with at least one session.'),
    sources: ['sessions.mentor_id', 'sessions.session_date', 'sessions.client_id'],
    missing: w('Sesi tanpa pendamping atau tanggal tidak dihitung.', 'Sessions without a mentor or a date are not counted.'),
  },
};

const UNIT: Record<MeasureDef['format'], Words> = {
  percent: w('persen (%)', 'percent (%)'),
  pp: w('poin persentase (pp)', 'percentage points (pp)'),
  number: w('angka (per klien atau per pendamping-bulan)', 'number (per client or per mentor-month)'),
  hours: w('jam', 'hours'),
};

const INTERVAL: Record<MeasureDef['statistic'], Words> = {
  rate: w('Interval 95 % Wilson untuk proporsi.', 'Wilson 95 % interval of a proportion.'),
  median: w(
    'Interval 95 % bootstrap eksak median (tanpa asumsi sebaran).',
    'Exact bootstrap 95 % interval of the median (no assumption about the distribution).',
  ),
  mean: w(
    'Interval 95 % bootstrap persentil rata-rata (dengan benih tetap: angka yang sama tiap kali; untuk tampilan dengan sangat banyak kelompok, pendekatan normal yang dituju bootstrap, dan tabel menyebutnya).',
    'Percentile bootstrap 95 % interval of the mean (seeded: the same figures every time; for views with very many groups, the normal approximation the bootstrap converges to, and the table says so).',
  ),
};

const DIRECTION: Record<'higher' | 'lower' | 'none', Words> = {
  higher: w('Makin tinggi makin baik.', 'Higher is better.'),
  lower: w('Makin rendah makin baik.', 'Lower is better.'),
  none: w(
    'Tidak ada arah "lebih baik": ini ukuran jumlah pendampingan atau beban kerja, bukan hasil.',
    'No "better" direction: this measures how much mentoring happened or the workload, not a result.',
  ),
};

/** The keys of every measure that has a sheet (every measure, once the registry and this file agree). */
export const INDICATOR_KEYS: readonly string[] = MEASURES.map((m) => m.key).filter((key) => key in SHEETS);

/** The reference sheet of a measure in a language; null for a key without one. */
export function indicatorSheet(measure: MeasureDef, lang: Lang): IndicatorSheet | null {
  const text = SHEETS[measure.key];
  if (!text) return null;
  return {
    key: measure.key,
    name: lang === 'en' ? measure.label_en : measure.label_id,
    definition: text.definition[lang],
    numerator: text.numerator[lang],
    denominator: text.denominator[lang],
    unit: UNIT[measure.format][lang],
    population: text.population[lang],
    sources: text.sources,
    missing: text.missing[lang],
    interval: INTERVAL[measure.statistic][lang],
    direction: DIRECTION[measure.direction ?? 'none'][lang],
  };
}
