import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApiDocument } from '../../api/src/openapi';
import { projectRoot } from '../../api/src/web-app';

/** Where the web app's generated API types live (committed; a test fails when they drift). */
export const WEB_API_SCHEMA_PATH = join(projectRoot(), 'apps/web/src/api/schema.d.ts');

const HEADER = `// Generated from the api's OpenAPI document by \`npm run web:api\`. Do not edit by hand.\n\n`;

/**
 * The TypeScript types of the current api's OpenAPI document, as the web app imports them.
 * openapi-typescript runs as its own process: it is an ES module, and Jest runs CommonJS.
 */
export async function renderWebApiSchema(): Promise<string> {
  const document = await buildOpenApiDocument();
  const dir = mkdtempSync(join(tmpdir(), 'tsunagu-openapi-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'schema.d.ts');
    writeFileSync(input, JSON.stringify(document));
    const cli = join(projectRoot(), 'node_modules/openapi-typescript/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, input, '--alphabetize', '--output', output], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`openapi-typescript failed: ${run.stderr}`);
    return HEADER + readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
