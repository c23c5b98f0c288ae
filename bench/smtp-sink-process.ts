// The local SMTP sink of email-delivery.bench.ts, in a process of its own so that receiving the
// messages is not charged to the app's CPU or its event loop. Not a benchmark itself. It only
// counts what it is given (parsing would cost it more than the sender). Tells the parent its
// address when listening, and its count whenever asked.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type SinkToParent = { type: 'listening'; url: string } | { type: 'received'; count: number };
export type ParentToSink = { type: 'count' } | { type: 'close' };

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
server.on('error', () => undefined);
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'listening', url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}` } satisfies SinkToParent);
});
process.on('message', (message: ParentToSink) => {
  if (message.type === 'count') process.send?.({ type: 'received', count: received } satisfies SinkToParent);
  else server.close(() => process.exit(0));
});
