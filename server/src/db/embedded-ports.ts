/**
 * TCP port probing for the embedded PostgreSQL, which listens on 127.0.0.1 only. A probe can
 * race another starter grabbing the same port; the starter retries on a bind failure.
 */
import net from 'node:net';

export const LOOPBACK = '127.0.0.1';

/** Whether nothing listens on `port` of the loopback address right now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the kernel considers free now (from its ephemeral range). */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: LOOPBACK, exclusive: true }, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
