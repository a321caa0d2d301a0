import { Injectable } from '@nestjs/common';
import { hasPermission, Permission } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Clock, FieldError, ForbiddenError, InvalidInputError, isValidDate, jstDate, StaleVersionError } from '@tsunagu/common';
import { AgeBand, ageBandOf, Gender } from '@tsunagu/codes';
import { BlindIndexer, DataKeyService, FieldCipher, normalizeKana, normalizePhone } from '@tsunagu/crypto';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CaseAccessService } from '../access/case-access.service';
import { ClientChild } from './client-child.entity';
import { Client } from './client.entity';
import { ChildDto, ClientDto, ClientReadQueryDto, ClientSearchDto, ClientSummaryDto, CreateChildDto, CreateClientDto, UpdateClientDto } from './dto/client.dto';

type Field = 'name' | 'kana' | 'birthDate' | 'phone' | 'address' | 'notes';
const COLUMN: Record<Field, keyof Client> = {
  name: 'nameEnc',
  kana: 'kanaEnc',
  birthDate: 'birthDateEnc',
  phone: 'phoneEnc',
  address: 'addressEnc',
  notes: 'notesEnc',
};
/** Associated data of a client's encrypted field: binds the ciphertext to its client and field. */
export const clientFieldAad = (clientId: string, field: Field) => `client:${clientId}:${field}`;
const aad = clientFieldAad;
const childAad = (childId: string, field: 'name' | 'birthDate') => `client-child:${childId}:${field}`;

/** Clients: personal fields encrypted under the client's own data key, found by blind index. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly dataKeys: DataKeyService,
    private readonly cipher: FieldCipher,
    private readonly blind: BlindIndexer,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, dto: CreateClientDto): Promise<ClientDto> {
    this.checkDates(dto.birthDate);
    return this.tx.run(actor, async (tx) => {
      const now = this.clock.now();
      const id = randomUUID();
      const dataKeyId = await this.dataKeys.create(tx.manager, 'client', id, now);
      const client: Client = {
        id,
        unitId: actor.unitId!,
        dataKeyId,
        nameEnc: await this.cipher.encrypt(dataKeyId, dto.name, aad(id, 'name'), tx.manager),
        kanaEnc: await this.cipher.encryptOptional(dataKeyId, dto.kana, aad(id, 'kana'), tx.manager),
        birthDateEnc: await this.cipher.encryptOptional(dataKeyId, dto.birthDate, aad(id, 'birthDate'), tx.manager),
        phoneEnc: await this.cipher.encryptOptional(dataKeyId, dto.phone, aad(id, 'phone'), tx.manager),
        addressEnc: await this.cipher.encryptOptional(dataKeyId, dto.address, aad(id, 'address'), tx.manager),
        notesEnc: await this.cipher.encryptOptional(dataKeyId, dto.notes, aad(id, 'notes'), tx.manager),
        phoneIndex: this.phoneIndex(dto.phone),
        kanaIndex: this.kanaIndex(dto.kana),
        bidxKeyId: this.blind.keyId,
        gender: dto.gender ?? Gender.Unknown,
        ageBand: dto.birthDate ? ageBandOf(dto.birthDate, jstDate(now)) : (dto.ageBand ?? AgeBand.Unknown),
        addressProtected: dto.addressProtected ?? false,
        shreddedAt: null,
        createdAt: now,
        createdBy: actor.userId,
        updatedAt: now,
        version: 1,
      };
      await tx.manager.insert(Client, client);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientCreate, resourceType: 'client', resourceId: id });
      return this.toDto(client, tx.manager);
    });
  }

  /** Finds a returning caller by phone or kana (exact, after normalization) among the clients the actor may see. */
  search(actor: Actor, query: ClientSearchDto): Promise<ClientSummaryDto[]> {
    // Under the current key and, mid-rotation, the previous one: rows not yet recomputed are found too.
    const phone = query.phone !== undefined ? this.lookup('phone', normalizePhone(query.phone)) : undefined;
    const kana = query.kana !== undefined ? this.lookup('kana', normalizeKana(query.kana)) : undefined;
    const fields: FieldError[] = [];
    if (query.phone === undefined && query.kana === undefined) {
      fields.push({ field: 'phone', message: '電話番号かフリガナを指定してください', constraints: ['searchKeyRequired'] });
    }
    if (query.kana !== undefined && !kana) fields.push({ field: 'kana', message: 'フリガナを入力してください', constraints: ['isNotEmpty'] });
    if (fields.length) throw new InvalidInputError(fields);
    return this.tx.run(actor, async (tx) => {
      const qb = this.access.scopeClients(tx.manager.getRepository(Client).createQueryBuilder('cl'), actor, 'cl').orderBy('cl.created_at', 'DESC').limit(50);
      if (phone) qb.andWhere('cl.phone_bidx IN (:...phone)', { phone });
      if (kana) qb.andWhere('cl.kana_bidx IN (:...kana)', { kana });
      const found = await qb.getMany();
      // Which key was searched is recorded, never the value.
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientSearch, resourceType: 'client', detailCode: [phone && 'phone', kana && 'kana'].filter(Boolean).join(',') });
      return Promise.all(found.map((c) => this.toSummary(c, tx.manager)));
    });
  }

  /**
   * The client's record. The address of an address-protected client (住所秘匿) is withheld
   * unless asked for with `includeAddress`: the one place it is shown, and the read says so in
   * the audit trail (detail `address`).
   */
  get(actor: Actor, id: string, query: ClientReadQueryDto = {}): Promise<ClientDto> {
    return this.tx.run(actor, async (tx) => {
      const client = await this.access.requireClient(tx, actor, id, AuditAction.ClientRead);
      const reveal = client.addressProtected && query.includeAddress === true;
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientRead, resourceType: 'client', resourceId: id, ...(reveal ? { detailCode: 'address' } : {}) });
      return this.toDto(client, tx.manager, reveal);
    });
  }

  /** Name, kana and the 住所秘匿 flag only: what a screen needs to say whose case it is. */
  summary(actor: Actor, id: string): Promise<ClientSummaryDto> {
    return this.tx.run(actor, async (tx) => {
      const client = await this.access.requireClient(tx, actor, id, AuditAction.ClientRead);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientRead, resourceType: 'client', resourceId: id, detailCode: 'summary' });
      return this.toSummary(client, tx.manager);
    });
  }

  update(actor: Actor, id: string, dto: UpdateClientDto): Promise<ClientDto> {
    this.checkDates(dto.birthDate ?? undefined);
    return this.tx.run(actor, async (tx) => {
      const visible = await this.access.requireClient(tx, actor, id, AuditAction.ClientUpdate);
      const client = await tx.manager.findOneOrFail(Client, { where: { id: visible.id }, lock: { mode: 'pessimistic_write' } });
      if (client.version !== dto.version) throw new StaleVersionError();
      if (client.addressProtected && dto.addressProtected === false && !hasPermission(actor.role, Permission.ClientProtectionLift)) {
        tx.denied({ category: AuditCategory.Case, action: AuditAction.ClientUpdate, resourceType: 'client', resourceId: id, detailCode: 'addressProtected' });
        throw new ForbiddenError('住所秘匿の解除は査察指導員が行います');
      }
      const now = this.clock.now();
      const next: Partial<Client> = { updatedAt: now, version: client.version + 1 };
      const changed: string[] = [];
      for (const field of Object.keys(COLUMN) as Field[]) {
        const value = dto[field];
        if (value === undefined) continue;
        if (field === 'name' && value === null) continue;
        (next as Record<string, unknown>)[COLUMN[field]] = await this.cipher.encryptOptional(client.dataKeyId, value, aad(id, field), tx.manager);
        changed.push(field);
      }
      if (dto.phone !== undefined || dto.kana !== undefined) {
        // The row records one key id for both indexes: the one not changed is recomputed under the current key too.
        const phone = dto.phone !== undefined ? dto.phone : await this.cipher.decryptOptional(client.phoneEnc, aad(id, 'phone'), tx.manager);
        const kana = dto.kana !== undefined ? dto.kana : await this.cipher.decryptOptional(client.kanaEnc, aad(id, 'kana'), tx.manager);
        next.phoneIndex = this.phoneIndex(phone ?? undefined);
        next.kanaIndex = this.kanaIndex(kana ?? undefined);
        next.bidxKeyId = this.blind.keyId;
      }
      if (dto.birthDate) next.ageBand = ageBandOf(dto.birthDate, jstDate(now));
      else if (dto.ageBand) next.ageBand = dto.ageBand;
      if (dto.gender) next.gender = dto.gender;
      if (dto.addressProtected !== undefined) next.addressProtected = dto.addressProtected;
      for (const k of ['gender', 'ageBand', 'addressProtected'] as const) if (dto[k] !== undefined) changed.push(k);
      // The version is checked above under the row lock and bumped here by hand.
      await tx.manager.createQueryBuilder().update(Client).set(next).where('id = :id AND version = :version', { id, version: dto.version }).execute();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientUpdate, resourceType: 'client', resourceId: id, detailCode: changed.join(',') || 'none' });
      return this.toDto({ ...client, ...next }, tx.manager);
    });
  }

  addChild(actor: Actor, clientId: string, dto: CreateChildDto): Promise<ChildDto> {
    this.checkDates(dto.birthDate);
    return this.tx.run(actor, async (tx) => {
      const client = await this.access.requireClient(tx, actor, clientId, AuditAction.ClientChildCreate);
      const id = randomUUID();
      const child: ClientChild = {
        id,
        clientId,
        nameEnc: await this.cipher.encrypt(client.dataKeyId, dto.name, childAad(id, 'name'), tx.manager),
        birthDateEnc: await this.cipher.encryptOptional(client.dataKeyId, dto.birthDate, childAad(id, 'birthDate'), tx.manager),
        createdAt: this.clock.now(),
      };
      await tx.manager.insert(ClientChild, child);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientChildCreate, resourceType: 'client', resourceId: clientId });
      return { id, name: dto.name, birthDate: dto.birthDate ?? null };
    });
  }

  children(actor: Actor, clientId: string): Promise<ChildDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireClient(tx, actor, clientId, AuditAction.ClientChildList);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ClientChildList, resourceType: 'client', resourceId: clientId });
      return this.decryptChildren(tx.manager, clientId);
    });
  }

  /** A client's children, decrypted: for the client's own record, or a disclosure the caller has authorised. */
  async decryptChildren(manager: EntityManager, clientId: string): Promise<ChildDto[]> {
    const rows = await manager.find(ClientChild, { where: { clientId }, order: { createdAt: 'ASC' } });
    return Promise.all(
      rows.map(async (c) => ({
        id: c.id,
        name: await this.cipher.decrypt(c.nameEnc, childAad(c.id, 'name'), manager),
        birthDate: await this.cipher.decryptOptional(c.birthDateEnc, childAad(c.id, 'birthDate'), manager),
      })),
    );
  }

  /**
   * The chosen personal fields of a client, decrypted, for a disclosure the caller has
   * authorised (a referral at approval). Notes are never disclosable.
   */
  async disclosableFields(manager: EntityManager, clientId: string, fields: readonly Exclude<Field, 'notes'>[]): Promise<Partial<Record<Exclude<Field, 'notes'>, string | null>>> {
    const client = await manager.findOneOrFail(Client, { where: { id: clientId } });
    const out: Partial<Record<Exclude<Field, 'notes'>, string | null>> = {};
    for (const field of fields) out[field] = await this.cipher.decryptOptional(client[COLUMN[field]] as string | null, aad(clientId, field), manager);
    return out;
  }

  async toSummary(c: Client, manager: EntityManager): Promise<ClientSummaryDto> {
    return {
      id: c.id,
      name: await this.cipher.decrypt(c.nameEnc, aad(c.id, 'name'), manager),
      kana: await this.cipher.decryptOptional(c.kanaEnc, aad(c.id, 'kana'), manager),
      gender: c.gender,
      ageBand: c.ageBand,
      addressProtected: c.addressProtected,
    };
  }

  /**
   * Her whole record, the address included whatever the 住所秘匿 flag says: for a disclosure to
   * the person herself (本人開示), which its caller audits as such.
   */
  fullRecord(c: Client, manager: EntityManager): Promise<ClientDto> {
    return this.toDto(c, manager, true);
  }

  /** The record; a protected address only when `revealAddress` (never after a create or update). */
  private async toDto(c: Client, manager: EntityManager, revealAddress = false): Promise<ClientDto> {
    const withheld = c.addressProtected && !revealAddress && c.addressEnc !== null;
    return {
      ...(await this.toSummary(c, manager)),
      birthDate: await this.cipher.decryptOptional(c.birthDateEnc, aad(c.id, 'birthDate'), manager),
      phone: await this.cipher.decryptOptional(c.phoneEnc, aad(c.id, 'phone'), manager),
      address: withheld ? null : await this.cipher.decryptOptional(c.addressEnc, aad(c.id, 'address'), manager),
      addressWithheld: withheld,
      notes: await this.cipher.decryptOptional(c.notesEnc, aad(c.id, 'notes'), manager),
      version: c.version,
    };
  }

  private phoneIndex(phone: string | undefined): string | null {
    const normalized = phone ? normalizePhone(phone) : '';
    return normalized ? this.blind.index('phone', normalized) : null;
  }

  private kanaIndex(kana: string | undefined): string | null {
    const normalized = kana ? normalizeKana(kana) : '';
    return normalized ? this.blind.index('kana', normalized) : null;
  }

  private lookup(kind: 'phone' | 'kana', normalized: string): string[] | null {
    return normalized ? this.blind.lookup(kind, normalized) : null;
  }

  private checkDates(birthDate: string | undefined): void {
    if (birthDate !== undefined && (!isValidDate(birthDate) || birthDate > jstDate(this.clock.now()))) {
      throw new InvalidInputError([{ field: 'birthDate', message: '生年月日が正しくありません', constraints: ['validDate'] }]);
    }
  }
}
