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
   * The live session for a token, sliding its idle deadline; null when unknown, revoked, idle,
   * expired or its user disabled. One statement: it runs on every request.
   */
  async resolve(token: string): Promise<ActiveSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const now = this.clock.now();
    const idleSince = new Date(now.getTime() - this.config.auth.idleTimeoutMs);
    const [rows] = await this.dataSource.query(
      `UPDATE sessions s SET last_seen_at = $2
         FROM users u
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND s.last_seen_at > $3
          AND u.id = s.user_id AND u.active
       RETURNING s.id, s.user_id, s.scope, s.created_at, s.expires_at,
                 u.role, u.unit_id, u.department_id`,
      [hashSessionToken(token), now, idleSince],
    );
    const row = (rows as SessionRow[] | undefined)?.[0];
    if (!row) return null;
    return {
      session: { id: row.id, userId: row.user_id, scope: row.scope, createdAt: row.created_at, expiresAt: row.expires_at, lastSeenAt: now },
      user: { id: row.user_id, role: row.role, unitId: row.unit_id, departmentId: row.department_id },
    };
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
