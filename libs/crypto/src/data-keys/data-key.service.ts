import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { KEY_MATERIAL } from '../tokens';
import { generateDataKey, rewrapDataKey, unwrapDataKey, wrapDataKey } from '../envelope-cipher';
import { ShreddedKeyError } from '../errors';
import { ResolvedKeyMaterial } from '../key-material';
import { DataKey } from './data-key.entity';

/** How long an unwrapped key is kept in memory; a destroyed key stops working in other processes within this time. */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX = 2_000;

/** Creates, unwraps (with a small cache), destroys and re-wraps per-subject data keys. */
@Injectable()
export class DataKeyService {
  private readonly cache = new Map<string, { key: Buffer; until: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KEY_MATERIAL) private readonly keys: ResolvedKeyMaterial,
  ) {}

  /** A new data key for a subject, inside the caller's transaction. */
  async create(manager: EntityManager, subjectType: string, subjectId: string, now: Date): Promise<string> {
    const id = randomUUID();
    const key = generateDataKey();
    await manager.insert(DataKey, {
      id,
      subjectType,
      subjectId,
      wrappedKey: wrapDataKey(this.keys.keyring, key, id),
      masterKeyId: this.keys.keyring.current().id,
      createdAt: now,
      destroyedAt: null,
    });
    this.remember(id, key);
    return id;
  }

  async keyFor(id: string, manager: EntityManager = this.dataSource.manager): Promise<Buffer> {
    const hit = this.cache.get(id);
    if (hit && hit.until > Date.now()) return hit.key;
    const row = await manager.findOne(DataKey, { where: { id } });
    if (!row || !row.wrappedKey) {
      this.cache.delete(id);
      throw new ShreddedKeyError();
    }
    const key = unwrapDataKey(this.keys.keyring, row.wrappedKey, id);
    this.remember(id, key);
    return key;
  }

  /** Crypto-shredding: the wrapped key is cleared; the row stays as a record that it existed. */
  async destroy(manager: EntityManager, id: string, now: Date): Promise<void> {
    await this.destroyMany(manager, [id], now);
  }

  /** Crypto-shredding of many keys in one statement (retention of anonymous records). */
  async destroyMany(manager: EntityManager, ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await manager.update(DataKey, { id: In(ids) }, { wrappedKey: null, masterKeyId: null, destroyedAt: now });
    for (const id of ids) this.cache.delete(id);
  }

  /**
   * Re-wraps up to `limit` data keys still wrapped by a retired master key under the current
   * one; returns how many. Safe to run in several workers at once and to repeat after a crash.
   */
  async rewrapBatch(limit = 500): Promise<number> {
    const currentId = this.keys.keyring.current().id;
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager
        .getRepository(DataKey)
        .createQueryBuilder('k')
        .where('k.wrapped_key IS NOT NULL')
        .andWhere('k.master_key_id <> :currentId', { currentId })
        .orderBy('k.id')
        .limit(limit)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      for (const row of rows) {
        await manager.update(DataKey, { id: row.id }, { wrappedKey: rewrapDataKey(this.keys.keyring, row.wrappedKey!, row.id), masterKeyId: currentId });
      }
      return rows.length;
    });
  }

  /** Data keys still wrapped by a retired master key. */
  countNotCurrent(): Promise<number> {
    return this.dataSource.getRepository(DataKey).count({ where: { wrappedKey: Not(IsNull()), masterKeyId: Not(this.keys.keyring.current().id) } });
  }

  private remember(id: string, key: Buffer): void {
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(id, { key, until: Date.now() + CACHE_TTL_MS });
  }
}
