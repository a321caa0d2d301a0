import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@tsunagu/access';
import { SystemInfoService } from '@tsunagu/database';
import { JOB_QUEUE_TOKEN, JobQueue } from '@tsunagu/queue';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly systemInfo: SystemInfoService,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and readiness: database, migrations, queue. 503 when the database is down.' })
  async check(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.checks();
    } catch (error) {
      // Operators need the per-component details on a 503 too, not the generic error body.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse();
    }
  }

  private checks() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 2000 }),
      () => this.installation(),
      () => this.migrations(),
      () => this.queueState(),
    ]);
  }

  private async installation() {
    const check = this.indicator.check('installation');
    const id = await this.systemInfo.installationId().catch(() => null);
    return id ? check.up({ id }) : check.down({ id: null });
  }

  private async migrations() {
    const check = this.indicator.check('migrations');
    const state = await this.systemInfo.migrationState().catch(() => null);
    if (!state) return check.down({ reason: 'unreadable' });
    const details = { pending: state.pending.length, unknown: state.unknown.length };
    return state.pending.length === 0 ? check.up(details) : check.down(details);
  }

  /**
   * The api keeps serving while Redis is away (work waits to be queued), so an unreachable
   * queue is reported but does not make the instance unhealthy.
   */
  private async queueState() {
    return this.indicator.check('queue').up({ driver: this.queue.driver, reachable: await this.queue.isReachable() });
  }
}
