import { Client } from '@tsunagu/cases';
import { Program } from '@tsunagu/codes';
import { DataKey } from '@tsunagu/crypto';
import { Unit } from '@tsunagu/organization';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { ConversationCloseReason, ConversationStatus, MessageDirection, OutgoingDelivery } from './line-codes';

export * from './line-codes';

/** One LINE official account: its program, its unit, and its secrets (encrypted under its own key). */
@Entity({ name: 'line_channels' })
@Index('UQ_line_channels_key', ['key'], { unique: true })
export class LineChannel {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_line_channels' })
  id: string;

  /** The webhook path segment: /api/v1/line/webhook/:key. */
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_code', foreignKeyConstraintName: 'FK_line_channels_program' })
  program?: Program;

  /** The unit whose counselors answer this account. */
  @Column({ name: 'unit_id', type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'FK_line_channels_unit' })
  unit?: Unit;

  @Column({ name: 'data_key_id', type: 'uuid' })
  dataKeyId: string;

  @ManyToOne(() => DataKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'FK_line_channels_data_key' })
  dataKey?: DataKey;

  @Column({ name: 'secret_enc', type: 'text' })
  secretEnc: string;

  @Column({ name: 'access_token_enc', type: 'text' })
  accessTokenEnc: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/**
 * Each webhook event as received, stored before the 200 goes back: the unique event id makes a
 * redelivery a no-op, and an unprocessed row waits here while the queue is down.
 */
@Entity({ name: 'line_inbox' })
@Index('UQ_line_inbox_event', ['channelId', 'webhookEventId'], { unique: true })
@Index('IDX_line_inbox_unprocessed', ['processedAt', 'receivedAt'])
@Index('IDX_line_inbox_line_user', ['lineUserId'], { where: '"line_user_id" IS NOT NULL' })
@Index('IDX_line_inbox_purge', ['processedAt'], { where: '"payload_enc" IS NOT NULL AND "processed_at" IS NOT NULL' })
export class LineInboxEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_line_inbox' })
  id: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => LineChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'FK_line_inbox_channel' })
  channel?: LineChannel;

  @Column({ name: 'webhook_event_id', type: 'text' })
  webhookEventId: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType: string;

  @Column({ name: 'is_redelivery', type: 'boolean' })
  isRedelivery: boolean;

  /** The event JSON (user id, message text), encrypted under the channel's key; emptied some days after processing. */
  @Column({ name: 'payload_enc', type: 'text', nullable: true })
  payloadEnc: string | null;

  /** Whose event it was, once processed: shredding that LINE user empties the payload too. */
  @Column({ name: 'line_user_id', type: 'uuid', nullable: true })
  lineUserId: string | null;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt: Date;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}

/** A LINE user of one channel: the id only encrypted, found again by its blind index. */
@Entity({ name: 'line_users' })
@Index('UQ_line_users_channel_user', ['channelId', 'userIdBidx'], { unique: true })
export class LineUser {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_line_users' })
  id: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => LineChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'FK_line_users_channel' })
  channel?: LineChannel;

  /** Both null once her record is shredded (or only her data key destroyed): the same LINE user writing again is a new one. */
  @Column({ name: 'user_id_bidx', type: 'text', nullable: true })
  userIdBidx: string | null;

  /** Id of the blind-index key `userIdBidx` was computed with; null: before ids were recorded. */
  @Column({ name: 'bidx_key_id', type: 'text', nullable: true })
  bidxKeyId: string | null;

  @Column({ name: 'user_id_enc', type: 'text', nullable: true })
  userIdEnc: string | null;

  /** When its key was destroyed (retention): from then on its follow state is unknown and not counted. */
  @Column({ name: 'shredded_at', type: 'timestamptz', nullable: true })
  shreddedAt: Date | null;

  /** Its own key, so one person's LINE history can be shredded alone. */
  @Column({ name: 'data_key_id', type: 'uuid' })
  dataKeyId: string;

  @ManyToOne(() => DataKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'FK_line_users_data_key' })
  dataKey?: DataKey;

  @Column({ type: 'boolean' })
  following: boolean;

  @Column({ name: 'client_id', type: 'uuid', nullable: true })
  clientId: string | null;

  @ManyToOne(() => Client, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'client_id', foreignKeyConstraintName: 'FK_line_users_client' })
  client?: Client;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** Follow and unfollow, kept so 友だち登録者数 can be told for any date. */
@Entity({ name: 'line_follow_events' })
@Index('IDX_line_follow_events_channel', ['channelId', 'occurredAt'])
export class LineFollowEvent {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_line_follow_events' })
  id: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => LineChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'FK_line_follow_events_channel' })
  channel?: LineChannel;

  @Column({ name: 'line_user_id', type: 'uuid' })
  lineUserId: string;

  @ManyToOne(() => LineUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_user_id', foreignKeyConstraintName: 'FK_line_follow_events_user' })
  lineUser?: LineUser;

  @Column({ type: 'text' })
  kind: 'follow' | 'unfollow';

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}

/**
 * One consultation session: from the user's first message until a counselor closes it or it
 * has been silent past LINE_SESSION_GAP_HOURS. The unit counted as one 件.
 */
@Entity({ name: 'line_conversations' })
@Index('IDX_line_conversations_user_status', ['lineUserId', 'status'])
@Index('IDX_line_conversations_channel_status', ['channelId', 'status', 'waitingSince'])
export class LineConversation {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_line_conversations' })
  id: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId: string;

  @ManyToOne(() => LineChannel, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'channel_id', foreignKeyConstraintName: 'FK_line_conversations_channel' })
  channel?: LineChannel;

  @Column({ name: 'line_user_id', type: 'uuid' })
  lineUserId: string;

  @ManyToOne(() => LineUser, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'line_user_id', foreignKeyConstraintName: 'FK_line_conversations_user' })
  lineUser?: LineUser;

  @Column({ type: 'text' })
  status: ConversationStatus;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'last_message_at', type: 'timestamptz' })
  lastMessageAt: Date;

  /** The first inbound message no counselor has answered yet; null when none waits. */
  @Column({ name: 'waiting_since', type: 'timestamptz', nullable: true })
  waitingSince: Date | null;

  @Column({ name: 'first_response_at', type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'close_reason', type: 'text', nullable: true })
  closeReason: ConversationCloseReason | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  /** The consultation record this session became once answered and closed (延べ件数). */
  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  /** The closed period (its next opening, ISO) the automatic reply was last sent for: once per period. */
  @Column({ name: 'auto_reply_period', type: 'text', nullable: true })
  autoReplyPeriod: string | null;

  @VersionColumn()
  version: number;
}

/** A message of a conversation: text encrypted under the LINE user's key; other kinds by type only. */
@Entity({ name: 'line_messages' })
@Index('IDX_line_messages_conversation', ['conversationId', 'occurredAt'])
export class LineMessage {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_line_messages' })
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => LineConversation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'FK_line_messages_conversation' })
  conversation?: LineConversation;

  @Column({ type: 'text' })
  direction: MessageDirection;

  /** text, image, video, audio, file, location, sticker, postback … */
  @Column({ type: 'text' })
  kind: string;

  @Column({ name: 'text_enc', type: 'text', nullable: true })
  textEnc: string | null;

  @Column({ name: 'line_message_id', type: 'text', nullable: true })
  lineMessageId: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  /** Outgoing only: queued → sent, or failed (送信失敗) after the last try or a refusal by LINE. */
  @Column({ name: 'delivery', type: 'text', nullable: true })
  delivery: OutgoingDelivery | null;

  /** Outgoing only: X-Line-Retry-Key, so a retried send is delivered once. */
  @Column({ name: 'retry_key', type: 'uuid', nullable: true })
  retryKey: string | null;

  /** The counselor who wrote it; null for automatic replies. */
  @Column({ name: 'author_id', type: 'uuid', nullable: true })
  authorId: string | null;

  @Column({ name: 'send_attempts', type: 'integer', default: 0 })
  sendAttempts: number;

  /** Incoming only: LINE's markAsReadToken (encrypted), until a counselor has opened the message. */
  @Column({ name: 'read_token_enc', type: 'text', nullable: true })
  readTokenEnc: string | null;
}
