/**
 * A Vite plugin that mends one function of read-excel-file 9.3.17 (pinned exactly), in the
 * build and, with the library inlined, under Vitest.
 *
 * The library parses a sheet's XML in chunks and calls back after each one to move the
 * finished rows into its result with `rows = rows.concat(…)`. It sizes the chunks by time
 * (halved when one took over 7 ms, with no lower bound) and takes the next chunk by calling
 * itself. The copy grows with the rows read, so on a slow machine every chunk soon takes
 * over 7 ms whatever its size: the chunks shrink to a few hundred bytes, and after ≈ 10,000
 * of them the recursion overflows the stack. Measured on a 2-core machine: the built-in
 * sample as a workbook (25,000 sessions, 9 MB of sheet XML) settled at 512-byte chunks and
 * failed with "Maximum call stack size exceeded" after 60 s; a phone would fail on less.
 *
 * The mend: chunks of a fixed 1 MB, taken in a loop. Each callback still moves the finished
 * rows, now once per megabyte (≈ 40 times for a sheet of a million cells).
 */
const MODULE = /read-excel-file[\\/]modules[\\/]xml[\\/]parseXml\.js$/;
const CHUNKED_CALL = 'parseXmlInChunks(parser, xml, onProgress);';
/** Self-contained (the library may turn its parser functions into text for a worker). */
const FIXED_CHUNKS =
  '(function (parser, xml, onProgress) {' +
  ' var size = 1048576, at = 0;' +
  ' while (xml.length - at > size) { parser.write(xml.slice(at, at + size)); onProgress(false); at += size; }' +
  ' parser.write(xml.slice(at)); parser.end(); onProgress(true);' +
  ' })(parser, xml, onProgress);';

/**
 * The library's module with the chunked parse in fixed chunks; throws if the text is not the pinned version's.
 * @param {string} source
 * @returns {string}
 */
export function mendParseXml(source) {
  if (source.split(CHUNKED_CALL).length !== 2) {
    throw new Error('read-excel-file: xml/parseXml.js is not the 9.3.17 module this mend was written for; check the chunked parse again');
  }
  return source.replace(CHUNKED_CALL, FIXED_CHUNKS);
}

/** @returns {import('vite').Plugin} */
export function readExcelFileChunks() {
  return {
    name: 'read-excel-file-chunks',
    enforce: 'pre',
    transform(code, id) {
      if (!MODULE.test(id.split('?')[0])) return null;
      return { code: mendParseXml(code), map: null };
    },
  };
}
