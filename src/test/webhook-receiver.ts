import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST as a receiver saw it: the Standard Webhooks headers, the body, and what it answered. */
export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  userAgent: string;
  contentType: string;
  body: string;
  answered: number;
}

/**
 * A webhook receiver over a real socket, as a clinic's other tool would run one: answers each
 * POST with `status` (200 unless a test says otherwise), can go away (connections refused) and
 * come back on the same port, and keeps every request it got.
 */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port><path>` */
  url(path?: string): string;
  port: number;
  status: number;
  received: ReceivedWebhook[];
  /** The ids of the events it answered with a 2xx, in order (duplicates kept, to be counted). */
  accepted(path?: string): string[];
  /** Stops listening and drops open connections: the next attempt is refused. */
  goAway(): Promise<void>;
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  let server: http.Server;
  const receiver: WebhookReceiver = {
    port: 0,
    status: 200,
    received: [],
    url: (path = '/hook') => `http://127.0.0.1:${receiver.port}${path}`,
    accepted: (path) => receiver.received.filter((r) => r.answered >= 200 && r.answered < 300 && (path === undefined || r.path === path)).map((r) => r.id),
    async goAway() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async comeBack() {
      await listen(receiver.port);
    },
    async close() {
      if (server.listening) await receiver.goAway();
    },
  };
  async function listen(port: number): Promise<void> {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const answered = receiver.status;
        receiver.received.push({
          path: req.url ?? '',
          id: String(req.headers['webhook-id'] ?? ''),
          timestamp: String(req.headers['webhook-timestamp'] ?? ''),
          signature: String(req.headers['webhook-signature'] ?? ''),
          userAgent: String(req.headers['user-agent'] ?? ''),
          contentType: String(req.headers['content-type'] ?? ''),
          body: Buffer.concat(chunks).toString('utf8'),
          answered,
        });
        res.writeHead(answered, { 'content-type': 'text/plain' }).end(answered >= 300 ? `answered ${answered} on purpose` : 'ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    receiver.port = (server.address() as AddressInfo).port;
  }
  await listen(0);
  return receiver;
}
