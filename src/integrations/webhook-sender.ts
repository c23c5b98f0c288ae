import http from 'node:http';
import https from 'node:https';
import { assertPublic, guardedLookup, TargetRefused, type LookupAll } from './address-guard.js';

/** One signed POST, as the worker sends it. */
export interface WebhookRequest {
  url: string;
  /** The signature headers (webhook-id, -timestamp, -signature). */
  headers: Record<string, string>;
  body: string;
}

/** What came back: the target's status and the first characters of its answer, or why there was none. */
export type WebhookAnswer =
  | { statusCode: number; snippet: string | null; durationMs: number; error: null }
  | { statusCode: null; snippet: null; durationMs: number; error: string };

export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookAnswer>;
  close(): void;
}

export interface SenderOptions {
  allowPrivateTargets: boolean;
  userAgent: string;
  /** The whole exchange, connect to last byte: 10 seconds. */
  timeoutMs?: number;
  lookup?: LookupAll;
}

const SNIPPET_CHARS = 300;
// Read at most this much of an answer; nobody needs a receiver's page of HTML.
const MAX_READ_BYTES = 16 * 1024;

/**
 * POSTs webhooks with node:http(s): no redirects followed (a 3xx is a failed attempt), a hard
 * time limit, kept-alive connections, and, unless private targets are allowed, the address
 * guard at connect time on the address the socket really uses.
 */
export function createWebhookSender(options: SenderOptions): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const lookup = options.allowPrivateTargets ? undefined : guardedLookup(options.lookup);
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 32, ...(lookup ? { lookup } : {}) }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 32, ...(lookup ? { lookup } : {}) }),
  };

  async function send(request: WebhookRequest): Promise<WebhookAnswer> {
    const started = performance.now();
    const failed = (error: string): WebhookAnswer => ({ statusCode: null, snippet: null, durationMs: Math.round(performance.now() - started), error });
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return failed('The target is not a valid URL.');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return failed(`Refused: ${url.protocol} is not a web address.`);
    if (!options.allowPrivateTargets) {
      if (url.protocol !== 'https:') return failed('Refused: only https targets are allowed (WEBHOOKS_ALLOW_PRIVATE_TARGETS is off).');
      try {
        // A literal address never reaches `lookup`, so it is checked here; a name is checked on connect.
        if (/^[\d.]+$|^\[/.test(url.hostname)) await assertPublic(url.hostname);
      } catch (err) {
        return failed(`Refused: the target ${err instanceof TargetRefused ? err.message : 'could not be checked'}.`);
      }
    }
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<WebhookAnswer>((resolve) => {
      const req = transport.request(
        url,
        {
          method: 'POST',
          agent: agents[url.protocol as 'http:' | 'https:'],
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(request.body),
            'user-agent': options.userAgent,
            ...request.headers,
          },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let read = 0;
          const done = (): void => {
            const text = Buffer.concat(chunks).toString('utf8').replace(/\s+/g, ' ').trim();
            resolve({ statusCode: res.statusCode ?? 0, snippet: text ? Array.from(text).slice(0, SNIPPET_CHARS).join('') : null, durationMs: Math.round(performance.now() - started), error: null });
          };
          res.on('data', (chunk: Buffer) => {
            if (read < MAX_READ_BYTES) chunks.push(chunk.subarray(0, MAX_READ_BYTES - read));
            read += chunk.length;
            if (read >= MAX_READ_BYTES) {
              res.destroy();
              done();
            }
          });
          res.on('end', done);
          // The status is what counts; an answer cut off half-way still had one.
          res.on('error', done);
        },
      );
      req.on('error', (err: NodeJS.ErrnoException) => resolve(failed(describeFailure(err, timeoutMs))));
      req.end(request.body);
    });
  }

  return {
    send,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}

/** Why there was no answer, in words for the delivery log (never the request or its secret). */
function describeFailure(err: NodeJS.ErrnoException, timeoutMs: number): string {
  if (err.name === 'TimeoutError' || err.name === 'AbortError' || err.code === 'ABORT_ERR') return `No answer within ${timeoutMs / 1000} seconds.`;
  if (err.code === 'ETARGETREFUSED') return `Refused: ${err.message}.`;
  if (err.code === 'ECONNREFUSED') return `Connection refused (${err.message.replace(/^connect ECONNREFUSED /, '')}).`;
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return `The target's host does not resolve (${err.code}).`;
  return `${err.code ?? err.name}: ${err.message}`.slice(0, 500);
}
