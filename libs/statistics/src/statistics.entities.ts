import { User } from '@tsunagu/auth';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

export enum RunStatus {
  Queued = 'queued',
  Running = 'running',
  Done = 'done',
  Failed = 'failed',
}

/** One computation of a month's statistics. The latest finished run of a month is its figures. */
@Entity({ name: 'statistics_runs' })
@Index('IDX_statistics_runs_period', ['period', 'status'])
export class StatisticsRun {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_statistics_runs' })
  id: string;

  /** YYYY-MM (JST calendar month). */
  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'text' })
  status: RunStatus;

  /** 0–100. */
  @Column({ type: 'integer' })
  progress: number;

  /** Null for the monthly schedule. */
  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'FK_statistics_runs_requested_by' })
  requester?: User;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** A code, never a message: messages can quote data. */
  @Column({ name: 'error_code', type: 'text', nullable: true })
  errorCode: string | null;
}

/**
 * One anonymized count: month, program, metric, breakdown dimension and key. No row holds a
 * person, case or user id. Rows belong to the run that computed them.
 */
@Entity({ name: 'monthly_statistics' })
@Index('IDX_monthly_statistics_period', ['period', 'programCode', 'metric'])
export class MonthlyStatistic {
  @PrimaryColumn({ name: 'run_id', type: 'uuid', primaryKeyConstraintName: 'PK_monthly_statistics' })
  runId: string;

  @ManyToOne(() => StatisticsRun, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_monthly_statistics_run' })
  run?: StatisticsRun;

  @PrimaryColumn({ name: 'program_code', type: 'text', primaryKeyConstraintName: 'PK_monthly_statistics' })
  programCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_monthly_statistics' })
  metric: string;

  /** `total` for the metric's total; otherwise the attribute broken down by (channel, concern …). */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_monthly_statistics' })
  dimension: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_monthly_statistics' })
  key: string;

  @Column({ type: 'text' })
  period: string;

  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  value: number;
}

/**
 * A figure Tsunagu does not compute from its own casework: a contractor's monthly report, a
 * facility's own count, a non-case activity (パートナーシップ宣誓 組数 …). Entered by a
 * statistician, audited, and shown in the report as entered.
 */
@Entity({ name: 'statistics_aggregate_entries' })
@Index('UQ_statistics_aggregate_entries', ['period', 'programCode', 'metric'], { unique: true })
export class AggregateEntry {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_statistics_aggregate_entries' })
  id: string;

  /** YYYY-MM. */
  @Column({ type: 'text' })
  period: string;

  @Column({ name: 'program_code', type: 'text' })
  programCode: string;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'integer' })
  value: number;

  /** Where the figure comes from (e.g. 委託先月次報告), shown with it. */
  @Column({ type: 'text' })
  source: string;

  @Column({ name: 'entered_by', type: 'uuid' })
  enteredBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'FK_statistics_aggregate_entries_entered_by' })
  enterer?: User;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt: Date;

  @Column({ type: 'integer' })
  version: number;
}

/**
 * A month whose case data changed after (or while) it was computed: marked by database triggers
 * on the counted tables, cleared when a run of the month starts; the monthly schedule recomputes
 * stale months that have figures.
 */
@Entity({ name: 'statistics_stale_months' })
export class StaleMonth {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_statistics_stale_months' })
  period: string;

  @Column({ name: 'marked_at', type: 'timestamptz' })
  markedAt: Date;
}

/** A public release: a frozen, audited snapshot of a fiscal year's figures up to a month. */
@Entity({ name: 'statistics_releases' })
@Index('IDX_statistics_releases_year', ['fiscalYear', 'createdAt'])
export class StatisticsRelease {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_statistics_releases' })
  id: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  /** YYYY-MM: the last month released. */
  @Column({ name: 'up_to_month', type: 'text' })
  upToMonth: string;

  @Column({ type: 'integer' })
  k: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_statistics_releases_created_by' })
  creator?: User;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * One number of a release. `value` is the true count (kept so later releases can hold this one's
 * pattern fixed); `shown` says whether it was published. Never changed after the release.
 */
@Entity({ name: 'statistics_release_cells' })
export class ReleaseCell {
  @PrimaryColumn({ name: 'release_id', type: 'uuid', primaryKeyConstraintName: 'PK_statistics_release_cells' })
  releaseId: string;

  @ManyToOne(() => StatisticsRelease, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'release_id', foreignKeyConstraintName: 'FK_statistics_release_cells_release' })
  release?: StatisticsRelease;

  /** YYYY-MM, or FY for the fiscal year's total. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_statistics_release_cells' })
  period: string;

  @PrimaryColumn({ name: 'program_code', type: 'text', primaryKeyConstraintName: 'PK_statistics_release_cells' })
  programCode: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_statistics_release_cells' })
  metric: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_statistics_release_cells' })
  dimension: string;

  /** The breakdown key, or `all` for a total. */
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'PK_statistics_release_cells' })
  key: string;

  @Column({ type: 'integer' })
  value: number;

  @Column({ type: 'boolean' })
  shown: boolean;
}
