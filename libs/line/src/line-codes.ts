/**
 * LINE code lists with their Japanese labels. Plain TypeScript with no imports, like the other
 * libs' code files, so screens and exports can read the same labels.
 */
export enum ConversationStatus {
  Open = 'open',
  Closed = 'closed',
}

export const CONVERSATION_STATUS_LABELS: Record<ConversationStatus, string> = {
  [ConversationStatus.Open]: '対応中',
  [ConversationStatus.Closed]: '終了',
};

/** How a session ended: closed by a counselor, or by itself after LINE_SESSION_GAP_HOURS of silence. */
export type ConversationCloseReason = 'handled' | 'silence';

export const CONVERSATION_CLOSE_REASON_LABELS: Record<ConversationCloseReason, string> = {
  handled: '相談員が終了',
  silence: '一定時間やりとりがなく自動終了',
};

export enum MessageDirection {
  In = 'in',
  Out = 'out',
}

export const MESSAGE_DIRECTION_LABELS: Record<MessageDirection, string> = {
  [MessageDirection.In]: '受信',
  [MessageDirection.Out]: '送信',
};

/** A message's kind as LINE names it (text, image, sticker …), or auto-reply for the office's automatic answer. */
export const MESSAGE_KIND_LABELS: Readonly<Record<string, string>> = {
  text: 'テキスト',
  image: '画像',
  video: '動画',
  audio: '音声',
  file: 'ファイル',
  location: '位置情報',
  sticker: 'スタンプ',
  'auto-reply': '自動応答',
};

export enum OutgoingDelivery {
  Queued = 'queued',
  Sent = 'sent',
  Failed = 'failed',
}

export const DELIVERY_LABELS: Record<OutgoingDelivery, string> = {
  [OutgoingDelivery.Queued]: '送信中',
  [OutgoingDelivery.Sent]: '送信済',
  [OutgoingDelivery.Failed]: '送信失敗',
};
