import { App, type FormInstance, type FormRule } from 'antd';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { MessageParams } from '../core/errors.ts';
import { check, fieldIssues } from '../core/validation.ts';
import { ApiError, type Problem } from './api.ts';

type Translate = (key: string, params?: MessageParams) => string;

/**
 * An antd form rule from the server's own Zod schema for the field: the page says exactly what the server would,
 * in the same words, before the form is sent. An empty input counts as absent, as the server sees it.
 */
export function zodRule(schema: z.ZodType, t: Translate): FormRule {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const result = check(schema, value === '' || value === null ? undefined : value);
      if (result.success) return;
      const [issue] = fieldIssues(result.error);
      const params = Object.fromEntries(Object.entries(issue!.params ?? {}).map(([name, param]) => [name, typeof param === 'string' && param.startsWith('type.') ? t(param) : param]));
      throw new Error(t(issue!.messageKey, params));
    },
  };
}

/** An error stays long enough to be read to the end (antd's default of 3 s is made for "saved"). */
const errorSeconds = 8;

/** Puts a problem+json's field errors on the form's fields, and anything else in a message at the top. */
export function useFormErrors(form: FormInstance) {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.problem.errors?.length) {
        const names = error.problem.errors.map((issue) => issue.path.split('.'));
        const onFields = error.problem.errors.filter((_, index) => form.getFieldInstance(names[index]!) !== undefined);
        form.setFields(onFields.map((issue) => ({ name: issue.path.split('.'), errors: [issue.message] })));
        if (onFields.length < error.problem.errors.length) void message.error({ content: error.problem.detail, duration: errorSeconds });
      } else if (error instanceof ApiError) {
        void message.error({ content: error.problem.detail, duration: errorSeconds });
      } else {
        void message.error({ content: String(error), duration: errorSeconds });
      }
    },
    [form, message],
  );
}

/**
 * Where a refusal without field errors belongs on the form: a conflict the server names by its message key (a taken
 * username, an ID number already in another union) put on the field it is about. Undefined: shown as usual.
 */
export type ErrorMapper = (problem: Problem) => { field: string; message?: string } | undefined;

/**
 * A form's save: busy while the call runs, and the server's refusal shown on the fields it names (or in a message).
 * `save(work)` runs one call; the caller closes or resets the form inside `work` when it succeeds. `mapError` puts a
 * refusal that names no field on the field it is about.
 */
export function useSave(form: FormInstance, mapError?: ErrorMapper) {
  const showErrors = useFormErrors(form);
  const [saving, setSaving] = useState(false);
  const save = useCallback(
    async (work: () => Promise<void>) => {
      setSaving(true);
      try {
        await work();
      } catch (error) {
        const mapped = error instanceof ApiError ? mapError?.(error.problem) : undefined;
        if (mapped && error instanceof ApiError) form.setFields([{ name: mapped.field.split('.'), errors: [mapped.message ?? error.problem.detail] }]);
        else showErrors(error);
      } finally {
        setSaving(false);
      }
    },
    [showErrors, mapError, form],
  );
  return { saving, save };
}
