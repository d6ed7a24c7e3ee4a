import { App } from 'antd';
import { useEffect, useState } from 'react';
import { finishedStatuses, jobEndpoints, type JobView } from '../../../core/jobs/schema.ts';
import { ApiError, call, urlOf, type Problem } from '../../api.ts';
import type { HeaderPreview, ImportSpec } from './spec.ts';

/** Posts the file as multipart/form-data (one part `file`) to an endpoint; the answer as JSON. */
async function postFile(url: string, file: File): Promise<unknown> {
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(data as Problem);
  return data;
}

/**
 * Sends the file to the module's upload endpoint, with the columns mapped by hand (field → the file's header) if any;
 * the answer is the queued job's id.
 */
export async function uploadFile(spec: Pick<ImportSpec, 'upload'>, intoOrgCode: string, file: File, columns: Record<string, string> = {}): Promise<number> {
  const query = Object.keys(columns).length ? { intoOrgCode, columns: JSON.stringify(columns) } : { intoOrgCode };
  return ((await postFile(urlOf(spec.upload, { query }), file)) as { jobId: number }).jobId;
}

/** How the module's importer would map the file's header (nothing is imported, nothing kept). */
export async function previewFile(spec: Pick<ImportSpec, 'preview'>, file: File): Promise<HeaderPreview | undefined> {
  if (!spec.preview) return undefined;
  return (await postFile(urlOf(spec.preview, {}), file)) as HeaderPreview;
}

/** A job watched until it ends: asked for every second while it runs. */
export function useJob(jobId: number | undefined) {
  const { message } = App.useApp();
  const [job, setJob] = useState<JobView>();
  useEffect(() => {
    setJob(undefined);
    if (jobId === undefined) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await call(jobEndpoints.get, { params: { jobId } });
        if (!current) return;
        setJob(next);
        if (finishedStatuses.includes(next.status)) return;
      } catch (error) {
        if (!current) return;
        void message.error(error instanceof ApiError ? error.problem.detail : String(error));
      }
      timer = setTimeout(() => void poll(), 1000);
    };
    void poll();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [jobId, message]);
  return { job, setJob, finished: job !== undefined && finishedStatuses.includes(job.status) };
}
