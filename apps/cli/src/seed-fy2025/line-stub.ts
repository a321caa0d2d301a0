import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A local stand-in for the LINE Messaging API for seeded data: it accepts every push, loading
 * and mark-as-read call and keeps nothing, so replies to synthetic users never leave the machine.
 */
export class LineStub {
  private server?: Server;
  url = '';
  calls = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.calls++;
        res.writeHead(200, { 'content-type': 'application/json' }).end(req.url === '/v2/bot/message/push' ? '{"sentMessages":[{"id":"1","quoteToken":"q"}]}' : '{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
