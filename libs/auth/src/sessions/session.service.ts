import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { User } from '../users/user.entity';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token';
import { Session, SessionScope } from './session.entity';

/** What every request needs to know about its session and user; nothing more is loaded. */
export interface ActiveSession {
  session: Pick<Session, 'id' | 'userId' | 'scope' | 'createdAt' | 'expiresAt' | 'lastSeenAt'>;
  user: Pick<User, 'id' | 'role' | 'unitId' | 'departmentId'>;
}

interface SessionRow {
  id: string;
  user_id: string;
  scope: SessionScope;
  created_at: Date;
  expires_at: Date;
  last_seen_at: Date;
  touched: boolean;
  role: User['role'];
  unit_id: string | null;
  department_id: string | null;
}

/** Opaque bearer sessions: created at sign-in, checked on every request, revocable at once. */
@Injectable()
export class SessionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async create(manager: EntityManager, userId: string, scope: SessionScope): Promise<{ session: Session; token: string }> {
    const now = this.clock.now();
    const token = newSessionToken();
    const session: Session = {
      id: randomUUID(),
      userId,
      tokenHash: hashSessionToken(token),
      scope,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.auth.maxLifetimeMs),
      revokedAt: null,
    };
    await manager.insert(Session, session);
    return { session, token };
  }

  /**
   * The live session for a token; null when unknown, revoked, idle, expired or its user
   * disabled or waiting for a supervisor's approval. One statement: it runs on every request.
   * The idle deadline slides at most once per touch interval, so most requests only read (no row
   * write, no commit flush); a session may therefore go idle up to one interval early, never late.
   */
  async resolve(token: string): Promise<ActiveSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.config.auth.idleTimeoutMs);
    const touchBefore = new Date(now.getTime() - this.touchIntervalMs());
    const rows: SessionRow[] = await this.dataSource.query(
      `WITH live AS (
         SELECT s.id, s.user_id, s.scope, s.created_at, s.expires_at, s.last_seen_at, u.role, u.unit_id, u.department_id
           FROM sessions s JOIN users u ON u.id = s.user_id AND u.active AND u.approval_pending_reason IS NULL
          WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
       ), touched AS (
         UPDATE sessions s SET last_seen_at = $2 FROM live
          WHERE s.id = live.id AND live.last_seen_at < $4 AND s.revoked_at IS NULL
         RETURNING s.id
       )
       SELECT live.*, EXISTS (SELECT 1 FROM touched) AS touched FROM live`,
      [hashSessionToken(token), now, idleSince, touchBefore],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      session: {
        id: row.id,
        userId: row.user_id,
        scope: row.scope,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        lastSeenAt: row.touched ? now : row.last_seen_at,
      },
      user: { id: row.user_id, role: row.role, unitId: row.unit_id, departmentId: row.department_id },
    };
  }

  /** How stale last_seen_at may get before a request writes it: a tenth of the idle timeout, at most a minute. */
  private touchIntervalMs(): number {
    return Math.min(60_000, Math.floor(this.config.auth.idleTimeoutMs / 10));
  }

  async revoke(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.update(Session, { id: sessionId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async revokeAllOf(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async upgradeScope(manager: EntityManager, sessionId: string, scope: SessionScope): Promise<void> {
    await manager.update(Session, { id: sessionId }, { scope });
  }
}
