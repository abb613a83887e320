import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..', '..');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_LINES_KEPT = 40;

export class ServiceProcessError extends Error {
  override readonly name = 'ServiceProcessError';
}

/** A service started from its own entry point, as it runs in production. */
export interface ServiceProcess {
  /** `http://127.0.0.1:<port>`, without a path. */
  readonly url: string;
  /** The process id, e.g. to tell that the service was not restarted. */
  readonly pid: number;
  /**
   * Sends `signal` (SIGTERM by default; SIGKILL to play a crash) and waits for the exit, with SIGKILL if the
   * service does not end in time; safe to call twice.
   */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServiceProcessOptions {
  /** Also append the whole output to this file (e.g. a test artifact). */
  readonly logFile?: string;
  /** How long the service may take to answer /health with 200 (120 s by default). */
  readonly startTimeoutMs?: number;
}

/** Where `freePort` looks first: above the well-known and registered ports most servers use. */
const PORTS_FROM = 10_000;
const handedOut = new Set<number>();

/** The kernel's range for ephemeral ports (`listen(0)`, outgoing connections' source ports): Linux's, else IANA's. */
function ephemeralPortRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low > 0 && high >= low) return [low, high];
  } catch {
    // Not Linux.
  }
  return [49_152, 65_535];
}

/** Whether a server can listen on `port` on every interface, as the services do. */
function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/**
 * A port to start a service on, free now, never handed out before by this process, and below the ephemeral range:
 * a port from `listen(0)` lies in that range, where any process's outgoing connection (a Kafka or PostgreSQL client)
 * can take it as its source port before the service binds it (a service once failed to start with EADDRINUSE so).
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralPortRange();
  for (let attempt = 0; attempt < 100 && ephemeralLow - PORTS_FROM > 1_000; attempt++) {
    const port = PORTS_FROM + Math.floor(Math.random() * (ephemeralLow - PORTS_FROM));
    if (!handedOut.has(port) && (await canListen(port))) {
      handedOut.add(port);
      return port;
    }
  }
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `services/<name>/src/main.ts` in a child process, by path only: a service never imports another
 * service, not even in tests. Resolves once `/health` answers 200 on `port`; fails with the last lines of the
 * child's output when it exits or stays unhealthy.
 */
export async function startServiceProcess(name: string, port: number, env: NodeJS.ProcessEnv, options: ServiceProcessOptions = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join('services', name, 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Always read the output: a full pipe would block the child.
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    output.splice(0, Math.max(0, output.length - OUTPUT_LINES_KEPT));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  if (options.logFile) {
    const log = createWriteStream(options.logFile, { flags: 'a' });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
  }
  const exited = once(child, 'exit');
  const failure = (what: string) => new ServiceProcessError(`${name} ${what}; its last output:\n${output.join('\n')}`);

  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited.finally(() => clearTimeout(timer));
  };
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const startTimeoutMs = options.startTimeoutMs ?? START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw failure(`exited with ${child.exitCode ?? child.signalCode} during start-up`);
    if (await fetch(`${url}/health`).then((response) => response.status === 200, () => false)) return { url, pid: child.pid as number, stop };
    if (Date.now() - started > startTimeoutMs) {
      await stop();
      throw failure(`was not healthy after ${startTimeoutMs / 1000} s`);
    }
    await sleep(250);
  }
}
