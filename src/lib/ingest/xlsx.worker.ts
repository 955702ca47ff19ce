/**
 * Module Web Worker that reads Excel workbooks off the main thread: a workbook of a few
 * hundred thousand cells takes seconds to unpack and parse, and the page must stay
 * responsive (and cancellable) meanwhile. One request per worker; the client
 * (`src/lib/upload/workbook.ts`) terminates it after the answer or on cancel.
 *
 * Request: `{ id, file, name }` (a `File`/`Blob` is passed by reference, not copied).
 * Answer: `{ id, result }` where `result` is a `WorkbookFilesResult`: the sheet CSVs come
 * back as `File` objects, so the text is not copied through the message either.
 */
import { expandWorkbook, type WorkbookFilesResult } from './xlsx';

export interface WorkbookRequest {
  readonly id: number;
  readonly file: Blob;
  readonly name: string;
}

export interface WorkbookAnswer {
  readonly id: number;
  readonly result: WorkbookFilesResult;
}

const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkbookRequest>) => void): void;
  postMessage(message: WorkbookAnswer): void;
};

scope.addEventListener('message', (event) => {
  const { id, file, name } = event.data;
  expandWorkbook(file, name)
    .catch((error: unknown): WorkbookFilesResult => ({
      ok: false,
      reason: 'corrupt_workbook',
      detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    }))
    .then((result) => scope.postMessage({ id, result }));
});
