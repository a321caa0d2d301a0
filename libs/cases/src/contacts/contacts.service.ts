import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { Actor, addDays, Clock, DomainError, FieldError, InvalidInputError, isValidDate, jstDate, jstStartOfDay, StaleVersionError } from '@tsunagu/common';
import { CodesService } from '@tsunagu/codes';
import { DataKeyService, FieldCipher } from '@tsunagu/crypto';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CaseAccessService } from '../access/case-access.service';
import { CaseStatus } from '../cases/case.entity';
import { clientDataKeyId } from '../clients/client.entity';
import { Contact } from './contact.entity';
import { ContactDto, CreateAnonymousContactDto, CreateContactDto, UpdateContactDto } from './dto/contact.dto';

/** Where a contact's encrypted text belongs (the AEAD associated data). */
export const contactAad = (contactId: string, field: 'summary' | 'nextAction') => `contact:${contactId}:${field}`;

/** Consultation records: the rows the program report counts. */
@Injectable()
export class ContactsService {
  private readonly dataKeyIds = new Map<string, string>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly codes: CodesService,
    private readonly dataKeys: DataKeyService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  createForCase(actor: Actor, caseId: string, dto: CreateContactDto): Promise<ContactDto> {
    this.checkShape(dto);
    return this.tx.run(actor, (tx) => this.recordOnCase(tx, actor, caseId, dto));
  }

  createAnonymous(actor: Actor, dto: CreateAnonymousContactDto): Promise<ContactDto> {
    this.checkShape(dto);
    return this.tx.run(actor, (tx) => this.recordAnonymous(tx, actor, dto));
  }

  /**
   * A consultation record written inside another use case's transaction (a LINE session
   * closed by a counselor): on a case the actor may see (checked here), or anonymous on the
   * program. Checked like any other contact.
   */
  async recordWithin(tx: Tx, actor: Actor, dto: CreateAnonymousContactDto, caseId: string | null): Promise<ContactDto> {
    this.checkShape(dto);
    return caseId ? this.recordOnCase(tx, actor, caseId, dto) : this.recordAnonymous(tx, actor, dto);
  }

  private async recordOnCase(tx: Tx, actor: Actor, caseId: string, dto: CreateContactDto): Promise<ContactDto> {
    const item = await this.access.requireCase(tx, actor, caseId, AuditAction.ContactCreate, 'share');
    if (item.status !== CaseStatus.Open) {
      throw new DomainError(HttpStatus.CONFLICT, '終結したケースには記録できません。再開してから記録してください', [
        { field: 'caseId', message: 'ケースが終結しています', constraints: ['caseOpen'] },
      ]);
    }
    await this.checkCodes(tx.manager, item.programCode, dto);
    const dataKeyId = await this.clientDataKeyId(tx.manager, item.clientId);
    const contact = await this.insert(tx.manager, actor, dto, { caseId, programCode: item.programCode, dataKeyId });
    await tx.audit({ category: AuditCategory.Case, action: AuditAction.ContactCreate, resourceType: 'contact', resourceId: contact.id, caseId });
    return this.toDto(contact, tx.manager);
  }

  private async recordAnonymous(tx: Tx, actor: Actor, dto: CreateAnonymousContactDto): Promise<ContactDto> {
    const programErrors = await this.codes.checkProgram(tx.manager, 'programCode', dto.programCode);
    if (programErrors.length) throw new InvalidInputError(programErrors);
    await this.checkCodes(tx.manager, dto.programCode, dto);
    const id = randomUUID();
    // Its own key, so an anonymous record can be shredded on its own schedule.
    const dataKeyId = await this.dataKeys.create(tx.manager, 'contact', id, this.clock.now());
    const contact = await this.insert(tx.manager, actor, dto, { caseId: null, programCode: dto.programCode, dataKeyId, id });
    await tx.audit({ category: AuditCategory.Case, action: AuditAction.ContactCreate, resourceType: 'contact', resourceId: contact.id, detailCode: 'anonymous' });
    return this.toDto(contact, tx.manager);
  }

  /** Corrects a consultation record; checked like a new one, against the version read. */
  update(actor: Actor, contactId: string, dto: UpdateContactDto): Promise<ContactDto> {
    return this.tx.run(actor, async (tx) => {
      const contact = await this.access.requireCaseRecord(tx, actor, Contact, contactId, AuditAction.ContactUpdate, 'contact', '相談記録が見つかりません');
      if (contact.version !== dto.version) throw new StaleVersionError();
      const merged: CreateContactDto = {
        startedAt: dto.startedAt ?? contact.startedAt.toISOString(),
        durationMinutes: dto.durationMinutes ?? contact.durationMinutes,
        channel: dto.channel ?? contact.channel,
        mainConcern: dto.mainConcern ?? contact.mainConcern,
        otherConcerns: dto.otherConcerns ?? contact.otherConcerns,
        dvRelated: dto.dvRelated ?? contact.dvRelated,
        // null removes the follow-up date; left out keeps it.
        followUpOn: dto.followUpOn === null ? undefined : (dto.followUpOn ?? contact.followUpOn ?? undefined),
      };
      this.checkShape(merged);
      await this.checkCodes(tx.manager, contact.programCode, merged, contact);
      const next: Partial<Contact> = {
        startedAt: new Date(merged.startedAt),
        durationMinutes: merged.durationMinutes,
        channel: merged.channel,
        mainConcern: merged.mainConcern,
        otherConcerns: merged.otherConcerns ?? [],
        dvRelated: merged.dvRelated,
        followUpOn: merged.followUpOn ?? null,
        version: contact.version + 1,
        ...(dto.summary !== undefined ? { summaryEnc: await this.cipher.encrypt(contact.dataKeyId, dto.summary, contactAad(contactId, 'summary'), tx.manager) } : {}),
        ...(dto.nextAction !== undefined ? { nextActionEnc: await this.cipher.encrypt(contact.dataKeyId, dto.nextAction, contactAad(contactId, 'nextAction'), tx.manager) } : {}),
      };
      await tx.manager.update(Contact, { id: contactId, version: dto.version }, next);
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ContactUpdate, resourceType: 'contact', resourceId: contactId, caseId: contact.caseId ?? undefined, detailCode: changed.join(',') || 'none' });
      return this.toDto({ ...contact, ...next }, tx.manager);
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<ContactDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.ContactList);
      const rows = await tx.manager.find(Contact, { where: { caseId }, order: { startedAt: 'DESC', id: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ContactList, resourceType: 'case', resourceId: caseId, caseId });
      return Promise.all(rows.map((c) => this.toDto(c, tx.manager)));
    });
  }

  /** A client's data key id never changes (shredding destroys the key, not the link), so it is remembered. */
  private async clientDataKeyId(manager: EntityManager, clientId: string): Promise<string> {
    const known = this.dataKeyIds.get(clientId);
    if (known) return known;
    const dataKeyId = await clientDataKeyId(manager, clientId);
    if (this.dataKeyIds.size >= 10_000) this.dataKeyIds.delete(this.dataKeyIds.keys().next().value!);
    this.dataKeyIds.set(clientId, dataKeyId);
    return dataKeyId;
  }

  private async insert(
    manager: EntityManager,
    actor: Actor,
    dto: CreateContactDto,
    where: { caseId: string | null; programCode: string; dataKeyId: string; id?: string },
  ): Promise<Contact> {
    const id = where.id ?? randomUUID();
    const contact: Contact = {
      id,
      caseId: where.caseId,
      programCode: where.programCode,
      unitId: actor.unitId!,
      startedAt: new Date(dto.startedAt),
      durationMinutes: dto.durationMinutes,
      channel: dto.channel,
      counselorId: actor.userId,
      mainConcern: dto.mainConcern,
      otherConcerns: dto.otherConcerns ?? [],
      dvRelated: dto.dvRelated,
      dataKeyId: where.dataKeyId,
      summaryEnc: await this.cipher.encryptOptional(where.dataKeyId, dto.summary, contactAad(id, 'summary'), manager),
      nextActionEnc: await this.cipher.encryptOptional(where.dataKeyId, dto.nextAction, contactAad(id, 'nextAction'), manager),
      followUpOn: dto.followUpOn ?? null,
      createdAt: this.clock.now(),
      version: 1,
    };
    await manager.insert(Contact, contact);
    return contact;
  }

  /** Checks that need no database: time not after today (JST), follow-up a real date. */
  private checkShape(dto: CreateContactDto): void {
    const fields: FieldError[] = [];
    const started = new Date(dto.startedAt);
    const endOfToday = jstStartOfDay(addDays(jstDate(this.clock.now()), 1));
    if (Number.isNaN(started.getTime()) || started >= endOfToday) {
      fields.push({ field: 'startedAt', message: '相談日時に未来の日付は指定できません', constraints: ['notInFuture'] });
    }
    if (dto.followUpOn !== undefined && !isValidDate(dto.followUpOn)) {
      fields.push({ field: 'followUpOn', message: '日付が正しくありません', constraints: ['validDate'] });
    }
    if (fields.length) throw new InvalidInputError(fields);
  }

  /**
   * The program, channel and concerns must be in use. For a correction (`stored`), only codes it
   * changes are checked: a record keeps a concern or channel stopped since it was written.
   */
  private async checkCodes(manager: EntityManager, programCode: string, dto: CreateContactDto, stored?: Contact): Promise<void> {
    const others = (dto.otherConcerns ?? []).filter((code) => !stored?.otherConcerns.includes(code));
    const fields = [
      ...(!stored || dto.channel !== stored.channel ? await this.codes.checkProgram(manager, 'programCode', programCode, { field: 'channel', value: dto.channel }) : []),
      ...(!stored || dto.mainConcern !== stored.mainConcern ? await this.codes.checkConcerns(manager, 'mainConcern', [dto.mainConcern]) : []),
      ...(others.length ? await this.codes.checkConcerns(manager, 'otherConcerns', others) : []),
    ];
    if (fields.length) throw new InvalidInputError(fields);
  }

  private async toDto(c: Contact, manager: EntityManager): Promise<ContactDto> {
    return {
      id: c.id,
      caseId: c.caseId,
      programCode: c.programCode,
      startedAt: c.startedAt.toISOString(),
      durationMinutes: c.durationMinutes,
      channel: c.channel,
      counselorId: c.counselorId,
      mainConcern: c.mainConcern,
      otherConcerns: c.otherConcerns,
      dvRelated: c.dvRelated,
      summary: await this.cipher.decryptOptional(c.summaryEnc, contactAad(c.id, 'summary'), manager),
      nextAction: await this.cipher.decryptOptional(c.nextActionEnc, contactAad(c.id, 'nextAction'), manager),
      followUpOn: c.followUpOn,
      version: c.version,
    };
  }
}
