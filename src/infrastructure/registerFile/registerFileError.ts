/** Why a register file could not be read as a table at all. Carries the file's base name, never its content. */
export type RegisterFileProblem =
  | 'not-found'
  | 'not-readable'
  | 'unsupported-format'
  | 'invalid-xlsx'
  | 'invalid-csv'
  | 'empty'
  /** The sheet asked for is not in the workbook, or the file is CSV and has no sheets. */
  | 'sheet-not-found';

export interface RegisterFileErrorDetails {
  cause?: unknown;
  /** For not-found and not-readable: the absolute path looked for. */
  path?: string;
  /** For sheet-not-found: the sheet asked for, and the workbook's sheets (none for CSV). */
  sheet?: string;
  sheets?: string[];
}

export class RegisterFileError extends Error {
  readonly path?: string;
  readonly sheet?: string;
  readonly sheets?: string[];

  constructor(
    readonly code: RegisterFileProblem,
    readonly fileName: string,
    /** For invalid-csv: the file line where parsing failed. */
    readonly line?: number,
    details: RegisterFileErrorDetails = {},
  ) {
    super(`register file ${fileName}: ${code}${line === undefined ? '' : ` at line ${line}`}`);
    this.name = 'RegisterFileError';
    if (details.cause !== undefined) this.cause = details.cause;
    if (details.path !== undefined) this.path = details.path;
    if (details.sheet !== undefined) this.sheet = details.sheet;
    if (details.sheets !== undefined) this.sheets = details.sheets;
  }
}
