import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { RegisterTable } from '../../domain/register/registerTable';
import { CsvSyntaxError, parseCsvTable } from './csvTable';
import { RegisterFileError } from './registerFileError';
import { decodeRegisterText } from './textEncoding';
import { parseXlsxTable, SheetNotFoundError } from './xlsxTable';

export interface RegisterFileOptions {
  /** The worksheet to read from a workbook (see parseXlsxTable); a CSV file has none. */
  sheet?: string;
}

/** A register file already in memory, e.g. uploaded to the bot. */
export interface RegisterFileContent {
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Reads a register file (.xlsx, or CSV with `;` `,` or tab in UTF-8, UTF-16 or Windows-1252) into a table.
 * The format is told by the content, not the name: an .xlsx is a zip archive. Throws RegisterFileError when
 * the file is missing, unreadable, empty or neither format.
 */
export async function readRegisterFile(
  source: string | RegisterFileContent,
  options: RegisterFileOptions = {},
): Promise<RegisterTable> {
  const { fileName, bytes } = typeof source === 'string' ? await readBytes(source) : source;
  if (bytes.length === 0) throw new RegisterFileError('empty', fileName);

  if (isZip(bytes)) {
    try {
      return await parseXlsxTable(bytes, { sheet: options.sheet });
    } catch (error) {
      if (error instanceof SheetNotFoundError) {
        throw new RegisterFileError('sheet-not-found', fileName, undefined, {
          cause: error,
          sheet: error.sheet,
          sheets: error.sheets,
        });
      }
      throw new RegisterFileError('invalid-xlsx', fileName, undefined, { cause: error });
    }
  }
  const namedXlsx = /\.xlsx$/i.test(fileName);
  if (isOleCompoundFile(bytes)) throw new RegisterFileError('unsupported-format', fileName);

  const { text, encoding } = decodeRegisterText(bytes);
  // NUL characters do not occur in text; a file full of them is some other binary format.
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && text.includes('\u0000')) {
    throw new RegisterFileError(namedXlsx ? 'invalid-xlsx' : 'unsupported-format', fileName);
  }
  if (text.trim() === '') throw new RegisterFileError('empty', fileName);
  // Web systems' "export to Excel" often writes an HTML table: not something to read as CSV.
  if (/^\s*</.test(text)) throw new RegisterFileError('unsupported-format', fileName);
  if (options.sheet !== undefined) {
    throw new RegisterFileError('sheet-not-found', fileName, undefined, { sheet: options.sheet, sheets: [] });
  }
  try {
    // A CSV renamed .xlsx (or saved as "CSV" under an .xlsx name) is read for what it is, and said to be so.
    const table = parseCsvTable(text);
    return namedXlsx ? { ...table, readAs: 'csv' } : table;
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new RegisterFileError('invalid-csv', fileName, error.line, { cause: error });
    }
    throw error;
  }
}

async function readBytes(filePath: string): Promise<RegisterFileContent> {
  const fileName = path.basename(filePath);
  try {
    return { fileName, bytes: await readFile(filePath) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const problem = code === 'ENOENT' || code === 'ENOTDIR' ? 'not-found' : 'not-readable';
    // The whole path: "not found" is most often a file looked for in another folder than the user thought.
    throw new RegisterFileError(problem, fileName, undefined, { cause: error, path: path.resolve(filePath) });
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The old binary .xls (and other Office 97-2003 files) start with the OLE compound file signature. */
function isOleCompoundFile(bytes: Uint8Array): boolean {
  return bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
}
