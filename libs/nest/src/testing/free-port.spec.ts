import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from './service-process';

const listen = (port: number) =>
  new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, () => server.close(() => resolve()));
  });

describe(freePort.name, () => {
  it('should hand out distinct ports a service can listen on, below the ephemeral range where outgoing connections take theirs', async () => {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    const ports: number[] = [];
    for (let i = 0; i < 30; i++) ports.push(await freePort());

    expect(new Set(ports).size).toBe(30);
    expect(ports.filter((port) => port < 10_000 || port >= ephemeralLow)).toEqual([]);
    for (const port of ports) await listen(port);
  });
});

