import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ROLE_PERMISSIONS } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { DataSource } from 'typeorm';
import { Session, SessionScope } from '../sessions/session.entity';
import { MeResponseDto, UserResponseDto } from './dto/user.response';
import { User } from './user.entity';

@Injectable()
export class UsersQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<UserResponseDto[]> {
    const users = await this.dataSource.getRepository(User).find({ order: { loginId: 'ASC' } });
    return users.map((u) => UserResponseDto.from(u));
  }

  async me(actor: Actor): Promise<MeResponseDto> {
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: actor.userId });
    const session = await this.dataSource.getRepository(Session).findOneByOrFail({ id: actor.sessionId });
    return {
      ...UserResponseDto.from(user),
      mfaEnrolmentRequired: session.scope === SessionScope.MfaEnrolment,
      permissions: [...ROLE_PERMISSIONS[user.role]],
      sessionExpiresAt: session.expiresAt.toISOString(),
      idleTimeoutSeconds: Math.floor(this.config.auth.idleTimeoutMs / 1000),
    };
  }
}
