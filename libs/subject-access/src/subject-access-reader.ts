import { Injectable } from '@nestjs/common';
import { User } from '@tsunagu/auth';
import {
  Case,
  CASE_STATUS_LABELS,
  CaseDv,
  Client,
  ClientsService,
  CLOSE_REASON_LABELS,
  Contact,
  contactAad,
  ProtectionOrder,
  Provision,
  PROVISION_KIND_LABELS,
  RiskAssessment,
  riskNoteAad,
  SUPPORT_MEASURE_END_LABELS,
  SUPPORT_MEASURE_STATUS_LABELS,
  SupportMeasure,
} from '@tsunagu/cases';
import {
  ACCOMPANYING_ORDERS,
  AGE_BAND_LABELS,
  CHANNEL_LABELS,
  CodesService,
  DV_RELATION_LABELS,
  GENDER_LABELS,
  PROTECTION_ORDER_LABELS,
  PROTECTION_ORDER_STATUS_LABELS,
  RISK_ITEMS,
  RISK_LEVEL_LABELS,
  VIOLENCE_TYPE_LABELS,
} from '@tsunagu/codes';
import { FieldCipher } from '@tsunagu/crypto';
import {
  CHILD_AGE_BAND_LABELS,
  Facility,
  FACILITY_KIND_LABELS,
  Placement,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_OUTCOME_LABELS,
  PLACEMENT_STATUS_LABELS,
  placementAad,
  Transport,
  TRANSPORT_PLACE_LABELS,
} from '@tsunagu/facilities';
import {
  CONVERSATION_CLOSE_REASON_LABELS,
  CONVERSATION_STATUS_LABELS,
  DELIVERY_LABELS,
  LineChannel,
  LineConversation,
  LineMessage,
  LineUser,
  lineUserAad,
  MESSAGE_DIRECTION_LABELS,
  MESSAGE_KIND_LABELS,
  MessageDirection,
  messageAad,
} from '@tsunagu/line';
import { Department } from '@tsunagu/organization';
import { CONSENT_METHOD_LABELS, Consent, DISCLOSABLE_FIELD_LABELS, Referral, referralAad, REFERRAL_PURPOSE_LABELS, REFERRAL_STATUS_LABELS, REVOKE_REASON_LABELS } from '@tsunagu/referrals';
import { EntityManager, EntityTarget, FindOptionsOrder, FindOptionsWhere, In, ObjectLiteral } from 'typeorm';
import { SubjectAccessRecord } from './subject-access-record';
import { StaffMember, StaffNameMode, StaffNames } from './staff-names';

/** A label for a code; an unknown code stands for itself rather than for nothing. */
const labelOf = (labels: Readonly<Record<string, string>>, code: string): string => labels[code] ?? code;
const labelOrNull = (labels: Readonly<Record<string, string>>, code: string | null): string | null => (code === null ? null : labelOf(labels, code));
const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

export interface SubjectAccessOptions {
  staffNames: StaffNameMode;
  requestReference: string | null;
  generatedAt: Date;
}

/**
 * Reads and decrypts everything held about one client, inside the caller's transaction: her
 * record and children, every case and what hangs off it, the referrals about her with what they
 * disclosed, her consents, the LINE conversations tied to her or her cases, supplies given.
 * Only rows reached from her id are read; facilities by kind and name alone.
 */
@Injectable()
export class SubjectAccessReader {
  constructor(
    private readonly clients: ClientsService,
    private readonly cipher: FieldCipher,
    private readonly codes: CodesService,
  ) {}

  async read(manager: EntityManager, client: Client, options: SubjectAccessOptions): Promise<SubjectAccessRecord> {
    const find = <T extends ObjectLiteral>(entity: EntityTarget<T>, where: FindOptionsWhere<T> | FindOptionsWhere<T>[], order?: FindOptionsOrder<T>) =>
      manager.find(entity, { where, order });
    const decrypt = (value: string | null, aad: string) => this.cipher.decryptOptional(value, aad, manager);

    const cases = await find(Case, { clientId: client.id }, { openedOn: 'ASC', caseNumber: 'ASC' });
    const caseIds = cases.map((c) => c.id);
    const caseNumber = new Map(cases.map((c) => [c.id, c.caseNumber]));
    const numberOf = (caseId: string | null) => (caseId ? (caseNumber.get(caseId) ?? null) : null);
    const onCases = <T extends ObjectLiteral>(entity: EntityTarget<T>, order: FindOptionsOrder<T>) =>
      caseIds.length ? find(entity, { caseId: In(caseIds) } as unknown as FindOptionsWhere<T>, order) : Promise.resolve([] as T[]);

    // LINE: conversations of her LINE accounts, or linked to one of her cases.
    const conversations = await manager
      .createQueryBuilder(LineConversation, 'lc')
      .innerJoin(LineUser, 'lu', 'lu.id = lc.line_user_id')
      .where('(lu.client_id = :clientId OR lc.case_id = ANY(:caseIds::uuid[]))', { clientId: client.id, caseIds })
      .orderBy('lc.started_at', 'ASC')
      .addOrderBy('lc.id', 'ASC')
      .getMany();
    const conversationIds = conversations.map((c) => c.id);
    const conversationNo = new Map(conversations.map((c, i) => [c.id, i + 1]));
    const lineUsers = conversations.length ? await find(LineUser, { id: In([...new Set(conversations.map((c) => c.lineUserId))]) }) : [];
    const channels = conversations.length ? await find(LineChannel, { id: In([...new Set(conversations.map((c) => c.channelId))]) }) : [];
    const messages = conversations.length ? await find(LineMessage, { conversationId: In(conversationIds) }, { occurredAt: 'ASC', id: 'ASC' }) : [];
    const lineContactIds = conversations.flatMap((c) => (c.contactId ? [c.contactId] : []));

    const contacts = await manager
      .createQueryBuilder(Contact, 'c')
      .where('(c.case_id = ANY(:caseIds::uuid[]) OR c.id = ANY(:contactIds::uuid[]))', { caseIds, contactIds: lineContactIds })
      .orderBy('c.started_at', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .getMany();
    const dvDetails = await onCases(CaseDv, { updatedAt: 'ASC' });
    const risks = await onCases(RiskAssessment, { assessedOn: 'ASC', createdAt: 'ASC' });
    const orders = await onCases(ProtectionOrder, { createdAt: 'ASC' });
    const measures = await onCases(SupportMeasure, { startsOn: 'ASC', createdAt: 'ASC' });
    const placements = await onCases(Placement, { requestedAt: 'ASC' });
    const transports = await onCases(Transport, { transportedOn: 'ASC', createdAt: 'ASC' });
    // A facility by kind and name only: its address and phone are the shelter's secret, not hers.
    const facilities = placements.length
      ? await manager.find(Facility, { where: { id: In([...new Set(placements.map((p) => p.facilityId))]) }, select: { id: true, kind: true, name: true } })
      : [];
    const referrals = await find(Referral, { clientId: client.id }, { createdAt: 'ASC' });
    const consents = await find(Consent, { clientId: client.id }, { createdAt: 'ASC' });
    const consentNo = new Map(consents.map((c, i) => [c.id, i + 1]));
    const provisions = await manager
      .createQueryBuilder(Provision, 'p')
      .where('(p.case_id = ANY(:caseIds::uuid[]) OR p.line_conversation_id = ANY(:conversationIds::uuid[]))', { caseIds, conversationIds })
      .orderBy('p.provided_on', 'ASC')
      .addOrderBy('p.created_at', 'ASC')
      .getMany();

    const departmentIds = [...new Set([...referrals.map((r) => r.departmentId), ...consents.flatMap((c) => c.departmentIds)])];
    const departments = departmentIds.length ? await find(Department, { id: In(departmentIds) }) : [];
    const departmentName = new Map(departments.map((d) => [d.id, d.name]));
    const programName = new Map((await this.codes.programs(manager)).map((p) => [p.code, p.name]));
    const concernName = new Map((await this.codes.concerns(manager)).map((c) => [c.code, c.name]));
    const program = (code: string) => programName.get(code) ?? code;
    const concern = (code: string) => concernName.get(code) ?? code;

    const staffIds = new Set<string | null>([
      client.createdBy,
      ...cases.map((c) => c.assignedCounselorId),
      ...contacts.map((c) => c.counselorId),
      ...risks.map((r) => r.assessorId),
      ...placements.flatMap((p) => [p.requestedBy, p.decidedBy]),
      ...transports.map((t) => t.createdBy),
      ...referrals.flatMap((r) => [r.authorId, r.decidedBy, r.respondedBy]),
      ...consents.flatMap((c) => [c.obtainedBy, c.withdrawnBy]),
      ...messages.map((m) => m.authorId),
      ...provisions.map((p) => p.recordedBy),
    ]);
    staffIds.delete(null);
    // Role and display name only: the login id is never read.
    const users = staffIds.size ? await manager.find(User, { where: { id: In([...staffIds] as string[]) }, select: { id: true, role: true, displayName: true } }) : [];
    const staff = new StaffNames(options.staffNames, new Map<string, StaffMember>(users.map((u) => [u.id, { role: u.role, displayName: u.displayName }])));

    // Rows are built in the order of the sections, so redacted letters follow first mention.
    const record = await this.clients.fullRecord(client, manager);
    const out: SubjectAccessRecord = {
      format: 'tsunagu-disclosure/1',
      clientId: client.id,
      generatedAt: options.generatedAt.toISOString(),
      requestReference: options.requestReference,
      staffNames: options.staffNames,
      client: {
        name: record.name,
        kana: record.kana,
        birthDate: record.birthDate,
        phone: record.phone,
        address: record.address,
        notes: record.notes,
        gender: client.gender,
        genderLabel: labelOf(GENDER_LABELS, client.gender),
        ageBand: client.ageBand,
        ageBandLabel: labelOf(AGE_BAND_LABELS, client.ageBand),
        addressProtected: client.addressProtected,
        registeredAt: client.createdAt.toISOString(),
        registeredBy: staff.of(client.createdBy),
      },
      children: (await this.clients.decryptChildren(manager, client.id)).map((c, i) => ({ no: i + 1, name: c.name, birthDate: c.birthDate })),
      cases: cases.map((c) => ({
        caseNumber: c.caseNumber,
        programCode: c.programCode,
        programName: program(c.programCode),
        status: c.status,
        statusLabel: labelOf(CASE_STATUS_LABELS, c.status),
        openedOn: c.openedOn,
        closedOn: c.closedOn,
        closeReason: c.closeReason,
        closeReasonLabel: labelOrNull(CLOSE_REASON_LABELS, c.closeReason),
        mainConcerns: c.mainConcerns,
        mainConcernNames: c.mainConcerns.map(concern),
        restricted: c.restricted,
        assignedCounselor: staff.of(c.assignedCounselorId),
      })),
      contacts: [],
      dvDetails: dvDetails.map((d) => ({
        caseNumber: numberOf(d.caseId)!,
        relation: d.relation,
        relationLabel: labelOf(DV_RELATION_LABELS, d.relation),
        violenceTypes: d.violenceTypes,
        violenceTypeLabels: d.violenceTypes.map((v) => labelOf(VIOLENCE_TYPE_LABELS, v)),
        childrenExposed: d.childrenExposed,
        updatedAt: d.updatedAt.toISOString(),
      })),
      riskAssessments: [],
      protectionOrders: orders.map((o) => ({
        caseNumber: numberOf(o.caseId)!,
        kind: o.kind,
        kindLabel: labelOf(PROTECTION_ORDER_LABELS, o.kind),
        status: o.status,
        statusLabel: labelOf(PROTECTION_ORDER_STATUS_LABELS, o.status),
        accompanying: ACCOMPANYING_ORDERS.includes(o.kind),
        homeSolelyHers: o.homeSolelyHers,
        filedOn: o.filedOn,
        issuedOn: o.issuedOn,
        expiresOn: o.expiresOn,
      })),
      supportMeasures: measures.map((m) => ({
        caseNumber: numberOf(m.caseId)!,
        renewal: m.renewsId !== null,
        appliedOn: m.appliedOn,
        opinionGivenOn: m.opinionGivenOn,
        receivedOn: m.receivedOn,
        acceptedOn: m.acceptedOn,
        startsOn: m.startsOn,
        expiresOn: m.expiresOn,
        status: m.status,
        statusLabel: labelOf(SUPPORT_MEASURE_STATUS_LABELS, m.status),
        endReason: m.endReason,
        endReasonLabel: labelOrNull(SUPPORT_MEASURE_END_LABELS, m.endReason),
        endedOn: m.endedOn,
      })),
      placements: [],
      transports: [],
      referrals: [],
      consents: [],
      lineConversations: [],
      lineMessages: [],
      provisions: [],
    };

    for (const c of contacts) {
      out.contacts.push({
        caseNumber: numberOf(c.caseId),
        programName: program(c.programCode),
        startedAt: c.startedAt.toISOString(),
        durationMinutes: c.durationMinutes,
        channel: c.channel,
        channelLabel: labelOf(CHANNEL_LABELS, c.channel),
        counselor: staff.of(c.counselorId),
        mainConcern: c.mainConcern,
        mainConcernName: concern(c.mainConcern),
        otherConcerns: c.otherConcerns,
        otherConcernNames: c.otherConcerns.map(concern),
        dvRelated: c.dvRelated,
        summary: await decrypt(c.summaryEnc, contactAad(c.id, 'summary')),
        nextAction: await decrypt(c.nextActionEnc, contactAad(c.id, 'nextAction')),
        followUpOn: c.followUpOn,
      });
    }
    for (const r of risks) {
      out.riskAssessments.push({
        caseNumber: numberOf(r.caseId)!,
        assessedOn: r.assessedOn,
        assessor: staff.of(r.assessorId),
        items: r.checkedItems,
        itemLabels: r.checkedItems.map((i) => RISK_ITEMS[i]?.label ?? i),
        level: r.level,
        levelLabel: labelOf(RISK_LEVEL_LABELS, r.level),
        note: await decrypt(r.noteEnc, riskNoteAad(r.id)),
      });
    }
    const facility = new Map(facilities.map((f) => [f.id, f]));
    for (const p of placements) {
      const f = facility.get(p.facilityId)!;
      out.placements.push({
        caseNumber: numberOf(p.caseId)!,
        kind: p.kind,
        kindLabel: labelOf(PLACEMENT_KIND_LABELS, p.kind),
        facilityKind: f.kind,
        facilityKindLabel: labelOf(FACILITY_KIND_LABELS, f.kind),
        facilityName: f.name,
        status: p.status,
        statusLabel: labelOf(PLACEMENT_STATUS_LABELS, p.status),
        adults: p.adults,
        children: p.children,
        childAgeBands: p.childAgeBands,
        childAgeBandLabels: p.childAgeBands.map((b) => labelOf(CHILD_AGE_BAND_LABELS, b)),
        plannedStart: p.plannedStart,
        expectedDeliveryOn: p.expectedDeliveryOn,
        reason: (await decrypt(p.reasonEnc, placementAad(p.id, 'reason')))!,
        requestedBy: staff.of(p.requestedBy),
        requestedAt: p.requestedAt.toISOString(),
        decidedBy: staff.of(p.decidedBy),
        decidedAt: iso(p.decidedAt),
        decisionNote: await decrypt(p.decisionNoteEnc, placementAad(p.id, 'decisionNote')),
        admittedOn: p.admittedOn,
        endedOn: p.endedOn,
        outcome: p.outcome,
        outcomeLabel: labelOrNull(PLACEMENT_OUTCOME_LABELS, p.outcome),
      });
    }
    out.transports = transports.map((t) => ({
      caseNumber: numberOf(t.caseId)!,
      transportedOn: t.transportedOn,
      fromPlace: t.fromPlace,
      fromPlaceLabel: labelOf(TRANSPORT_PLACE_LABELS, t.fromPlace),
      toPlace: t.toPlace,
      toPlaceLabel: labelOf(TRANSPORT_PLACE_LABELS, t.toPlace),
      escorts: t.escorts,
      recordedBy: staff.of(t.createdBy),
    }));
    for (const r of referrals) {
      const disclosure = await decrypt(r.disclosureEnc, referralAad(r.id, 'disclosure'));
      out.referrals.push({
        caseNumber: numberOf(r.caseId)!,
        departmentName: departmentName.get(r.departmentId) ?? '',
        purpose: r.purpose,
        purposeLabel: labelOf(REFERRAL_PURPOSE_LABELS, r.purpose),
        status: r.status,
        statusLabel: labelOf(REFERRAL_STATUS_LABELS, r.status),
        message: (await decrypt(r.messageEnc, referralAad(r.id, 'message')))!,
        fields: r.fields,
        fieldLabels: r.fields.map((f) => labelOf(DISCLOSABLE_FIELD_LABELS, f)),
        summary: await decrypt(r.summaryEnc, referralAad(r.id, 'summary')),
        dueOn: r.dueOn,
        author: staff.of(r.authorId),
        submittedAt: iso(r.submittedAt),
        consentNo: r.consentId ? (consentNo.get(r.consentId) ?? null) : null,
        decidedBy: staff.of(r.decidedBy),
        decidedAt: iso(r.decidedAt),
        rejectReason: await decrypt(r.rejectReasonEnc, referralAad(r.id, 'rejectReason')),
        opinionGivenOn: r.opinionGivenOn,
        disclosure: disclosure === null ? null : (JSON.parse(disclosure) as Record<string, unknown>),
        respondedBy: staff.of(r.respondedBy),
        respondedAt: iso(r.respondedAt),
        responseComment: await decrypt(r.responseCommentEnc, referralAad(r.id, 'responseComment')),
        revokedAt: iso(r.revokedAt),
        revokeReason: r.revokeReason,
        revokeReasonLabel: labelOrNull(REVOKE_REASON_LABELS, r.revokeReason),
      });
    }
    out.consents = consents.map((c, i) => ({
      no: i + 1,
      obtainedOn: c.obtainedOn,
      method: c.method,
      methodLabel: labelOf(CONSENT_METHOD_LABELS, c.method),
      obtainedBy: staff.of(c.obtainedBy),
      departmentNames: c.departmentIds.map((id) => departmentName.get(id) ?? ''),
      fields: c.fields,
      fieldLabels: c.fields.map((f) => labelOf(DISCLOSABLE_FIELD_LABELS, f)),
      withdrawnAt: iso(c.withdrawnAt),
      withdrawnBy: staff.of(c.withdrawnBy),
    }));
    const lineUser = new Map(lineUsers.map((u) => [u.id, u]));
    const channel = new Map(channels.map((c) => [c.id, c]));
    for (const c of conversations) {
      const user = lineUser.get(c.lineUserId)!;
      const account = channel.get(c.channelId)!;
      out.lineConversations.push({
        no: conversationNo.get(c.id)!,
        accountName: account.name,
        programName: program(account.programCode),
        lineUserId: (await decrypt(user.userIdEnc, lineUserAad(user.id)))!,
        status: c.status,
        statusLabel: labelOf(CONVERSATION_STATUS_LABELS, c.status),
        startedAt: c.startedAt.toISOString(),
        lastMessageAt: c.lastMessageAt.toISOString(),
        closedAt: iso(c.closedAt),
        closeReason: c.closeReason,
        closeReasonLabel: labelOrNull(CONVERSATION_CLOSE_REASON_LABELS, c.closeReason),
        caseNumber: numberOf(c.caseId),
      });
    }
    for (const m of messages) {
      out.lineMessages.push({
        conversationNo: conversationNo.get(m.conversationId)!,
        occurredAt: m.occurredAt.toISOString(),
        direction: m.direction,
        directionLabel: labelOf(MESSAGE_DIRECTION_LABELS, m.direction),
        kind: m.kind,
        kindLabel: labelOf(MESSAGE_KIND_LABELS, m.kind),
        text: await decrypt(m.textEnc, messageAad(m.id)),
        sender: m.direction === MessageDirection.In ? '本人' : (staff.of(m.authorId) ?? '自動応答'),
        delivery: m.delivery,
        deliveryLabel: labelOrNull(DELIVERY_LABELS, m.delivery),
      });
    }
    out.provisions = provisions.map((p) => ({
      providedOn: p.providedOn,
      kind: p.kind,
      kindLabel: labelOf(PROVISION_KIND_LABELS, p.kind),
      quantity: p.quantity,
      programName: program(p.programCode),
      caseNumber: numberOf(p.caseId),
      lineConversationNo: p.lineConversationId ? (conversationNo.get(p.lineConversationId) ?? null) : null,
      recordedBy: staff.of(p.recordedBy),
    }));
    return out;
  }
}
