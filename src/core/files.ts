import type { Readable, Writable } from 'node:stream';

/**
 * Files that come in and go out, as services see them: an upload to save, a download to send. Nothing here knows
 * HTTP — the routes (src/core/http/route.ts: uploadRoute, downloadRoute) make these from a request and send them,
 * and the command line could make and write them just as well.
 */

/**
 * What a file's first bytes must be: `zip` (.xlsx, .docx) starts PK\3\4; `text` is neither a zip nor an old Office
 * file; `jpeg`, `png` and `pdf` start with their own magic numbers (FF D8 FF; 89 PNG CR LF 1A LF; %PDF-).
 */
export type FileSignature = 'zip' | 'text' | 'jpeg' | 'png' | 'pdf';

/** The files a service takes. */
export interface UploadSpec {
  /** Accepted extensions (lower case, with the dot), each with what the file's first bytes must look like. */
  types: Record<string, FileSignature>;
  /**
   * Instead of `types`: the kinds taken by their first bytes alone, whatever the name says (a photo from a phone may
   * be called anything). The upload's `kind()` then tells which one it was.
   */
  byContent?: readonly FileSignature[];
  /** The largest file taken, in bytes. */
  maxBytes: number;
}

export interface Upload {
  /** The name the user gave the file. */
  fileName: string;
  /** Its extension, lower case: one of the spec's. */
  extension: string;
  /**
   * Writes the file to `path`, readable by the server's user only (uploads hold personal data), checking its first
   * bytes against its type and its size against the limit; a refused or failed file is deleted. Answers its size.
   */
  saveTo(path: string): Promise<number>;
  /** What its first bytes showed it to be, once saved (with `byContent`, which of them; otherwise its extension's). */
  kind(): FileSignature | undefined;
}

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Download {
  /** The file's name as the user sees it, in the user's language. */
  fileName: string;
  contentType: string;
  /** The body: a stream to send, or a writer that fills one (a workbook written row by row as it is read). */
  body: Readable | ((out: Writable) => Promise<unknown>);
}
