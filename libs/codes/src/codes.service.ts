import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldError } from '@tsunagu/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { Channel } from './code-lists';
import { Concern } from './concern.entity';
import { Program } from './program.entity';

/** Checks codes against the master tables; problems come back as field errors for a 400. */
@Injectable()
export class CodesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  programs(): Promise<Program[]> {
    return this.dataSource.getRepository(Program).find({ order: { sortOrder: 'ASC' } });
  }

  concerns(): Promise<Concern[]> {
    return this.dataSource.getRepository(Concern).find({ order: { sortOrder: 'ASC' } });
  }

  async checkProgram(manager: EntityManager, field: string, code: string, channel?: { field: string; value: Channel }): Promise<FieldError[]> {
    const program = await manager.findOne(Program, { where: { code, active: true } });
    if (!program) return [{ field, message: '相談事業の指定が正しくありません', constraints: ['knownProgram'] }];
    if (channel && !program.channels.includes(channel.value)) {
      return [{ field: channel.field, message: 'この相談事業では使えない相談方法です', constraints: ['programChannel'] }];
    }
    return [];
  }

  async checkConcerns(manager: EntityManager, field: string, codes: string[]): Promise<FieldError[]> {
    if (codes.length === 0) return [];
    const found = await manager.find(Concern, { where: { code: In(codes), active: true }, select: { code: true } });
    const known = new Set(found.map((c) => c.code));
    const unknown = codes.filter((c) => !known.has(c));
    return unknown.length ? [{ field, message: '主訴の区分が正しくありません', constraints: ['knownConcern'] }] : [];
  }
}
