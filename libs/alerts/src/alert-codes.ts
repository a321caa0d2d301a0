/** Alert states with their Japanese labels. Plain TypeScript with no imports: the web app reads it too. */
export enum AlertStatus {
  Open = 'open',
  Acknowledged = 'acknowledged',
}

export const ALERT_STATUS_LABELS: Record<AlertStatus, string> = {
  [AlertStatus.Open]: '未確認',
  [AlertStatus.Acknowledged]: '確認済み',
};
