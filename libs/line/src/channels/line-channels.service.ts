import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Channel, CodesService } from '@tsunagu/codes';
import { Actor, addDays, Clock, ConflictError, InvalidInputError, isValidDate, jstStartOfDay, NotFoundError, StaleVersionError } from '@tsunagu/common';
import { DataKeyService, FieldCipher } from '@tsunagu/crypto';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { channelAad } from '../aad';
import { LineChannel } from '../line.entities';
import { CreateLineChannelDto, FollowersDto, LineChannelDto, UpdateLineChannelDto } from './dto/channel.dto';
import { queryRows } from '@tsunagu/database';

const aad = channelAad;
/** How long a process keeps a channel's decrypted secret before reading it again. */
const CACHE_TTL_MS = 60_000;

/** What the webhook needs of a channel, with the secret decrypted. */
export interface ResolvedChannel {
  id: string;
  programCode: string;
  unitId: string;
  dataKeyId: string;
  secret: Buffer;
}

const channelDto = (c: LineChannel): LineChannelDto => ({
  id: c.id,
  key: c.key,
  name: c.name,
  programCode: c.programCode,
  unitId: c.unitId,
  webhookPath: `/api/v1/line/webhook/${c.key}`,
  active: c.active,
  version: c.version,
});

/** LINE official accounts (admin), their secrets, and follower counts. */
@Injectable()
export class LineChannelsService {
  private readonly cache = new Map<string, { channel: ResolvedChannel | null; at: number }>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly codes: CodesService,
    private readonly dataKeys: DataKeyService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  create(actor: Actor, dto: CreateLineChannelDto): Promise<LineChannelDto> {
    return this.tx.run(actor, async (tx) => {
      const programErrors = await this.codes.checkProgram(tx.manager, 'programCode', dto.programCode, { field: 'programCode', value: Channel.Line });
      if (programErrors.length) throw new InvalidInputError(programErrors);
      if (await tx.manager.existsBy(LineChannel, { key: dto.key })) throw new ConflictError('このキーは既に使われています');
      const unitId = dto.unitId ?? actor.unitId;
      if (!unitId) throw new InvalidInputError([{ field: 'unitId', message: '担当の係を指定してください', constraints: ['isNotEmpty'] }]);
      const id = randomUUID();
      const now = this.clock.now();
      const dataKeyId = await this.dataKeys.create(tx.manager, 'line-channel', id, now);
      const channel: LineChannel = {
        id,
        key: dto.key,
        name: dto.name,
        programCode: dto.programCode,
        unitId,
        dataKeyId,
        secretEnc: await this.cipher.encrypt(dataKeyId, dto.channelSecret, aad(id, 'secret'), tx.manager),
        accessTokenEnc: await this.cipher.encrypt(dataKeyId, dto.accessToken, aad(id, 'accessToken'), tx.manager),
        active: true,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await tx.manager.insert(LineChannel, channel);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.LineChannelCreate, resourceType: 'line-channel', resourceId: id, detailCode: dto.programCode });
      this.cache.delete(dto.key);
      return channelDto(channel);
    });
  }

  update(actor: Actor, id: string, dto: UpdateLineChannelDto): Promise<LineChannelDto> {
    return this.tx.run(actor, async (tx) => {
      const channel = await tx.manager.findOne(LineChannel, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!channel) throw new NotFoundError('LINEアカウントが見つかりません');
      if (channel.version !== dto.version) throw new StaleVersionError();
      const next: Partial<LineChannel> = {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
        ...(dto.channelSecret !== undefined ? { secretEnc: await this.cipher.encrypt(channel.dataKeyId, dto.channelSecret, aad(id, 'secret'), tx.manager) } : {}),
        ...(dto.accessToken !== undefined ? { accessTokenEnc: await this.cipher.encrypt(channel.dataKeyId, dto.accessToken, aad(id, 'accessToken'), tx.manager) } : {}),
        updatedAt: this.clock.now(),
        version: channel.version + 1,
      };
      await tx.manager.update(LineChannel, { id, version: dto.version }, next);
      // Which fields changed, never their values.
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.LineChannelUpdate, resourceType: 'line-channel', resourceId: id, detailCode: changed.join(',') || 'none' });
      this.cache.delete(channel.key);
      return channelDto({ ...channel, ...next });
    });
  }

  async list(): Promise<LineChannelDto[]> {
    return (await this.dataSource.manager.find(LineChannel, { order: { name: 'ASC' } })).map(channelDto);
  }

  /** The active channel with this webhook key, secret decrypted; cached briefly per process. */
  async resolve(key: string): Promise<ResolvedChannel | null> {
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.channel;
    const row = await this.dataSource.manager.findOne(LineChannel, { where: { key, active: true } });
    const channel = row
      ? {
          id: row.id,
          programCode: row.programCode,
          unitId: row.unitId,
          dataKeyId: row.dataKeyId,
          secret: Buffer.from(await this.cipher.decrypt(row.secretEnc, aad(row.id, 'secret')), 'utf8'),
        }
      : null;
    if (this.cache.size > 100) this.cache.clear();
    this.cache.set(key, { channel, at: Date.now() });
    return channel;
  }

  /** 友だち登録者数 at the end of a JST date: users whose last follow event by then was a follow. */
  followers(actor: Actor, channelId: string, date: string): Promise<FollowersDto> {
    if (!isValidDate(date)) throw new InvalidInputError([{ field: 'date', message: '日付が正しくありません', constraints: ['validDate'] }]);
    return this.tx.run(actor, async (tx) => {
      await this.requireChannel(tx.manager, channelId);
      const [{ n }] = await queryRows<{ n: number }>(
        tx.manager,
        `SELECT count(*)::int AS n FROM (
           SELECT DISTINCT ON (line_user_id) kind FROM line_follow_events
            WHERE channel_id = $1 AND occurred_at < $2
            ORDER BY line_user_id, occurred_at DESC, id DESC) last
          WHERE kind = 'follow'`,
        [channelId, jstStartOfDay(addDays(date, 1))],
      );
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineFollowersRead, resourceType: 'line-channel', resourceId: channelId, detailCode: date });
      return { channelId, date, followers: n };
    });
  }

  private async requireChannel(manager: EntityManager, id: string): Promise<LineChannel> {
    const channel = await manager.findOne(LineChannel, { where: { id } });
    if (!channel) throw new NotFoundError('LINEアカウントが見つかりません');
    return channel;
  }
}
