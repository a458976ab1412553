/**
 * A relay for outbound-mail tests: an `smtp-server` on loopback that keeps every message it
 * accepts, or answers DATA with a refusal (`refuse` always, `refuseFirst` for the first N
 * DATA commands), counting the attempts. `hold` keeps a message but never answers its DATA,
 * like a relay that has the letter when the sender dies waiting for the 250.
 */
import { SMTPServer } from 'smtp-server';
import net, { type AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SinkMessage {
  mailFrom: string | null;
  rcptTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface Sink {
  port: number;
  url: string;
  messages: SinkMessage[];
  /** DATA commands seen, accepted or refused. */
  dataAttempts: number;
  stop(): Promise<void>;
}

export interface SinkOptions {
  refuse?: { code: number; message: string };
  refuseFirst?: number;
  hold?: boolean;
  /** Listen on this port (e.g. one the server under test was told of before the relay came up). */
  port?: number;
}

const tryLater = { code: 451, message: '4.3.0 try again later' };

export async function startSink(options: SinkOptions = {}): Promise<Sink> {
  const sink: Sink = { port: 0, url: '', messages: [], dataAttempts: 0, stop: async () => undefined };
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    logger: false,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      const attempt = ++sink.dataAttempts;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const refusal = options.refuse ?? (attempt <= (options.refuseFirst ?? 0) ? tryLater : null);
        if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          sink.messages.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            parsed,
          });
          if (!options.hold) callback(null);
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  sink.port = (server.server.address() as AddressInfo).port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  sink.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls `probe` until it returns a value other than undefined (wall time: delivery is asynchronous). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
