import { DataSource, EntityManager } from 'typeorm';
import { CodesService } from './codes.service';
import { Program } from './program.entity';

/** A database whose reads of the code tables wait while `hold` is set; a read sees the programs named in `names` when it began. */
function fakeDatabase() {
  const state = { names: ['first'], hold: null as Promise<void> | null };
  const manager = {
    getRepository: (entity: unknown) => ({
      find: async () => {
        const names = entity === Program ? state.names : [];
        if (state.hold) await state.hold;
        return names.map((code, sortOrder) => ({ code, sortOrder }));
      },
    }),
  } as unknown as EntityManager;
  return { state, dataSource: { manager } as unknown as DataSource };
}

const codesOf = async (service: CodesService) => (await service.programs()).map((p) => p.code);

describe('CodesService cache', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  it('keeps answering from the current tables while a refresh waits for the database', async () => {
    const { state, dataSource } = fakeDatabase();
    const service = new CodesService(dataSource);
    expect(await codesOf(service)).toEqual(['first']);
    now += 31_000;
    let release = () => undefined as void;
    state.hold = new Promise((resolve) => (release = resolve));
    state.names = ['second'];
    // The first read past the TTL starts the refresh; the next must not wait for it (inside a
    // transaction on the embedded database it would wait for itself).
    expect(await codesOf(service)).toEqual(['first']);
    const next = await Promise.race([codesOf(service), new Promise((resolve) => setTimeout(() => resolve('waited'), 200))]);
    expect(next).toEqual(['first']);
    state.hold = null;
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await codesOf(service)).toEqual(['second']);
  });

  it('does not bring back tables a refresh read before an invalidation', async () => {
    const { state, dataSource } = fakeDatabase();
    const service = new CodesService(dataSource);
    await codesOf(service);
    now += 31_000;
    let release = () => undefined as void;
    state.hold = new Promise((resolve) => (release = resolve));
    await codesOf(service); // starts the refresh, held
    service.invalidate();
    state.hold = null;
    state.names = ['changed'];
    expect(await codesOf(service)).toEqual(['changed']);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await codesOf(service)).toEqual(['changed']);
  });
});
