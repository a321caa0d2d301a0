import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A job that could not reach Redis when it was enqueued (Redis down or slow). Kept in the
 * database, which is up, until the relay hands it to BullMQ under the same job id, so a job
 * is neither lost nor run twice. Payloads are ids and codes only (assertSafePayload).
 */
@Entity({ name: 'job_outbox' })
@Index('IDX_job_outbox_created', ['createdAt'])
export class JobOutboxEntry {
  @PrimaryColumn({ name: 'job_id', type: 'text', primaryKeyConstraintName: 'PK_job_outbox' })
  jobId: string;

  @Column({ name: 'job_name', type: 'text' })
  jobName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  /** BullMQ job options (attempts, backoff, delay, retention). */
  @Column({ type: 'jsonb' })
  options: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
