import { describe, expect, it } from 'vitest';
import { calledFunctions, checkUserSql } from '../../../src/lib/query/user-sql-guard';

const TABLE_FUNCTIONS = new Set([
  'range',
  'unnest',
  'checkpoint',
  'enable_logging',
  'read_csv',
  'some_new_table_function',
  'duckdb_tables',
]);

describe('calledFunctions finds calls outside strings and comments', () => {
  it.each([
    ["SELECT 'checkpoint()' AS t", []],
    ['SELECT 1 -- checkpoint()\n', []],
    ['SELECT /* checkpoint() /* nested */ still comment checkpoint() */ 1', []],
    ['SELECT $$checkpoint()$$, $tag$ checkpoint() $tag$', []],
    ["SELECT E'it\\'s checkpoint()' AS t", []],
    ["SELECT 'it''s checkpoint()' AS t", []],
    ['SELECT "checkpoint" FROM t', []],
    ['SELECT * FROM "CheckPoint" ()', ['checkpoint']],
    ['SELECT * FROM main.checkpoint()', ['checkpoint']],
    ['SELECT x.setseed()', ['setseed']],
    ['SELECT Upper(name), count(*) FROM t', ['upper', 'count']],
    ["SELECT * FROM sessions, unnest(string_split(functions, '|')) AS t(task)", ['unnest', 'string_split', 't']],
  ])('%s', (sql, expected) => {
    expect(calledFunctions(sql)).toEqual(expected);
  });
});

describe('checkUserSql', () => {
  it('refuses table functions the engine lists and the allow list does not name, and denied scalars', () => {
    expect(checkUserSql('SELECT * FROM checkpoint()', TABLE_FUNCTIONS)).toEqual({ ok: false, refused: 'checkpoint' });
    expect(checkUserSql('SELECT * FROM some_new_table_function()', TABLE_FUNCTIONS)).toEqual({
      ok: false,
      refused: 'some_new_table_function',
    });
    expect(checkUserSql('SELECT setseed(0.1)', TABLE_FUNCTIONS)).toEqual({ ok: false, refused: 'setseed' });
    expect(checkUserSql("SELECT * FROM query('SELECT 1')", new Set())).toEqual({ ok: false, refused: 'query' });
    expect(checkUserSql('SELECT * FROM pragma_storage_info(1)', new Set())).toEqual({ ok: false, refused: 'pragma_storage_info' });
  });

  it('allows generators, metadata and ordinary functions', () => {
    expect(checkUserSql('SELECT i FROM range(10) t(i)', TABLE_FUNCTIONS).ok).toBe(true);
    expect(checkUserSql('SELECT * FROM duckdb_tables()', TABLE_FUNCTIONS).ok).toBe(true);
    expect(checkUserSql("SELECT median(x), 'checkpoint()' FROM t", TABLE_FUNCTIONS).ok).toBe(true);
  });
});
