import type { Endpoint } from '../../../core/contract.ts';
import type { ColumnSpec } from '../../../core/import/headers.ts';
import type { OrgKind } from '../../../modules/org/schema.ts';

/**
 * What a module tells the platform's import wizard about one kind of sheet: where it goes, which columns it has (the
 * same spec the server reads the sheet with), and its own words. The wizard does the rest: choose the org and the
 * file, watch the job, show the counts and the rejected rows, list the recent imports of this kind.
 */
export interface ImportSpec<Field extends string = string> {
  /** The job kind the upload queues (`members.import`): the recent imports are the jobs of this kind. */
  jobKind: string;
  /** multipart/form-data with one part `file`, the org it goes into as `intoOrgCode` in the query; answers { jobId }. */
  upload: Endpoint;
  /**
   * Reads a file's header without importing (multipart, one part `file`), answering how its columns map: the wizard
   * shows it and offers a field for each column it does not recognise, sent with the upload as `columns`.
   */
  preview?: Endpoint;
  /**
   * The import's template as .xlsx (GET, no parameters): the headers it reads, an example row and a sheet of notes
   * (src/core/import/template.ts); the wizard offers it beside the file.
   */
  template?: Endpoint;
  /** The rejected rows of a job as .xlsx, with the reason of each (params { jobId }). */
  rejected: Endpoint;
  /** The columns of the sheet, as the server maps its headers. */
  columns: ColumnSpec<Field>;
  /** A column's name in the page's language (message keys of the module). */
  columnLabel: (field: Field) => string;
  /** Only orgs of this kind can receive the rows (else any org of the scope, the sheet naming the unions). */
  intoKind?: OrgKind;
  /** Whether this user may download the rejected rows (they hold what the user typed, personal data in full). */
  mayDownloadRejected: boolean;
  /** The page that lists what is imported, and the module's words for the wizard. */
  list: { path: string; backKey: string; toListKey: string };
  titleKey: string;
  intoHintKey: string;
  fileLabelKey: string;
}

/** What an import job answers with: the counts always; the rest may be absent from results of older imports. */
export interface ImportOutcome {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rows?: number;
  rejectedSample?: { row: number; reason: string }[];
  /** Rows imported with a warning (the reason names the field), and the first of them. */
  warnings?: number;
  warningSample?: { row: number; reason: string }[];
}

/** A file's header as the server maps it (the module's preview endpoint). */
export interface HeaderPreview {
  headers: string[];
  columns: Record<string, number>;
  missing: string[];
  unrecognised: number[];
}

export function outcomeOf(value: unknown): ImportOutcome | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const result = value as Partial<ImportOutcome>;
  return typeof result.imported === 'number' ? (result as ImportOutcome) : undefined;
}
