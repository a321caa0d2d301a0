import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, AuditWriter } from '@tsunagu/audit';
import { Clock, Role } from '@tsunagu/common';
import { APP_CONFIG, AppConfig, ConfigError } from '@tsunagu/config';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PasswordHasher } from './password/password-hasher';
import { User } from './users/user.entity';

/**
 * On the first start with no users, creates the admin account that creates everyone else:
 * login id from TSUNAGU_BOOTSTRAP_ADMIN_LOGIN_ID (default `admin`), password from
 * TSUNAGU_BOOTSTRAP_ADMIN_PASSWORD, or on the embedded trial a random one printed once. The admin must set up MFA at first sign-in.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('BootstrapAdmin');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if ((await this.dataSource.getRepository(User).count({ take: 1 })) > 0) return;
    let password = this.config.auth.bootstrapAdminPassword;
    const generated = !password;
    if (!password) {
      if (this.config.database.kind !== 'embedded') {
        throw new ConfigError('TSUNAGU_BOOTSTRAP_ADMIN_PASSWORD', 'is required on the first start with an empty database');
      }
      password = randomBytes(12).toString('base64url');
    }
    const loginId = this.config.auth.bootstrapAdminLoginId;
    const now = this.clock.now();
    const id = randomUUID();
    const passwordHash = await this.hasher.hash(password);
    const created = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({ id, loginId, displayName: 'システム管理者', role: Role.Admin, unitId: null, departmentId: null, active: true, passwordHash, createdAt: now, updatedAt: now })
        .orIgnore()
        .execute();
      // ON CONFLICT DO NOTHING returns no row when another process created the admin first.
      if ((result.raw as unknown[]).length === 0) return false;
      await this.audit.write(manager, { requestId: 'bootstrap', ip: null, userId: id, role: Role.Admin }, {
        category: AuditCategory.Security,
        action: AuditAction.UserBootstrapAdmin,
        resourceType: 'user',
        resourceId: id,
      });
      return true;
    });
    if (!created) return;
    // The login id is not logged: an installation that chose one keeps it out of the log store.
    this.logger.log('Created the first admin account');
    if (generated) {
      // Printed once, outside the structured log, so it is not shipped to a log store.
      process.stdout.write(
        `\n  最初の管理者アカウント / first admin account\n  login id: ${loginId}\n  password: ${password}\n  (shown once; sign in and set up MFA, then create staff accounts)\n\n`,
      );
    }
  }
}
