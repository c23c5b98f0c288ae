import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

/** A message as the transport hands it to the SMTP server. */
export interface Envelope {
  messageId: string;
  from: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  invite: { method: 'REQUEST' | 'CANCEL'; content: string } | null;
}

export type DeliveryResult =
  | { outcome: 'sent'; response: string }
  /** Worth another try: connection refused or dropped, time-outs, 4xx answers. */
  | { outcome: 'temporary'; reason: string }
  /** The server refused for good (5xx): retrying would not help; the address may be bouncing. */
  | { outcome: 'permanent'; reason: string };

export interface MailTransport {
  deliver(envelope: Envelope): Promise<DeliveryResult>;
  close(): void;
}

interface SmtpError extends Error {
  responseCode?: number;
  code?: string;
  response?: string;
}

/** Sorts an SMTP failure into worth-retrying or final. Pure. */
export function classifySmtpError(err: SmtpError): DeliveryResult {
  const reason = (err.response ?? err.message ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 500);
  if (err.responseCode !== undefined && err.responseCode >= 500 && err.responseCode < 600) return { outcome: 'permanent', reason };
  return { outcome: 'temporary', reason };
}

/**
 * Real SMTP through one pooled nodemailer transport. `smtp://user:pass@host:port` (STARTTLS
 * when offered) or `smtps://…` (TLS from the start). Names and subjects go through nodemailer's
 * header encoding, never into raw headers.
 */
export function createSmtpTransport(options: {
  url: string;
  dkim: { domainName: string; keySelector: string; privateKey: string } | null;
}): MailTransport {
  const url = new URL(options.url);
  const settings: SMTPPool.Options = {
    pool: true,
    maxConnections: 5,
    maxMessages: 500,
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    ...(options.dkim ? { dkim: options.dkim } : {}),
  };
  const transporter = nodemailer.createTransport(settings);
  return {
    async deliver(envelope) {
      try {
        const info = await transporter.sendMail({
          messageId: envelope.messageId,
          from: envelope.from,
          to: envelope.to,
          subject: envelope.subject,
          html: envelope.html,
          text: envelope.text,
          headers: { 'Auto-Submitted': 'auto-generated' },
          ...(envelope.invite ? { icalEvent: { method: envelope.invite.method, content: envelope.invite.content, filename: 'invite.ics' } } : {}),
        });
        return { outcome: 'sent', response: String(info.response ?? '') };
      } catch (err) {
        return classifySmtpError(err as SmtpError);
      }
    },
    close() {
      transporter.close();
    },
  };
}
