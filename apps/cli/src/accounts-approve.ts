import 'reflect-metadata';
import { AuditWriter, TransactionRunner } from '@tsunagu/audit';
import { AccountApprovalService, SessionService } from '@tsunagu/auth';
import { Clock, DomainError } from '@tsunagu/common';
import { openConfiguredDatabase, runCli } from './cli-database';

// npm run accounts:approve -- <login id> — for the server's operator, when no supervisor can
// approve an account (the first supervisor of a new installation, or a unit whose only supervisor
// is the one waiting). Prints the one-time activation code to hand to the person; audited.
runCli(async (config) => {
  const loginId = process.argv[2];
  if (!loginId) {
    process.stderr.write('Usage: npm run accounts:approve -- <login id>\n');
    return 2;
  }
  const db = await openConfiguredDatabase(config);
  try {
    const clock = new Clock();
    const approvals = new AccountApprovalService(db.dataSource, new TransactionRunner(db.dataSource, new AuditWriter(db.dataSource, clock)), new SessionService(db.dataSource, config, clock), clock);
    const issued = await approvals.approveByOperator(loginId, { requestId: 'cli:accounts-approve', ip: null });
    process.stdout.write(`Approved ${loginId}. One-time activation code (hand it to the person; valid until ${issued.expiresAt}):\n${issued.activationCode}\n`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
});
