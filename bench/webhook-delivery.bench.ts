// Webhook deliveries per second: domain events recorded one transaction each (timeline entry, the
// public event, a delivery and its queue job, as a contact edit writes them), then delivered by the
// worker, signed, over real HTTP to a local receiver that checks every signature. Prints figures;
// exits non-zero only on a wrong answer: an event lost or delivered twice, or a bad signature.
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/config.js';
import { subscribe } from '../src/integrations/webhook-service.js';
import { createSystem } from '../src/system.js';
import { startWorker } from '../src/worker.js';
import { openBenchDatabase } from './bench-database.js';
import { machineLine } from './stats.js';

const COUNT = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const LOOPS = Number(process.env.BENCH_WEBHOOK_LOOPS ?? 2);

/** A receiver that checks each signature (node:crypto, as a receiver would) and counts ids; nothing else. */
async function checkingReceiver(): Promise<{ url: string; accepted: Map<string, number>; badSignatures: () => number; setSecret: (secret: string) => void; close: () => Promise<void> }> {
  const accepted = new Map<string, number>();
  let bad = 0;
  let key = Buffer.alloc(0);
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const expected = createHmac('sha256', key).update(`${id}.${String(req.headers['webhook-timestamp'])}.`).update(Buffer.concat(chunks)).digest();
      const given = Buffer.from(String(req.headers['webhook-signature']).replace(/^v1,/, ''), 'base64');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        bad += 1;
        res.writeHead(400).end();
        return;
      }
      accepted.set(id, (accepted.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/clinicflow`,
    accepted,
    badSignatures: () => bad,
    setSecret: (secret) => {
      key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function measure(engine: 'embedded' | 'server'): Promise<boolean> {
  const { handle, drop } = await openBenchDatabase(engine);
  const receiver = await checkingReceiver();
  const config = loadConfig({ PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>', WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true' });
  const system = await createSystem({ handle, config, transport: null });
  const { secret } = await subscribe(handle.db, config.webhooks, { event: 'contact.updated', targetUrl: receiver.url, origin: 'console', by: { staffId: (await handle.db.insertInto('staff_users').values({ email: 'bench@clinic.test', role: 'admin', password_hash: 'x' }).returning('id').executeTakeFirstOrThrow()).id }, now: new Date() });
  receiver.setSecret(secret);
  const contact = await handle.db.insertInto('contacts').values({ email: 'bench@example.com', name: 'Olena Bench', phone: '+380 67 000 0000' }).returning('id').executeTakeFirstOrThrow();

  const recordStart = performance.now();
  for (let i = 0; i < COUNT; i += 1) {
    await handle.db.transaction().execute((trx) =>
      system.deps.events.record(trx, { kind: 'contact.updated', contactId: contact.id, actor: { type: 'staff', id: null }, data: { changes: { notes: { from: '', to: `visit ${i}` } } }, at: new Date() }),
    );
  }
  const recordSeconds = (performance.now() - recordStart) / 1000;

  const deliveryStart = performance.now();
  const stop = await startWorker(system, { sweepEveryMs: 3_600_000, webhookLoops: LOOPS, onError: (err) => console.error(err) });
  const deadline = Date.now() + 10 * 60_000;
  while (receiver.accepted.size < COUNT && receiver.badSignatures() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const deliverySeconds = (performance.now() - deliveryStart) / 1000;
  // Let any stray second send arrive before counting duplicates.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const delivered = await handle.db.selectFrom('webhook_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('state', '=', 'delivered').executeTakeFirstOrThrow();
  const duplicates = [...receiver.accepted.values()].filter((n) => n > 1).length;

  console.log(
    `${engine.padEnd(8)} ${COUNT} events, ${LOOPS} delivery loops: recorded ${(COUNT / recordSeconds).toFixed(0)}/s (${((recordSeconds * 1000) / COUNT).toFixed(2)} ms each, timeline + event + delivery + job); ` +
      `delivered signed over HTTP ${(COUNT / deliverySeconds).toFixed(0)}/s (${deliverySeconds.toFixed(1)} s); ` +
      `database says delivered: ${delivered.n}, receiver got: ${receiver.accepted.size} distinct, ${duplicates} twice, ${receiver.badSignatures()} bad signatures`,
  );
  await stop();
  await system.close();
  await handle.close();
  await receiver.close();
  await drop();
  return Number(delivered.n) === COUNT && receiver.accepted.size === COUNT && duplicates === 0 && receiver.badSignatures() === 0;
}

console.log(`webhook-delivery: ${machineLine()}`);
let right = await measure('embedded');
if (process.env.BENCH_DATABASE_URL) right = (await measure('server')) && right;
if (!right) process.exitCode = 1;
