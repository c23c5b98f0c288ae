// A worker process for the crash test: it opens the test's database, starts delivering, and
// is killed with SIGKILL by the test while an e-mail is half-sent. Not part of the product.
import { loadConfig } from '../config.js';
import { openEmbeddedDatabase, openServerDatabase } from '../db/engine.js';
import { createSmtpTransport } from '../mail/smtp-transport.js';
import { createSystem } from '../system.js';
import { startWorker } from '../worker.js';

const [engine, target, schema, smtpUrl] = process.argv.slice(2) as [string, string, string, string];
const handle = engine === 'embedded' ? await openEmbeddedDatabase(target) : openServerDatabase({ url: target, schema });
const config = loadConfig({ CLINIC_TIMEZONE: 'Europe/Kyiv', PUBLIC_URL: 'http://clinic.test', MAIL_FROM: 'Clinic <no-reply@clinic.test>' });
const system = await createSystem({
  handle,
  config,
  transport: createSmtpTransport({ url: smtpUrl, dkim: null }),
  queuePolicies: { 'send-email': { retryDelaySeconds: 1, expireInSeconds: 2 } },
  maintenanceIntervalSeconds: 1,
});
await startWorker(system, { sweepEveryMs: 3_600_000, pollingIntervalSeconds: 0.5, onError: (err) => console.error(err) });
console.log('worker started');
