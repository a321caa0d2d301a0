import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor } from '@tsunagu/common';
import { UnitDto } from './dto/unit.dto';
import { Unit } from './unit.entity';

/** The 係, read-only: units are created with the installation. */
@Injectable()
export class UnitsService {
  constructor(private readonly tx: TransactionRunner) {}

  list(actor: Actor): Promise<UnitDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await tx.manager.find(Unit, { order: { name: 'ASC' } });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.UnitList, resourceType: 'unit' });
      return rows.map(({ id, code, name, active }) => ({ id, code, name, active }));
    });
  }
}
