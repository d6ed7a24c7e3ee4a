import type { z } from 'zod';
import { AppError, invalid, type FieldIssue, type MessageParams } from './errors.ts';
import { hasMessage } from './i18n/catalogue.ts';

/**
 * Zod issues become field issues with catalogue keys, so the same schema gives a Chinese message on a zh-CN page
 * and an English one on an en page. A refinement states its reason as a catalogue key in `message`.
 */
export function fieldIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.');
    return { path, ...describe(issue) };
  });
}

function describe(issue: z.core.$ZodIssue): Omit<FieldIssue, 'path'> {
  // A schema may name its own message (a catalogue key) for any check, not only for refinements.
  if (issue.code !== 'custom' && hasMessage(issue.message)) return { code: issue.code, messageKey: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return { code: 'required', messageKey: 'validation.required' };
      return { code: 'invalid_type', messageKey: 'validation.invalid_type', params: { expected: `type.${issue.expected}` } };
    case 'too_big':
      return issue.origin === 'string'
        ? { code: 'too_long', messageKey: 'validation.too_long', params: { max: Number(issue.maximum) } }
        : { code: 'too_big', messageKey: 'validation.too_big', params: { max: Number(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string' && issue.input === '') return { code: 'required', messageKey: 'validation.required' };
      return issue.origin === 'string'
        ? { code: 'too_short', messageKey: 'validation.too_short', params: { min: Number(issue.minimum) } }
        : { code: 'too_small', messageKey: 'validation.too_small', params: { min: Number(issue.minimum) } };
    case 'invalid_format':
      return { code: 'invalid_format', messageKey: issue.format === 'date' ? 'validation.invalid_date' : 'validation.invalid_format' };
    case 'invalid_value':
      if (issue.input === undefined) return { code: 'required', messageKey: 'validation.required' };
      return { code: 'invalid_value', messageKey: 'validation.invalid_value' };
    case 'unrecognized_keys':
      return { code: 'unrecognized_keys', messageKey: 'validation.unrecognized_keys', params: { keys: issue.keys.join(', ') } };
    case 'custom':
      if (hasMessage(issue.message)) {
        return { code: String(issue.params?.code ?? issue.message.split('.').pop()), messageKey: issue.message, params: issue.params as MessageParams };
      }
      return { code: 'invalid', messageKey: 'validation.invalid' };
    default:
      return { code: 'invalid', messageKey: 'validation.invalid' };
  }
}

/**
 * Parses with the input kept in each issue: telling "required" (nothing given) from "wrong type" needs it, and
 * Zod leaves it out unless asked.
 */
export function check<Schema extends z.ZodType>(schema: Schema, input: unknown) {
  return schema.safeParse(input, { reportInput: true });
}

/** Parses input with a contract; a failure is a validation_failed AppError carrying every field issue. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = check(schema, input);
  if (!result.success) throw invalid(fieldIssues(result.error));
  return result.data;
}

export function isValidationError(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'validation_failed';
}
