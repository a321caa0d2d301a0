import { readFileSync } from 'node:fs';
import { renderWebApiSchema, WEB_API_SCHEMA_PATH } from './web-api-schema';

describe('web API types (apps/web/src/api/schema.d.ts)', () => {
  it('match what the current api routes and DTOs produce (run `npm run web:api` after changing them)', async () => {
    const committed = readFileSync(WEB_API_SCHEMA_PATH, 'utf8');
    const current = await renderWebApiSchema();
    expect(committed === current).toBe(true);
  }, 120_000);
});
