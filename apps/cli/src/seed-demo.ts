import 'reflect-metadata';
import { ROLE_HOMES } from '@tsunagu/access';
import { AuditAction, AuditCategory, AuditWriter } from '@tsunagu/audit';
import { PasswordHasher, User } from '@tsunagu/auth';
import { Clock, Role } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { openConfiguredDatabase, runCli } from './cli-database';

/** Synthetic staff accounts, one per role, for trying Tsunagu out. Never real people. */
export const DEMO_PASSWORD = 'demo-password-2025';
const UNIT_ID = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01';
const DEPARTMENT_ID = '0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e01';
const DEMO_USERS: Array<{ loginId: string; displayName: string; role: Role }> = [
  { loginId: 'demo.counselor', displayName: 'デモ 相談員', role: Role.Counselor },
  { loginId: 'demo.supervisor', displayName: 'デモ 査察指導員', role: Role.Supervisor },
  { loginId: 'demo.statistician', displayName: 'デモ 統計担当', role: Role.Statistician },
  { loginId: 'demo.liaison', displayName: 'デモ 市民課窓口', role: Role.Liaison },
];

// npm run seed:demo — adds the demo accounts (skips ones that exist); refused in production.
runCli(async (config) => {
  if (config.nodeEnv === 'production') {
    process.stderr.write('seed:demo is refused when NODE_ENV=production: demo accounts have a published password.\n');
    return 1;
  }
  const db = await openConfiguredDatabase(config);
  try {
    const hasher = new PasswordHasher();
    const clock = new Clock();
    const audit = new AuditWriter(db.dataSource, clock);
    const passwordHash = await hasher.hash(DEMO_PASSWORD);
    for (const demo of DEMO_USERS) {
      const created = await db.dataSource.transaction(async (manager) => {
        if (await manager.existsBy(User, { loginId: demo.loginId })) return false;
        const now = clock.now();
        const id = randomUUID();
        await manager.insert(User, {
          id,
          ...demo,
          unitId: ROLE_HOMES[demo.role] === 'unit' ? UNIT_ID : null,
          departmentId: ROLE_HOMES[demo.role] === 'department' ? DEPARTMENT_ID : null,
          active: true,
          passwordHash,
          createdAt: now,
          updatedAt: now,
        });
        await audit.write(manager, { requestId: 'seed-demo', ip: null }, {
          category: AuditCategory.Security,
          action: AuditAction.UserCreate,
          resourceType: 'user',
          resourceId: id,
          detailCode: 'seed-demo',
        });
        return true;
      });
      process.stdout.write(`${created ? 'created' : 'exists '} ${demo.loginId} (${demo.role})\n`);
    }
    process.stdout.write(`Password of every demo account: ${DEMO_PASSWORD} (the supervisor sets up MFA at first sign-in)\n`);
    return 0;
  } finally {
    await db.close();
  }
});
