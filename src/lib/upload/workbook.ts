/**
 * Excel workbooks on the Data page: which dropped files are workbooks, and turning one
 * into a CSV `File` per sheet — in a module Web Worker (`src/lib/ingest/xlsx.worker.ts`) in
 * the browser, in the calling thread where there is no `Worker` (Node tests). The sheet
 * files then go through `inspectFile` like any CSV.
 */
import type { SkippedSheet, WorkbookFailure, WorkbookFilesResult, WorkbookSheetFiles } from '../ingest/xlsx';
import { isOle, isZip } from '../ingest/containers';
import type { WorkbookAnswer, WorkbookRequest } from '../ingest/xlsx.worker';
import { translate, type Lang, type MessageKey } from '../i18n/messages';
import { formatInteger } from '../i18n/format';
import { formatSize } from './report';
import { MAX_FILE_BYTES } from '../ingest/limits';

export type {
  SheetFile,
  SkippedSheet,
  WorkbookFailure,
  WorkbookFailureReason,
  WorkbookFilesResult,
  WorkbookSheetFiles,
} from '../ingest/xlsx';

/** File name endings of spreadsheet formats (the supported .xlsx/.xlsm and the refused ones). */
const SPREADSHEET_NAME = /\.(xlsx|xlsm|xltx|xltm|xls|xlsb|ods|ots)$/i;

/**
 * Whether a file should go to `workbookSheetFiles` rather than straight to `inspectFile`:
 * a spreadsheet name, or the bytes of a ZIP or OLE file whatever the name (an .xlsx saved as
 * `laporan.csv`). Reads 8 bytes.
 */
export async function isWorkbookFile(file: Blob & { name?: string }): Promise<boolean> {
  if (file.name && SPREADSHEET_NAME.test(file.name)) return true;
  if (file.size < 4) return false;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  return isZip(head) || isOle(head);
}

export interface WorkbookReadOptions {
  readonly signal?: AbortSignal;
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

let nextRequest = 1;

/**
 * Reads a workbook in a new module worker and resolves with its sheet files (or the reason
 * it cannot be read). The worker is ended when the answer comes, and at once on `signal`
 * (the promise then rejects with the signal's reason). A worker that cannot start or dies
 * (e.g. out of memory) resolves as `corrupt_workbook` with the browser's message as detail.
 */
export function readWorkbookInWorker(file: Blob & { name?: string }, options: WorkbookReadOptions = {}): Promise<WorkbookFilesResult> {
  const { signal } = options;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise<WorkbookFilesResult>((resolve, reject) => {
    const worker = new Worker(new URL('../ingest/xlsx.worker.ts', import.meta.url), { type: 'module', name: 'dampingan-xlsx' });
    const id = nextRequest++;
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      finish();
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.addEventListener('message', (event: MessageEvent<WorkbookAnswer>) => {
      if (event.data?.id !== id) return;
      finish();
      resolve(event.data.result);
    });
    const broken = (detail: string) => {
      finish();
      resolve({ ok: false, reason: 'corrupt_workbook', detail: `the workbook reader stopped: ${detail}` } satisfies WorkbookFailure);
    };
    worker.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      broken(event.message || 'worker error');
    });
    worker.addEventListener('messageerror', () => broken('its answer could not be read'));
    const request: WorkbookRequest = { id, file, name: file.name ?? 'workbook.xlsx' };
    worker.postMessage(request);
  });
}

/**
 * One CSV `File` per non-empty visible sheet of a workbook, named `<workbook> › <sheet>`,
 * of type `text/csv`, ready for `inspectFile`; hidden and empty sheets are listed in
 * `skipped`. Or a `WorkbookFailure` whose `reason` has a message `data.inspect.<reason>`.
 */
export async function workbookSheetFiles(file: File, options: WorkbookReadOptions = {}): Promise<WorkbookSheetFiles | WorkbookFailure> {
  if (typeof Worker !== 'undefined') return readWorkbookInWorker(file, options);
  if (options.signal?.aborted) throw abortError(options.signal);
  // Loaded only here, so the reader and its libraries stay out of the page's own code.
  const { expandWorkbook } = await import('../ingest/xlsx');
  return expandWorkbook(file, file.name);
}

/** Why a workbook cannot be read, as one sentence (`data.inspect.<reason>`). */
export function workbookFailureText(lang: Lang, failure: WorkbookFailure, fileSize: number): string {
  const limit = failure.limit ?? MAX_FILE_BYTES;
  return translate(lang, `data.inspect.${failure.reason}` as MessageKey, {
    size: formatSize(lang, fileSize),
    max: failure.reason === 'too_many_cells' ? formatInteger(lang, limit) : formatSize(lang, limit),
    sheet: failure.sheet ?? '',
    line: '?',
  });
}

const SKIPPED_KEY: Record<SkippedSheet['reason'], MessageKey> = {
  hidden: 'data.workbook.sheetHidden',
  empty: 'data.workbook.sheetEmpty',
  dictionary: 'data.workbook.sheetDictionary',
};

/** Why a sheet of a workbook did not become a file, as one sentence. */
export function skippedSheetText(lang: Lang, skipped: SkippedSheet, workbookName: string): string {
  return translate(lang, SKIPPED_KEY[skipped.reason], { sheet: skipped.sheet, file: workbookName });
}
