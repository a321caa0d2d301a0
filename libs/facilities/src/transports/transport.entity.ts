import { User } from '@tsunagu/auth';
import { Case } from '@tsunagu/cases';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TransportPlace } from '../facility-codes';

/** One 緊急移送 (要保護女子緊急移送): when, from and to which kind of place, how many escorts. */
@Entity({ name: 'transports' })
@Index('IDX_transports_case', ['caseId'])
@Index('IDX_transports_date', ['transportedOn'])
@Check('CHK_transports_escorts', '"escorts" >= 0')
export class Transport {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_transports' })
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_transports_case' })
  case?: Case;

  @Column({ name: 'transported_on', type: 'date' })
  transportedOn: string;

  @Column({ name: 'from_place', type: 'text' })
  fromPlace: TransportPlace;

  @Column({ name: 'to_place', type: 'text' })
  toPlace: TransportPlace;

  @Column({ type: 'integer' })
  escorts: number;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_transports_created_by' })
  creator?: User;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
