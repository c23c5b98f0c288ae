import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export type SinkBehaviour = 'accept' | 'temporary-failure' | 'permanent-failure' | 'stall';

/**
 * A real SMTP server on a loopback port that keeps what it receives, parsed. Tests switch its
 * behaviour to make the next deliveries fail for a while (421), for good (550) or hang.
 */
export interface SmtpSink {
  url: string;
  port: number;
  received: ParsedMail[];
  behaviour: SinkBehaviour;
  /** Per recipient: a mailbox that does not exist answers 550 whatever the behaviour. */
  rejectRecipients: Set<string>;
  /** Per recipient: a message to one of these is taken in but never answered, whatever the behaviour. */
  stallRecipients: Set<string>;
  /** Messages whose data arrived while stalling: the sender is stuck in the middle of sending. */
  stalled: number;
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  /** Messages to one address, in arrival order. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = [];
  const waiters: Array<() => void> = [];
  const sink: Partial<SmtpSink> = { received, behaviour: 'accept', rejectRecipients: new Set(), stallRecipients: new Set(), stalled: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // A sender left hanging on a stalled message would otherwise keep close() waiting 30 s.
    closeTimeout: 500,
    onRcptTo(address, _session, callback) {
      if (sink.rejectRecipients!.has(address.address.toLowerCase())) {
        const err = Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 });
        callback(err);
        return;
      }
      callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const behaviour = session.envelope.rcptTo.some((rcpt) => sink.stallRecipients!.has(rcpt.address.toLowerCase())) ? 'stall' : sink.behaviour;
      if (behaviour === 'stall') {
        sink.stalled! += 1;
        stream.resume();
        return; // never answers: the client hangs until it is killed or times out
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (behaviour === 'temporary-failure') {
          callback(Object.assign(new Error('4.3.0 Try again later'), { responseCode: 421 }));
          return;
        }
        if (behaviour === 'permanent-failure') {
          callback(Object.assign(new Error('5.7.1 Message refused'), { responseCode: 554 }));
          return;
        }
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          received.push(mail);
          waiters.splice(0).forEach((wake) => wake());
          callback();
        }, callback);
      });
    },
  });
  // A sender that vanishes mid-message (a killed worker) resets the socket; smtp-server emits
  // that as 'error', which with no listener would fail the whole test run.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    port,
    async waitFor(count: number, timeoutMs = 15_000): Promise<ParsedMail[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} e-mails, got ${received.length}: ${received.map((m) => m.subject).join(' | ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return received.slice(0, count);
    },
    to(address: string): ParsedMail[] {
      return received.filter((mail) => (Array.isArray(mail.to) ? mail.to : [mail.to]).some((to) => to?.value.some((v) => v.address?.toLowerCase() === address.toLowerCase())));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as SmtpSink;
}
