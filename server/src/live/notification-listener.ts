/**
 * One LISTEN connection per server instance. PostgreSQL is the event bus (DESIGN principle
 * 7): ticket changes, manual clock moves and workflow publishes made on any instance reach
 * every instance through here. The connection is re-established if it drops.
 */
import pg from 'pg';

type Handler = (payload: string) => void;

export class NotificationListener {
  readonly #handlers = new Map<string, Set<Handler>>();
  #client: pg.Client | null = null;
  #stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: (line: string) => void,
  ) {}

  on(channel: string, handler: Handler): () => void {
    let set = this.#handlers.get(channel);
    if (!set) this.#handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => set.delete(handler);
  }

  async start(channels: string[]): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString });
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.log(`listener handler for ${message.channel} failed: ${String(error)}`);
        }
      }
    });
    client.on('error', (error) => {
      if (this.#stopped) return;
      this.log(`notification connection lost (${error.message}); reconnecting`);
      this.#client = null;
      setTimeout(() => void this.start(channels).catch(() => undefined), 1000).unref();
    });
    await client.connect();
    for (const channel of channels) await client.query(`listen ${pg.escapeIdentifier(channel)}`);
    this.#client = client;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#client?.end().catch(() => undefined);
    this.#client = null;
  }
}
