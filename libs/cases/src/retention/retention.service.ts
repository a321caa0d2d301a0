import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Clock, jstDate } from '@tsunagu/common';
import { Client } from '../clients/client.entity';
import { ClientsService } from '../clients/clients.service';

export class RetentionCaseDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ description: 'JST date the case closed' }) closedOn: string;
  @ApiProperty({ description: 'closedOn + the program’s retention years' }) retainUntil: string;
}

/** A client all of whose cases are closed and past their programs' retention: due for destruction. */
export class RetentionDueDto {
  @ApiProperty() clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() addressProtected: boolean;
  @ApiProperty({ description: 'The latest retainUntil of her cases' }) retainUntil: string;
  @ApiProperty({ type: [RetentionCaseDto] }) cases: RetentionCaseDto[];
}

/**
 * Retention (issue 12): a client's records are kept while any of her cases is open or within
 * its program's retention period after closing (`programs.retention_years`, default 5). Once
 * all are past it, the client is listed for a supervisor to confirm destruction. Clients whose
 * data key is already destroyed are not listed again.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clients: ClientsService,
    private readonly clock: Clock,
  ) {}

  due(actor: Actor): Promise<RetentionDueDto[]> {
    return this.tx.run(actor, async (tx) => {
      const today = jstDate(this.clock.now());
      const rows: Array<{ client_id: string; case_id: string; case_number: string; program_code: string; closed_on: string; retain_until: string }> = await tx.manager.query(
        `WITH held AS (
           SELECT c.client_id,
                  bool_and(c.status = 'closed' AND c.closed_on IS NOT NULL AND (c.closed_on + make_interval(years => p.retention_years))::date <= $2::date) AS expired
             FROM cases c JOIN programs p ON p.code = c.program_code
            GROUP BY c.client_id)
         SELECT c.client_id, c.id AS case_id, c.case_number, c.program_code, c.closed_on::text AS closed_on,
                (c.closed_on + make_interval(years => p.retention_years))::date::text AS retain_until
           FROM cases c
           JOIN programs p ON p.code = c.program_code
           JOIN held h ON h.client_id = c.client_id AND h.expired
           JOIN clients cl ON cl.id = c.client_id AND cl.unit_id = $1
           JOIN data_keys k ON k.id = cl.data_key_id AND k.wrapped_key IS NOT NULL
          ORDER BY c.client_id, c.closed_on, c.case_number`,
        [actor.unitId, today],
      );
      const byClient = new Map<string, RetentionCaseDto[]>();
      for (const r of rows) {
        const list = byClient.get(r.client_id) ?? [];
        list.push({ caseId: r.case_id, caseNumber: r.case_number, programCode: r.program_code, closedOn: r.closed_on, retainUntil: r.retain_until });
        byClient.set(r.client_id, list);
      }
      const due: RetentionDueDto[] = [];
      for (const [clientId, cases] of byClient) {
        const client = await tx.manager.findOneByOrFail(Client, { id: clientId });
        const summary = await this.clients.toSummary(client, tx.manager);
        due.push({ clientId, clientName: summary.name, addressProtected: summary.addressProtected, retainUntil: cases.map((c) => c.retainUntil).sort().at(-1)!, cases });
      }
      await tx.audit({ category: AuditCategory.Case, action: 'retention.list', resourceType: 'client', detailCode: String(due.length) });
      return due.sort((a, b) => a.retainUntil.localeCompare(b.retainUntil));
    });
  }
}

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('due')
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: [RetentionDueDto] })
  due(@CurrentActor() actor: Actor): Promise<RetentionDueDto[]> {
    return this.retention.due(actor);
  }
}
