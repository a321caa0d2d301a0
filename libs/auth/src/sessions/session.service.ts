import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { User } from '../users/user.entity';
import { hashSessionToken, looksLikeSessionToken, newSessionToken } from './session-token';
import { Session, SessionScope } from './session.entity';

export interface ActiveSession {
  session: Session;
  user: User;
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

  /** The live session for a token, sliding its idle deadline; null when unknown, revoked, idle or expired. */
  async resolve(token: string): Promise<ActiveSession | null> {
    if (!looksLikeSessionToken(token)) return null;
    const now = this.clock.now();
    const session = await this.dataSource.getRepository(Session).findOne({ where: { tokenHash: hashSessionToken(token), revokedAt: IsNull() } });
    if (!session) return null;
    if (session.expiresAt <= now || now.getTime() - session.lastSeenAt.getTime() >= this.config.auth.idleTimeoutMs) return null;
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: session.userId } });
    if (!user || !user.active) return null;
    await this.dataSource.getRepository(Session).update({ id: session.id }, { lastSeenAt: now });
    session.lastSeenAt = now;
    return { session, user };
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
