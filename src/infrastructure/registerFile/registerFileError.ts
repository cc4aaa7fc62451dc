/** Why a register file could not be read as a table at all. Carries the file's base name, never its content. */
export type RegisterFileProblem =
  'not-found' | 'not-readable' | 'unsupported-format' | 'invalid-xlsx' | 'invalid-csv' | 'empty';

export class RegisterFileError extends Error {
  constructor(
    readonly code: RegisterFileProblem,
    readonly fileName: string,
    /** For invalid-csv: the file line where parsing failed. */
    readonly line?: number,
    options?: { cause?: unknown },
  ) {
    super(`register file ${fileName}: ${code}${line === undefined ? '' : ` at line ${line}`}`);
    this.name = 'RegisterFileError';
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}
