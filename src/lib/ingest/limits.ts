/**
 * Sizes that shape an upload.
 *
 * The size limit follows from DuckDB-WASM's memory. A 32-bit WebAssembly instance
 * addresses at most 4 GiB, nothing can spill to disk, and while a set loads the engine
 * holds the previously active dataset (untouched until the commit), the raw text of the
 * new files, the typed staging tables, the new tables and the derived model at once.
 * Measured in headless Chromium on the generated data (peak RSS of the tab's processes,
 * which includes the WebAssembly heap; about 0.6 GB with the sample loaded):
 *
 *   CSV set   sessions    peak RSS   load
 *   126 MB    1.0 M       1.6–2.1 GB  11–16 s
 *   375 MB    3.0 M       2.8 GB      30 s
 *   630 MB    4.9 M       4.0 GB      56 s   ← at the 4 GiB ceiling, no margin left
 *
 * So 500 MB per set: about 4 million sessions, with room left for a large previous
 * dataset. Larger sets are refused before a byte is read, with a message that says so.
 */

/** Bytes read from the start of a file to recognise it and preview it (PapaParse). */
export const HEAD_BYTES = 1 << 20;

/** Bytes per slice of the bulk load: progress and cancel happen between slices. */
export const SLICE_BYTES = 8 << 20;

/**
 * Bytes per slice of the canonical fast path (upload/canonical-stage.ts). Each slice is one
 * large typed `INSERT … FROM read_csv` with a fixed cost of its own: 990,563 sessions took
 * 3.8–5.0 s in 8 MB slices and 2.3 s in 32 MB ones (DuckDB-WASM's Node build, 1 Dec). A
 * slice is ≈ 0.3 M rows, under a second: progress and cancel stay prompt.
 */
export const CANONICAL_SLICE_BYTES = 32 << 20;

/** Largest single file accepted. */
export const MAX_FILE_BYTES = 500_000_000;

/** Largest set of files accepted in one load. */
export const MAX_SET_BYTES = 500_000_000;

/** Rows of a file shown in the mapping screen's preview. */
export const PREVIEW_ROWS = 8;

/** File columns offered in the mapping screen (a 10,000-column file shows the first ones). */
export const MAX_MAPPING_COLUMNS = 200;
