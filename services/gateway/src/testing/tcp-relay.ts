import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A connection through the relay, and which end closed it first (null: open). */
export interface RelayedConnection {
  closedBy: 'client' | 'server' | null;
}

/**
 * A TCP relay on a loopback port to a real server, which a test can cut (the port refuses connections, open ones are
 * dropped) and restore on the same port: the network between the gateway and its identity provider failing, while
 * the provider itself runs on for everyone else. It also tells which connections were opened and who closed them.
 */
export class TcpRelay {
  /** In the order they were opened. */
  readonly connections: RelayedConnection[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** e.g. http://127.0.0.1:40123 */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async open(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      const connection: RelayedConnection = { closedBy: null };
      this.connections.push(connection);
      for (const [socket, end] of [[client, 'client'], [upstream, 'server']] as const) {
        this.sockets.add(socket);
        const closed = () => (connection.closedBy ??= end);
        socket.on('end', closed);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          closed();
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
