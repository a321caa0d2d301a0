import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { CaseAccessService } from '@tsunagu/cases';
import { Actor, Clock, DomainError, jstDate, zip } from '@tsunagu/common';
import { ShreddedKeyError } from '@tsunagu/crypto';
import { subjectAccessFiles } from './subject-access-files';
import { SubjectAccessReader } from './subject-access-reader';
import { DisclosureExportDto } from './dto/subject-access-export.dto';
import { StaffNameMode } from './staff-names';

const ACTION = AuditAction.ClientDisclosureExport;

export interface SubjectAccessArchive {
  /** kaiji-<first 8 characters of the client id>-<JST yyyymmdd>.zip: nothing personal in it. */
  filename: string;
  archive: Buffer;
}

/**
 * 本人開示: a supervisor exports everything held about one client of their unit, for her own
 * request under the personal information protection act. The reads and their one audit event
 * (naming the staff-name policy and the receipt number) share a transaction; the archive is built
 * after it commits.
 */
@Injectable()
export class SubjectAccessExportService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly reader: SubjectAccessReader,
    private readonly clock: Clock,
  ) {}

  async export(actor: Actor, clientId: string, dto: DisclosureExportDto): Promise<SubjectAccessArchive> {
    const staffNames = dto.staffNames ?? StaffNameMode.Redacted;
    const requestReference = dto.requestReference ?? null;
    const generatedAt = this.clock.now();
    const record = await this.tx.run(actor, async (tx) => {
      const client = await this.access.requireClient(tx, actor, clientId, ACTION);
      try {
        const read = await this.reader.read(tx.manager, client, { staffNames, requestReference, generatedAt });
        await tx.audit({ category: AuditCategory.Case, action: ACTION, resourceType: 'client', resourceId: clientId, detailCode: requestReference ? `${staffNames};ref:${requestReference}` : staffNames });
        return read;
      } catch (error) {
        if (!(error instanceof ShreddedKeyError)) throw error;
        // Destroyed at the end of retention (crypto-shredding): nothing is left to disclose.
        tx.denied({ category: AuditCategory.Case, action: ACTION, resourceType: 'client', resourceId: clientId, detailCode: 'data-key-destroyed' });
        throw new DomainError(HttpStatus.GONE, 'この相談者の記録は保存期間の経過により消去されているため、書き出せません');
      }
    });
    return {
      filename: `kaiji-${clientId.slice(0, 8)}-${jstDate(generatedAt).replace(/-/g, '')}.zip`,
      archive: zip(subjectAccessFiles(record), generatedAt),
    };
  }
}
