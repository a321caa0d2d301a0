/** Every queue Tsunagu uses. A queue groups jobs that share workers and concurrency. */
export enum QueueName {
  System = 'system',
}

/** Every job Tsunagu runs, named `<area>.<action>`. */
export enum JobName {
  /** Round trip through the queue; used by diagnostics and tests of the queue itself. */
  QueueProbe = 'system.queue-probe',
  /** Re-wraps data keys still under a retired master key, in batches, until none is left. */
  DataKeysRewrap = 'crypto.data-keys-rewrap',
  /** Daily: reminders for DV等支援措置 terms whose renewal window has opened. */
  RenewalTasks = 'cases.renewal-tasks',
  /** One LINE webhook event from the inbox: conversations, messages, follows. */
  LineProcessEvent = 'line.process-event',
  /** Every minute: hands inbox events that missed the queue (Redis down) to the worker. */
  LineInboxSweep = 'line.inbox-sweep',
  /** One outgoing LINE message through the push API (X-Line-Retry-Key kept with the message). */
  LinePush = 'line.push',
  /** Tells LINE a counselor has read a conversation's messages (markAsReadToken). */
  LineMarkRead = 'line.mark-read',
  /** Shows the LINE user a loading indicator while a counselor writes. */
  LineLoading = 'line.loading',
  /** The greeting with the service hours, after a follow. */
  LineGreet = 'line.greet',
  /** Every ten minutes: ends sessions silent past LINE_SESSION_GAP_HOURS. */
  LineCloseSilent = 'line.close-silent',
  /** Daily: reminders for referrals the department has not answered by their due date. */
  ReferralOverdueTasks = 'referrals.overdue-tasks',
  /** One month's statistics, requested or scheduled. */
  StatisticsRun = 'statistics.run',
  /** Monthly at 02:00 JST on the 1st: starts last month's run. */
  StatisticsMonthly = 'statistics.monthly',
  /** Every five minutes: insider-misuse rules over the recent audit trail. */
  AlertsScan = 'alerts.scan',
  /** Daily: a task for each supervisor when a client of their unit comes past retention. */
  RetentionTasks = 'cases.retention-tasks',
  /** Daily: empties LINE inbox payloads processed more than LINE_INBOX_KEEP_DAYS ago. */
  LineInboxPurge = 'line.inbox-purge',
}

/** Japanese names of the jobs, for the admin's queue view (apps/web reads this plain file). */
export const JOB_LABELS: Record<JobName, string> = {
  [JobName.QueueProbe]: '動作確認',
  [JobName.DataKeysRewrap]: 'データ鍵の再ラップ',
  [JobName.RenewalTasks]: '支援措置の更新リマインダー',
  [JobName.LineProcessEvent]: 'LINE 受信の処理',
  [JobName.LineInboxSweep]: 'LINE 受信の見直し',
  [JobName.LinePush]: 'LINE 送信',
  [JobName.LineMarkRead]: 'LINE 既読',
  [JobName.LineLoading]: 'LINE 入力中表示',
  [JobName.LineGreet]: 'LINE あいさつ',
  [JobName.LineCloseSilent]: 'LINE 相談の自動終了',
  [JobName.ReferralOverdueTasks]: '連携回答期限のリマインダー',
  [JobName.StatisticsRun]: '月次集計',
  [JobName.StatisticsMonthly]: '月次集計の定期起動',
  [JobName.AlertsScan]: 'アクセス警告の検出',
  [JobName.RetentionTasks]: '保存期間満了のリマインダー',
  [JobName.LineInboxPurge]: 'LINE 受信データの消去',
};

/**
 * Payload of each job: ids and codes only, never personal data or free text.
 * `assertSafePayload` enforces the shape at enqueue time.
 */
export interface JobPayloads {
  [JobName.QueueProbe]: { probeId: string; failTimes?: number };
  [JobName.DataKeysRewrap]: { masterKeyId: string };
  /** `date` (JST, YYYY-MM-DD) to compute for; today when absent (the daily schedule). */
  [JobName.RenewalTasks]: { date?: string };
  [JobName.LineProcessEvent]: { inboxId: string };
  [JobName.LineInboxSweep]: Record<string, never>;
  [JobName.LinePush]: { messageId: string };
  [JobName.LineMarkRead]: { conversationId: string };
  [JobName.LineLoading]: { conversationId: string };
  [JobName.LineGreet]: { inboxId: string };
  [JobName.LineCloseSilent]: Record<string, never>;
  /** `date` (JST) to compute for; today when absent. */
  [JobName.ReferralOverdueTasks]: { date?: string };
  [JobName.StatisticsRun]: { runId: string };
  [JobName.StatisticsMonthly]: Record<string, never>;
  [JobName.AlertsScan]: Record<string, never>;
  /** `date` (JST) to compute for; today when absent. */
  [JobName.RetentionTasks]: { date?: string };
  [JobName.LineInboxPurge]: Record<string, never>;
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.QueueProbe]: QueueName.System,
  [JobName.DataKeysRewrap]: QueueName.System,
  [JobName.RenewalTasks]: QueueName.System,
  [JobName.LineProcessEvent]: QueueName.System,
  [JobName.LineInboxSweep]: QueueName.System,
  [JobName.LinePush]: QueueName.System,
  [JobName.LineMarkRead]: QueueName.System,
  [JobName.LineLoading]: QueueName.System,
  [JobName.LineGreet]: QueueName.System,
  [JobName.LineCloseSilent]: QueueName.System,
  [JobName.ReferralOverdueTasks]: QueueName.System,
  [JobName.StatisticsRun]: QueueName.System,
  [JobName.StatisticsMonthly]: QueueName.System,
  [JobName.AlertsScan]: QueueName.System,
  [JobName.RetentionTasks]: QueueName.System,
  [JobName.LineInboxPurge]: QueueName.System,
};

const SAFE_STRING = /^[A-Za-z0-9._:-]{0,128}$/;

/**
 * Refuses payloads that could carry personal data: only flat objects of numbers, booleans,
 * null and short id-like strings (uuids, periods such as 2025-12, codes) may be queued.
 */
export function assertSafePayload(name: JobName, payload: unknown): void {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new Error(`Job ${name}: payload must be an object`);
  }
  for (const [key, value] of Object.entries(payload)) {
    const ok =
      value === null ||
      typeof value === 'boolean' ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      (typeof value === 'string' && SAFE_STRING.test(value));
    if (!ok) throw new Error(`Job ${name}: payload field ${key} must be an id, code, number or boolean`);
  }
}
