import type { MessageBundle } from '../i18n/catalogue.ts';

// The job statuses and job.not_cancellable are in the core bundle already; these are the jobs subsystem's own.
const zh = {
  'job.crashed_too_often': '任务已中断 {crashes} 次（例如服务器在运行中被停止），不再自动重试',
  'job.disk_full': '服务器磁盘空间已满：已完成的部分都已保存，任务暂停；腾出空间后会从中断处自动继续（也可以取消）',
  'audit.action.cancel': '取消',
} as const;

const en: Record<keyof typeof zh, string> = {
  'job.crashed_too_often': 'The job was interrupted {crashes} times (the server stopped while it ran, for example) and will not be retried',
  'job.disk_full': "The server's disk is full: everything done so far is kept and the job is paused; it goes on from where it stopped by itself once space is freed (or cancel it)",
  'audit.action.cancel': 'Cancelled',
};

export const jobMessages: MessageBundle = { 'zh-CN': zh, en };
