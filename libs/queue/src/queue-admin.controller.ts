import { Controller, Get, Inject, Injectable, Module } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor } from '@tsunagu/common';
import { JOB_QUEUE_TOKEN, JobQueue, QueueJobState } from './job-queue';

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

@Injectable()
export class QueueAdminService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  overview(actor: Actor): Promise<QueueOverviewDto> {
    return this.tx.run(actor, async (tx) => {
      const [{ n }] = await tx.manager.query(`SELECT count(*)::int AS n FROM job_outbox`);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.QueueRead, resourceType: 'queue' });
      return { ...(await this.queue.overview()), outbox: n };
    });
  }
}

@ApiTags('admin')
@Controller('admin/queues')
export class QueueAdminController {
  constructor(private readonly queues: QueueAdminService) {}

  @Get()
  @RequirePermission(Permission.QueueRead)
  @ApiOkResponse({ type: QueueOverviewDto })
  overview(@CurrentActor() actor: Actor): Promise<QueueOverviewDto> {
    return this.queues.overview(actor);
  }
}

/** The admin's view of the queue, for the api process (the worker serves no HTTP). */
@Module({ controllers: [QueueAdminController], providers: [QueueAdminService] })
export class QueueAdminModule {}
