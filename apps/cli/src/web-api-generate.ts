import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { renderWebApiSchema, WEB_API_SCHEMA_PATH } from './web-api-schema';

// npm run web:api — writes apps/web/src/api/schema.d.ts from the api's routes and DTOs.
renderWebApiSchema()
  .then((text) => {
    writeFileSync(WEB_API_SCHEMA_PATH, text);
    process.stdout.write(`Wrote ${relative(process.cwd(), WEB_API_SCHEMA_PATH)}\n`);
    process.exit(0);
  })
  .catch((error: unknown) => {
    process.stderr.write(`Could not generate the web API types: ${(error as Error).message}\n`);
    process.exit(1);
  });
