import type { MessageBundle } from '../i18n/catalogue.ts';

// The job statuses and job.not_cancellable are in the core bundle already; these are the jobs subsystem's own.
const zh = {
  'job.crashed_too_often': '任务已中断 {crashes} 次（例如服务器在运行中被停止），不再自动重试',
  'audit.action.cancel': '取消',
} as const;

const en: Record<keyof typeof zh, string> = {
  'job.crashed_too_often': 'The job was interrupted {crashes} times (the server stopped while it ran, for example) and will not be retried',
  'audit.action.cancel': 'Cancelled',
};

export const jobMessages: MessageBundle = { 'zh-CN': zh, en };
