import { Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, Tx } from '@tsunagu/audit';
import { hasPermission, Permission, readsUnitCases } from '@tsunagu/access';
import { Actor, Clock, GoneError, NotFoundError } from '@tsunagu/common';
import { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { Case } from '../cases/case.entity';
import { Client } from '../clients/client.entity';

/**
 * The one place that decides which cases and clients an actor may touch, from her permissions
 * and her unit (libs/access readsUnitCases):
 * - a unit role that reads cases (counselors, supervisors): cases of her unit, restricted ones
 *   only with `case.read.restricted`, when assigned, or through a live break-glass grant; clients
 *   of her unit none of whose cases are hidden from her;
 * - every other role: nothing.
 * A shredded client (past retention, destroyed) and her cases are out of every scope: what is
 * left of them is codes and dates for the statistics. Opened directly, they answer 410.
 * Rules are SQL predicates, so a list or a batch of ids is checked in one query.
 */
@Injectable()
export class CaseAccessService {
  constructor(private readonly clock: Clock) {}

  /** Restricts `qb` (cases aliased `alias`) to the cases `actor` may see. */
  scopeCases<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, alias: string): SelectQueryBuilder<T> {
    return qb.andWhere(this.casePredicate(actor, alias), this.params(actor));
  }

  /** Restricts `qb` (clients aliased `alias`) to the clients `actor` may see. */
  scopeClients<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, actor: Actor, alias: string): SelectQueryBuilder<T> {
    if (!readsUnitCases(actor)) return qb.andWhere('FALSE');
    return qb.andWhere(
      `(${alias}.unit_id = :accessUnit AND ${alias}.shredded_at IS NULL AND (:accessAll::boolean OR NOT EXISTS (
          SELECT 1 FROM cases hc WHERE hc.client_id = ${alias}.id AND NOT ${this.caseVisible('hc')})))`,
      this.params(actor),
    );
  }

  /** Of `ids`, those the actor may see: one query for the whole batch. */
  async readableCaseIds(manager: EntityManager, actor: Actor, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.scopeCases(manager.getRepository(Case).createQueryBuilder('c').select('c.id', 'id'), actor, 'c')
      .andWhere('c.id IN (:...ids)', { ids })
      .getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** The case, locked for update when `forUpdate`; 404 (audited) when it doesn't exist or the actor may not see it. */
  /**
   * The case, or an audited 404. `lock`: 'update' for changes to the case itself, 'share' for
   * records added to it (many at once, but never while it is being closed).
   */
  async requireCase(tx: Tx, actor: Actor, caseId: string, action: AuditAction, lock: 'none' | 'share' | 'update' = 'none'): Promise<Case> {
    const qb = this.scopeCases(tx.manager.getRepository(Case).createQueryBuilder('c'), actor, 'c').andWhere('c.id = :caseId', { caseId });
    // The scope check and the row lock in one statement: FOR SHARE/UPDATE OF the case row only.
    if (lock !== 'none') qb.setLock(lock === 'update' ? 'pessimistic_write' : 'pessimistic_read', undefined, ['c']);
    const found = await qb.getOne();
    if (!found) throw await this.goneOrNotFound(tx, actor, action, 'case', caseId);
    return found;
  }

  async requireClient(tx: Tx, actor: Actor, clientId: string, action: AuditAction): Promise<Client> {
    const found = await this.scopeClients(tx.manager.getRepository(Client).createQueryBuilder('cl'), actor, 'cl')
      .andWhere('cl.id = :clientId', { clientId })
      .getOne();
    if (!found) throw await this.goneOrNotFound(tx, actor, action, 'client', clientId);
    return found;
  }

  /**
   * A record that hangs off a case (an order, a term, a contact), locked for update: visible
   * through its case, or — for a record with no case, such as an anonymous contact — to its unit.
   * Missing and out of scope answer the same audited 404.
   */
  async requireCaseRecord<T extends { id: string; caseId: string | null; unitId?: string }>(
    tx: Tx,
    actor: Actor,
    entity: EntityTarget<T>,
    id: string,
    action: AuditAction,
    resourceType: string,
    message = '対象が見つかりません',
  ): Promise<T> {
    const row = await tx.manager.getRepository(entity).createQueryBuilder('x').where('x.id = :id', { id }).setLock('pessimistic_write').getOne();
    let visible = false;
    if (row?.caseId) visible = (await this.readableCaseIds(tx.manager, actor, [row.caseId])).has(row.caseId);
    else if (row) visible = readsUnitCases(actor) && row.unitId === actor.unitId;
    if (!row || !visible) {
      tx.denied({ category: AuditCategory.Case, action, resourceType, resourceId: id, caseId: row?.caseId ?? undefined, detailCode: 'not-found-or-out-of-scope' });
      throw new NotFoundError(message);
    }
    return row;
  }

  /** A 404 that looks the same whether the object is missing or out of scope; the attempt is audited. */
  notFound(tx: Tx, action: AuditAction, resourceType: 'case' | 'client', resourceId: string, caseId?: string): NotFoundError {
    tx.denied({ category: AuditCategory.Case, action, resourceType, resourceId, caseId, detailCode: 'not-found-or-out-of-scope' });
    return new NotFoundError(resourceType === 'case' ? '相談ケースが見つかりません' : '相談者が見つかりません');
  }

  /** 410 for a shredded client or case of the actor's own unit (so staff learn it was destroyed, not lost); otherwise the audited 404. */
  private async goneOrNotFound(tx: Tx, actor: Actor, action: AuditAction, resourceType: 'case' | 'client', id: string): Promise<Error> {
    if (readsUnitCases(actor)) {
      const sql =
        resourceType === 'case'
          ? `SELECT 1 FROM cases c JOIN clients cl ON cl.id = c.client_id WHERE c.id = $1 AND c.unit_id = $2 AND cl.shredded_at IS NOT NULL`
          : `SELECT 1 FROM clients cl WHERE cl.id = $1 AND cl.unit_id = $2 AND cl.shredded_at IS NOT NULL`;
      const rows: unknown[] = await tx.manager.query(sql, [id, actor.unitId]);
      if (rows.length > 0) {
        tx.denied({ category: AuditCategory.Case, action, resourceType, resourceId: id, caseId: resourceType === 'case' ? id : undefined, detailCode: 'shredded' });
        return new GoneError(resourceType === 'case' ? 'この相談ケースの記録は保存期間の満了により消去されました' : 'この相談者の記録は保存期間の満了により消去されました');
      }
    }
    return this.notFound(tx, action, resourceType, id, resourceType === 'case' ? id : undefined);
  }

  private casePredicate(actor: Actor, alias: string): string {
    if (!readsUnitCases(actor)) return 'FALSE';
    return `(${alias}.unit_id = :accessUnit AND ${this.caseVisible(alias)}
      AND NOT EXISTS (SELECT 1 FROM clients sc WHERE sc.id = ${alias}.client_id AND sc.shredded_at IS NOT NULL))`;
  }

  /**
   * For raw SQL with positional parameters: whether the case `alias` (of the actor's unit) is
   * visible to her, with the values appended to `params`.
   */
  caseVisibleSql(actor: Actor, alias: string, params: unknown[]): string {
    const { accessAll, accessUser, accessNow } = this.params(actor);
    const n = params.push(accessAll, accessUser, accessNow);
    return this.caseVisible(alias, { all: `$${n - 2}`, user: `$${n - 1}`, now: `$${n}` });
  }

  private caseVisible(alias: string, p = { all: ':accessAll', user: ':accessUser', now: ':accessNow' }): string {
    return `(${p.all}::boolean OR NOT ${alias}.restricted OR ${alias}.assigned_counselor_id = ${p.user}
      OR EXISTS (SELECT 1 FROM break_glass_grants g
                  WHERE g.case_id = ${alias}.id AND g.user_id = ${p.user} AND g.expires_at > ${p.now}))`;
  }

  private params(actor: Actor) {
    return {
      accessUnit: actor.unitId,
      accessUser: actor.userId,
      accessAll: hasPermission(actor.role, Permission.CaseReadRestricted),
      accessNow: this.clock.now(),
    };
  }
}
