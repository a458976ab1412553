/**
 * The inbound SMTP listener (CONTRACT, `SMTP_PORT`): mail accepted here goes the same way as
 * `receiveEmail`, through `MailIntakeService.receive`, as the system principal `mail:smtp`.
 *
 * A relay in front of us (or a test) speaks plain SMTP: no AUTH, no STARTTLS. Recipients are
 * checked at RCPT time against the email channels of the tenants' workflows in force, so
 * mail for nobody is refused before its data is sent (550), not stored. Once a recipient is
 * accepted, the message is accepted too: one the intake refuses (routing rule, auto-reply)
 * is stored with its reason and answered by the intake, not bounced here. Only a fault of
 * ours answers 451, so the sending relay keeps the mail and tries again: a duplicate is
 * better than a lost mail (DESIGN principle 1).
 */
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import type { Orm } from '../db/orm.js';
import type { WorkflowRegistry } from '../tenants/workflow-registry.js';
import type { MailIntakeService } from '../intake/intake.service.js';
import type { Principal } from '../auth/principal.js';
import { knownMailboxes } from './tenant-mailboxes.js';
import { SharedRateLimit } from '../ratelimit/shared-rate-limit.js';
import type { PgPool } from '../db/pg-pool.js';

/** Who the intake sees as the caller: the whole desk, like an admin's mail gateway. */
export const smtpPrincipal: Principal = { kind: 'token', id: 'smtp', role: 'admin', tenantIds: 'all', actor: 'mail:smtp' };

export interface SmtpListenerOptions {
  port: number;
  host: string;
  /** Largest message accepted at DATA, as sent (encoded), in bytes. */
  maxMessageBytes: number;
  /** Messages one sender may send per window (0: no limit). */
  senderRateLimit: number;
  senderRateWindowMs: number;
}

export interface RunningSmtpListener {
  port: number;
  stop(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpListener(
  deps: { orm: Orm; pool: PgPool; registry: WorkflowRegistry; intake: MailIntakeService; log: (line: string) => void },
  options: SmtpListenerOptions,
): Promise<RunningSmtpListener> {
  const { maxMessageBytes } = options;
  // Shared by every instance's listener: a flooding sender is told to wait whichever it reaches.
  const rateLimit = new SharedRateLimit(deps.pool, 'smtp-sender', options.senderRateLimit, options.senderRateWindowMs);
  const server = new SMTPServer({
    banner: 'Reglament service desk',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: maxMessageBytes,
    logger: false,
    disableReverseLookup: true,
    closeTimeout: 2000,
    onMailFrom(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const sender = address.address || '<>';
      rateLimit.admit(sender).then(
        (admitted) => {
          if (admitted) return callback(null);
          deps.log(`smtp: ${sender} is over ${options.senderRateLimit} messages per ${options.senderRateWindowMs} ms: told to retry later`);
          callback(smtpError(450, `4.7.1 too many messages from ${sender}, try again later`));
        },
        (error) => {
          deps.log(`smtp: rate limit lookup failed: ${String(error)}`);
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      knownMailboxes(deps.orm, deps.registry).then(
        (known) => callback(known.has(address.address.trim().toLowerCase()) ? null : smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`)),
        (error) => {
          deps.log(`smtp: recipient lookup failed: ${String(error)}`);
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        },
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 message exceeds ${maxMessageBytes} bytes`));
        const raw = Buffer.concat([Buffer.from(envelopeHeaders(session), 'utf8'), ...chunks]);
        deps.intake.receive(smtpPrincipal, raw).then(
          (receipt) => {
            deps.log(`smtp: mail from ${session.envelope.mailFrom ? session.envelope.mailFrom.address : '<>'}: ${receipt.outcome}${receipt.reason ? ` (${receipt.reason})` : ''}`);
            callback(null);
          },
          (error) => {
            deps.log(`smtp: intake failed: ${error instanceof Error ? error.message : String(error)}`);
            callback(smtpError(451, '4.3.0 temporary failure, try again later'));
          },
        );
      });
    },
  });
  server.on('error', (error) => deps.log(`smtp: ${error.message}`));

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * What a delivering MTA adds: the envelope recipients as `Delivered-To`, so a mail that
 * reached us by Bcc (our address in no header) still routes to its tenant.
 */
function envelopeHeaders(session: SMTPServerSession): string {
  return session.envelope.rcptTo.map((r) => `Delivered-To: ${r.address}\r\n`).join('');
}
