#!/usr/bin/env node
// A throw-away in-memory PGlite behind a PostgreSQL socket, in a process of its own.
// Tests use it because PGlite's loader needs native dynamic import(), which Jest's module
// sandbox lacks. Prints "READY <url>" once listening; exits when stdin closes or on SIGTERM,
// so it never outlives the process that started it.
'use strict';
const { PGlite } = require('@electric-sql/pglite');
const { startWireServer } = require('./pglite-wire');

async function main() {
  const maxConnections = Number(process.argv[2] || 20);
  const db = await PGlite.create('memory://');
  const server = await startWireServer(db, { host: '127.0.0.1', port: 0, maxConnections });
  const port = server.port;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.stdout.write(`READY postgres://postgres@127.0.0.1:${port}/postgres\n`);
}

main().catch((error) => {
  process.stderr.write(`pglite-server: ${error && error.message}\n`);
  process.exit(1);
});
