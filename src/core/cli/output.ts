import type { AppError, MessageParams } from '../errors.ts';
import { hasMessage, locales, translate, type Locale } from '../i18n/catalogue.ts';

/**
 * What the command line prints. Statements come in both languages, Chinese first, one line each, like the errors;
 * with --json, stdout carries the one JSON document and nothing else, so notices go to stderr.
 */

/** A parameter that is itself a catalogue key (`role.admin`), so each language gets its own word for it. */
export interface Term {
  term: string;
}
export const term = (key: string): Term => ({ term: key });

export type Params = Record<string, string | number | Term>;

function fill(locale: Locale, params: Params): MessageParams {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'object' ? translate(locale, value.term) : value]));
}

export function bilingual(key: string, params: Params = {}): string {
  return locales.map((locale) => translate(locale, key, fill(locale, params))).join('\n');
}

/** The label of a catalogue key in both languages on one line: 乡镇（街道）工会 Township union. */
export function label(key: string, fallback = key): string {
  return hasMessage(key) ? `${translate('zh-CN', key)} ${translate('en', key)}` : fallback;
}

/** --help text: one line, Chinese then English. */
export function helpText(key: string): string {
  return `${translate('zh-CN', key)} / ${translate('en', key)}`;
}

/** Where a command's words go: the process's stdout and stderr, or a test's buffers when run in-process. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** A command's verdict when it ends without an error (verify-baseline outside tolerance: 1). */
  exitCode: number;
}

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  get exitCode() {
    return Number(process.exitCode ?? 0);
  },
  set exitCode(code: number) {
    process.exitCode = code;
  },
};
let output: Output = processOutput;

/** Sends what commands print to `to` until the returned function is called. */
export function useOutput(to: Output): () => void {
  const previous = output;
  output = to;
  return () => {
    output = previous;
  };
}

export const currentOutput = (): Output => output;

export function setExitCode(code: number): void {
  output.exitCode = code;
}

export function say(text: string): void {
  output.out(`${text}\n`);
}

export function note(text: string): void {
  output.err(`${text}\n`);
}

export function printJson(value: unknown): void {
  output.out(`${JSON.stringify(value, null, 2)}\n`);
}

/** Error parameters may be catalogue keys (`type.string`), translated as the API's problem details do. */
function fillError(locale: Locale, params: MessageParams = {}): MessageParams {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === 'string' && hasMessage(value) ? translate(locale, value) : value]));
}

/** The message, then each field as `path: message`, in Chinese and then in English. */
export function describeError(error: AppError): string {
  return locales
    .map((locale) =>
      [
        translate(locale, error.messageKey, fillError(locale, error.params)),
        ...error.issues.map((issue) => `  ${issue.path}: ${translate(locale, issue.messageKey, fillError(locale, issue.params))}`),
      ].join('\n'),
    )
    .join('\n');
}
