'use strict';
// The PostgreSQL wire protocol in front of one PGlite database, for several client connections.
//
// PGlite runs a single session. If two connections' extended-query messages interleaved (the
// Parse of one between the Parse and the Bind of the other), one client's statement would run
// with another client's parameters, or fail with "portal does not exist". So each connection's
// messages run as whole cycles (everything up to a Sync, or one simple Query), one connection
// at a time; a connection that ends a cycle inside a transaction keeps its turn until it ends
// the transaction, and if it disconnects first its transaction is rolled back.
//
// Plain JavaScript so that both the app (in-process) and the Jest helper (a child process,
// scripts/pglite-server.js) use the same code.

const net = require('node:net');

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

/** A first-come, first-served lock: whose turn it is to talk to the single session. */
class Turn {
  constructor() {
    this.held = false;
    this.waiting = [];
  }
  acquire() {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/**
 * Splits complete messages off the front of `buffer`. Before startup, messages have no type
 * byte (length first); after it, a type byte then the length.
 * @returns {{ messages: { bytes: Buffer, typed: boolean }[], rest: Buffer, startedUp: boolean }}
 */
function splitMessages(buffer, startedUp) {
  const messages = [];
  let offset = 0;
  for (;;) {
    if (!startedUp) {
      if (buffer.length - offset < 8) break;
      const length = buffer.readInt32BE(offset);
      if (buffer.length - offset < length) break;
      const bytes = buffer.subarray(offset, offset + length);
      offset += length;
      messages.push({ bytes, typed: false });
      if (bytes.readInt32BE(4) === PROTOCOL_3) startedUp = true;
      continue;
    }
    if (buffer.length - offset < 5) break;
    const length = 1 + buffer.readInt32BE(offset + 1);
    if (buffer.length - offset < length) break;
    messages.push({ bytes: buffer.subarray(offset, offset + length), typed: true });
    offset += length;
  }
  return { messages, rest: Buffer.from(buffer.subarray(offset)), startedUp };
}

/**
 * Serves `db` (a ready PGlite) on a TCP port.
 * @param {import('@electric-sql/pglite').PGlite} db
 * @param {{ host?: string, port?: number, maxConnections?: number }} options
 * @returns {Promise<{ port: number, stop(): Promise<void> }>}
 */
async function startWireServer(db, options = {}) {
  const turn = new Turn();
  const sockets = new Set();

  const serve = (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let startedUp = false;
    let cycle = [];
    let holdsTurn = false;
    let closed = false;
    let work = Promise.resolve();

    const runCycle = async (messages) => {
      if (closed) return;
      if (!holdsTurn) await turn.acquire();
      holdsTurn = true;
      try {
        await db.runExclusive(async () => {
          for (let i = 0; i < messages.length; i++) {
            if (closed) return;
            // Sync the files to disk once per cycle, not per message.
            await db.execProtocolRawStream(new Uint8Array(messages[i]), {
              syncToFs: i === messages.length - 1,
              onRawData: (data) => {
                if (!closed && socket.writable) socket.write(Buffer.from(data));
              },
            });
          }
        });
      } finally {
        if (closed || !db.isInTransaction()) {
          holdsTurn = false;
          turn.release();
        }
      }
    };

    const onClose = () => {
      if (closed) return;
      closed = true;
      sockets.delete(socket);
      work = work.then(async () => {
        if (!holdsTurn) return;
        // Disconnected inside a transaction: undo it, then let the next connection in.
        try {
          if (db.isInTransaction()) await db.exec('ROLLBACK');
        } finally {
          holdsTurn = false;
          turn.release();
        }
      });
    };

    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      const split = splitMessages(buffer, startedUp);
      buffer = split.rest;
      for (const { bytes: message, typed } of split.messages) {
        if (!typed) {
          const code = message.readInt32BE(4);
          if (code === SSL_REQUEST) {
            socket.write('N'); // no TLS on loopback
            continue;
          }
          if (code === CANCEL_REQUEST) continue; // not supported
        } else if (message[0] === TERMINATE) {
          socket.end();
          continue;
        }
        cycle.push(message);
        const endsCycle = !typed || message[0] === SYNC || message[0] === QUERY;
        if (endsCycle) {
          const messages = cycle;
          cycle = [];
          work = work.then(() => runCycle(messages)).catch(() => socket.destroy());
        }
      }
      startedUp = split.startedUp;
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', onClose);
  };

  const server = net.createServer(serve);
  server.maxConnections = options.maxConnections ?? 100;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

module.exports = { startWireServer, splitMessages };
