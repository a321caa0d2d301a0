import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** A local stand-in for the LINE Messaging API: checks the token, remembers retry keys, fails when told to. */
export class FakeLine {
  readonly pushes: { to: string; text: string; retryKey: string; auth: string }[] = [];
  readonly accepted = new Set<string>();
  readonly chatCalls: { path: string; body: Record<string, unknown> }[] = [];
  /**
   * Answers for the next pushes: a status to fail with, 'lost' to accept the push and still
   * answer 500, 'hang' never to answer, 'accept-and-hang' to accept it and never answer (the
   * sender dies or times out after LINE took the message).
   */
  failNext: (number | 'lost' | 'hang' | 'accept-and-hang')[] = [];
  /** Called when a push arrives that will not be answered. */
  onHang?: () => void;
  private readonly hanging: import('node:http').ServerResponse[] = [];
  private server!: Server;
  url = '';

  constructor(private readonly token: string) {}

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const mode = this.failNext[0];
        if (req.url === '/v2/bot/message/push' && (mode === 'hang' || mode === 'accept-and-hang')) {
          this.failNext.shift();
          if (mode === 'accept-and-hang') this.accept(req, body);
          this.hanging.push(res); // no answer: the client's timeout must fire
          this.onHang?.();
          return;
        }
        const status = this.answer(req, body);
        res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"sentMessages":[{"id":"1","quoteToken":"q"}]}' : '{"message":"error"}');
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', () => r()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private answer(req: IncomingMessage, body: string): number {
    if (req.headers.authorization !== `Bearer ${this.token}`) return 401;
    if (req.url === '/v2/bot/chat/markAsRead' || req.url === '/v2/bot/chat/loading/start') {
      this.chatCalls.push({ path: req.url, body: JSON.parse(body) });
      return 200;
    }
    if (req.url !== '/v2/bot/message/push') return 404;
    const retryKey = String(req.headers['x-line-retry-key'] ?? '');
    if (!/^[0-9a-f-]{36}$/.test(retryKey)) return 400;
    const forced = this.failNext.shift();
    if (typeof forced === 'number') return forced;
    if (this.accepted.has(retryKey)) return 409;
    this.accept(req, body);
    return forced === 'lost' ? 500 : 200;
  }

  /** LINE takes the message: remembered by its retry key, so a retry is answered 409. */
  private accept(req: IncomingMessage, body: string): void {
    const retryKey = String(req.headers['x-line-retry-key'] ?? '');
    this.accepted.add(retryKey);
    const parsed = JSON.parse(body) as { to: string; messages: { text: string }[] };
    this.pushes.push({ to: parsed.to, text: parsed.messages[0].text, retryKey, auth: String(req.headers.authorization) });
  }

  stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    return new Promise((r) => this.server.close(() => r()));
  }
}
