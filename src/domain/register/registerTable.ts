/**
 * A register file as read from disk, before any meaning is given to it: the header cells and every data row as
 * text. Readers (CSV, xlsx) produce it; the import gives it meaning. Keeping it text-only lets the domain parse
 * a CSV and an xlsx row the same way (an xlsx date cell arrives as "YYYY-MM-DD", a number cell as its digits).
 */
export interface RegisterTable {
  headers: string[];
  rows: RegisterRow[];
  /** The worksheet the table was read from; absent for CSV. */
  sheet?: string;
  /** The file line or sheet row of the header, when readers know it (rows above it were skipped). */
  headerLine?: number;
  /** How the file was actually read, when its name said otherwise (a CSV file named .xlsx). */
  readAs?: 'csv';
}

export interface RegisterRow {
  /**
   * Where the row starts in the file, as a user would look for it: the file line for CSV (the header is line 1,
   * a quoted field spanning lines counts them all), the sheet row number for xlsx.
   */
  line: number;
  /** One cell per header, in header order; missing trailing cells may be absent. */
  cells: string[];
}
