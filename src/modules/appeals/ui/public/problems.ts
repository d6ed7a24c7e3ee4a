import type { FormInstance } from 'antd';
import type { MessageParams } from '../../../../core/errors.ts';
import { ApiError } from '../../../../web/api.ts';

type Translate = (key: string, params?: MessageParams) => string;

/**
 * A refusal as the public pages show it: the problem+json's field reasons on the fields the form has (as
 * src/web/forms.ts does for staff forms), and the rest as one sentence for an alert on the page — a toast that fades
 * after a few seconds is easily missed on a phone. A 413 (the body or a file over its limit) and a 429 (with its
 * "try again in N s") keep the server's own sentence; a proxy's bare 413 gets ours.
 */
export function showProblem(form: FormInstance, fields: readonly string[], error: unknown, t: Translate): string | undefined {
  if (!(error instanceof ApiError)) return String(error);
  const problem = error.problem;
  const onFields = (problem.errors ?? []).filter((issue) => fields.includes(issue.path.split('.')[0]!));
  if (onFields.length) {
    form.setFields(onFields.map((issue) => ({ name: issue.path.split('.')[0]!, errors: [issue.message] })));
    if (onFields.length === problem.errors!.length) return undefined;
  }
  if (problem.status === 413 && !problem.detail) return t('appeals.public.too_large');
  return problem.detail || t('appeals.public.failed');
}
