import { App } from 'antd';
import { useEffect, useState } from 'react';
import { finishedStatuses, jobEndpoints, type JobView } from '../../../core/jobs/schema.ts';
import { ApiError, call, urlOf, type Problem } from '../../api.ts';
import type { ImportSpec } from './spec.ts';

/** Sends the file as multipart/form-data (one part `file`) to the module's upload endpoint; the answer is the queued job's id. */
export async function uploadFile(spec: Pick<ImportSpec, 'upload'>, intoOrgCode: string, file: File): Promise<number> {
  const body = new FormData();
  body.append('file', file, file.name);
  const response = await fetch(urlOf(spec.upload, { query: { intoOrgCode } }), { method: 'POST', body, credentials: 'same-origin' });
  const text = await response.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new ApiError(data as Problem);
  return (data as { jobId: number }).jobId;
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
