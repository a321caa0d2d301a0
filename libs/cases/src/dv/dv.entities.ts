import { User } from '@tsunagu/auth';
import { DvRelation, ProtectionOrderKind, ProtectionOrderStatus, RiskItem, RiskLevel, ViolenceType } from '@tsunagu/codes';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { Case } from '../cases/case.entity';

/** The DV facts of a case: who the perpetrator is to her, what kinds of violence, children exposed. */
@Entity({ name: 'case_dv' })
export class CaseDv {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'PK_case_dv' })
  caseId: string;

  @OneToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_dv_case' })
  case?: Case;

  @Column({ type: 'text' })
  relation: DvRelation;

  @Column({ name: 'violence_types', type: 'text', array: true })
  violenceTypes: ViolenceType[];

  @Column({ name: 'children_exposed', type: 'boolean' })
  childrenExposed: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}

/** A 保護命令: filed, then issued (with its expiry computed from the kind) or not. */
@Entity({ name: 'protection_orders' })
@Index('IDX_protection_orders_case', ['caseId'])
export class ProtectionOrder {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_protection_orders' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_protection_orders_case' })
  case?: Case;

  @Column({ type: 'text' })
  kind: ProtectionOrderKind;

  @Column({ type: 'text' })
  status: ProtectionOrderStatus;

  /** The approach ban an accompanying order (電話等禁止 …) belongs to. */
  @Column({ name: 'approach_ban_id', type: 'uuid', nullable: true })
  approachBanId: string | null;

  @ManyToOne(() => ProtectionOrder, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'approach_ban_id', foreignKeyConstraintName: 'FK_protection_orders_approach_ban' })
  approachBan?: ProtectionOrder;

  /** 退去等命令 lasts 6 months instead of 2 when the home is hers alone (owned or rented). */
  @Column({ name: 'home_solely_hers', type: 'boolean', default: false })
  homeSolelyHers: boolean;

  @Column({ name: 'filed_on', type: 'date', nullable: true })
  filedOn: string | null;

  @Column({ name: 'issued_on', type: 'date', nullable: true })
  issuedOn: string | null;

  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @VersionColumn()
  version: number;
}

/** A dated risk assessment; never changed afterwards, so the history stays. */
@Entity({ name: 'risk_assessments' })
@Index('IDX_risk_assessments_case', ['caseId', 'assessedOn'])
export class RiskAssessment {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_risk_assessments' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_risk_assessments_case' })
  case?: Case;

  @Column({ name: 'assessed_on', type: 'date' })
  assessedOn: string;

  @Column({ name: 'assessor_id', type: 'uuid' })
  assessorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assessor_id', foreignKeyConstraintName: 'FK_risk_assessments_assessor' })
  assessor?: User;

  @Column({ name: 'checked_items', type: 'text', array: true })
  checkedItems: RiskItem[];

  @Column({ type: 'text' })
  level: RiskLevel;

  @Column({ name: 'note_enc', type: 'text', nullable: true })
  noteEnc: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
