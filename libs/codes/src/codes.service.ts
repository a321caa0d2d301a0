import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldError } from '@tsunagu/common';
import { DataSource, EntityManager } from 'typeorm';
import { Channel } from './code-lists';
import { Concern } from './concern.entity';
import { ClosureDay } from './closure-day.entity';
import { Program } from './program.entity';
import { ClosureCalendar, closureCalendarOf, isOpenAt, nextOpening } from './service-hours';

/** How long another process may keep using a code list an admin changed. */
const CACHE_TTL_MS = 30_000;

interface CodeTables {
  programs: Map<string, Program>;
  concerns: Map<string, Concern>;
  closures: ClosureCalendar;
  loadedAt: number;
}

/**
 * The code tables, kept in memory: every contact checks them, and they change a few times a
 * year. Checks come back as field errors for a 400.
 */
@Injectable()
export class CodesService {
  private tables?: Promise<CodeTables>;
  private refreshing?: Promise<unknown>;
  /** Counts invalidations, so a refresh that began before an admin's change does not bring the old tables back. */
  private generation = 0;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `manager`: the caller's transaction, when the tables may have to be read inside one. */
  async programs(manager?: EntityManager): Promise<Program[]> {
    return [...(await this.load(manager)).programs.values()].sort((a, b) => a.sortOrder - b.sortOrder);
  }

  async concerns(manager?: EntityManager): Promise<Concern[]> {
    return [...(await this.load(manager)).concerns.values()].sort((a, b) => a.sortOrder - b.sortOrder);
  }

  /** Whether `programCode` answers at `instant` (service hours, national holidays, the city's closure days). */
  async isOpen(programCode: string, instant: Date, manager?: EntityManager): Promise<boolean> {
    const { programs, closures } = await this.load(manager);
    return isOpenAt(programs.get(programCode)?.serviceHours ?? null, instant, closures);
  }

  /** The next opening of `programCode` after `instant`, or null (no fixed hours, or none within two months). */
  async nextOpening(programCode: string, instant: Date, manager?: EntityManager): Promise<Date | null> {
    const { programs, closures } = await this.load(manager);
    return nextOpening(programs.get(programCode)?.serviceHours ?? null, instant, closures);
  }

  /** The city's closure days as a calendar (cached with the other code tables). */
  async closures(manager?: EntityManager): Promise<ClosureCalendar> {
    return (await this.load(manager)).closures;
  }

  async closureDays(): Promise<ClosureDay[]> {
    return this.dataSource.manager.getRepository(ClosureDay).find({ order: { monthDay: 'ASC', onDate: 'ASC' } });
  }

  /** Drops the cache; called after an admin's change has committed. */
  invalidate(): void {
    this.generation++;
    this.tables = undefined;
  }

  async checkProgram(manager: EntityManager, field: string, code: string, channel?: { field: string; value: Channel }): Promise<FieldError[]> {
    const program = (await this.load(manager)).programs.get(code);
    if (!program || !program.active) return [{ field, message: '相談事業の指定が正しくありません', constraints: ['knownProgram'] }];
    if (channel && !program.channels.includes(channel.value)) {
      return [{ field: channel.field, message: 'この相談事業では使えない相談方法です', constraints: ['programChannel'] }];
    }
    return [];
  }

  async checkConcerns(manager: EntityManager, field: string, codes: string[]): Promise<FieldError[]> {
    const { concerns } = await this.load(manager);
    const unknown = codes.filter((c) => !concerns.get(c)?.active);
    return unknown.length ? [{ field, message: '主訴の区分が正しくありません', constraints: ['knownConcern'] }] : [];
  }

  /**
   * The tables: from memory; refreshed in the background when older than the TTL; read through
   * `manager` (the caller's transaction) when there are none, because the embedded database
   * serves one session and a second connection would wait for the caller's transaction. For the
   * same reason readers keep the current tables while a refresh runs: a reader inside a
   * transaction that waited for it would wait for itself.
   */
  private async load(manager: EntityManager = this.dataSource.manager): Promise<CodeTables> {
    const current = this.tables ? await this.tables.catch(() => undefined) : undefined;
    if (!current) return this.reload(manager);
    if (Date.now() - current.loadedAt >= CACHE_TTL_MS && !this.refreshing) {
      const generation = this.generation;
      this.refreshing = this.read(this.dataSource.manager)
        .then((fresh) => {
          if (this.generation === generation) this.tables = Promise.resolve(fresh);
        })
        .catch(() => undefined)
        .finally(() => (this.refreshing = undefined));
    }
    return current;
  }

  private reload(manager: EntityManager): Promise<CodeTables> {
    const loading = this.read(manager);
    this.tables = loading;
    loading.catch(() => {
      if (this.tables === loading) this.tables = undefined;
    });
    return loading;
  }

  private async read(manager: EntityManager): Promise<CodeTables> {
    const programs = await manager.getRepository(Program).find();
    const concerns = await manager.getRepository(Concern).find();
    const closureDays = await manager.getRepository(ClosureDay).find();
    const closures = closureCalendarOf(closureDays);
    return { programs: new Map(programs.map((p) => [p.code, p])), concerns: new Map(concerns.map((c) => [c.code, c])), closures, loadedAt: Date.now() };
  }
}
