import { DataKey } from '@tsunagu/crypto';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { FacilityKind, FacilityStatus } from '../facility-codes';

/**
 * A shelter or facility women are placed in. Its address and phone are secret: encrypted with
 * its own data key, and shown only to supervisors and to counselors with a placement there.
 */
@Entity({ name: 'facilities' })
@Index('UQ_facilities_name', ['name'], { unique: true })
@Check('CHK_facilities_capacity', '"capacity" >= 0')
export class Facility {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_facilities' })
  id: string;

  @Column({ type: 'text' })
  kind: FacilityKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  operator: string | null;

  /** Persons, or households for a 母子生活支援施設 (capacityUnitOf). */
  @Column({ type: 'integer' })
  capacity: number;

  /** False for a facility in another municipality (広域). */
  @Column({ name: 'in_city', type: 'boolean' })
  inCity: boolean;

  @Column({ type: 'text' })
  status: FacilityStatus;

  @Column({ name: 'suspended_since', type: 'date', nullable: true })
  suspendedSince: string | null;

  @Column({ name: 'data_key_id', type: 'uuid' })
  dataKeyId: string;

  @ManyToOne(() => DataKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'data_key_id', foreignKeyConstraintName: 'FK_facilities_data_key' })
  dataKey?: DataKey;

  @Column({ name: 'address_enc', type: 'text', nullable: true })
  addressEnc: string | null;

  @Column({ name: 'phone_enc', type: 'text', nullable: true })
  phoneEnc: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
