/** A column of DataTable: the raw value at `key` sorts, `format` displays. */
export interface Column<Row> {
  key: string;
  label: string;
  numeric?: boolean;
  format?: (row: Row) => string;
}
