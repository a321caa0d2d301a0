import { ApiProperty } from '@nestjs/swagger';
import { QueueJobState } from '@tsunagu/queue';

const STATES: QueueJobState[] = ['waiting', 'active', 'completed', 'failed', 'delayed'];

export class QueueCountsDto {
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty() completed: number;
  @ApiProperty() failed: number;
  @ApiProperty() delayed: number;
}

export class QueueJobDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Job name, e.g. statistics.run' }) name: string;
  @ApiProperty({ enum: STATES }) state: QueueJobState;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
}

export class QueueScheduleDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Cron pattern' }) pattern: string;
  @ApiProperty() tz: string;
  @ApiProperty({ nullable: true, type: String }) next: string | null;
}

/** The job queue for the admin: counts, failures and schedules; no payloads, no error texts. */
export class QueueOverviewDto {
  @ApiProperty({ enum: ['redis', 'in-process'] }) driver: 'redis' | 'in-process';
  @ApiProperty() reachable: boolean;
  @ApiProperty({ type: QueueCountsDto }) counts: QueueCountsDto;
  @ApiProperty({ description: 'Jobs in the database outbox: on Redis, not yet handed to it; in-process, not yet finished' }) outbox: number;
  @ApiProperty({ type: [QueueJobDto] }) recentFailed: QueueJobDto[];
  @ApiProperty({ type: [QueueScheduleDto] }) schedules: QueueScheduleDto[];
}
