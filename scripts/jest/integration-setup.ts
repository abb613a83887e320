import net from 'node:net';
import '../env/load-env';

// Integration and e2e tests run against the real stack. Fail fast, with the fix, when it is down,
// rather than letting every test time out on its own.
function reachable(host: string, port: number, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export default async function integrationSetup(): Promise<void> {
  const mlflow = new URL(process.env.MLFLOW_TRACKING_URI ?? 'http://127.0.0.1:5000');
  const [kafkaHost, kafkaPort] = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0].split(':');
  const components = [
    { name: 'postgres', host: process.env.POSTGRES_HOST ?? '127.0.0.1', port: Number(process.env.POSTGRES_PORT ?? 5433) },
    { name: 'kafka', host: kafkaHost, port: Number(kafkaPort) },
    { name: 'mlflow', host: mlflow.hostname, port: Number(mlflow.port || 80) },
  ];
  const down: string[] = [];
  for (const c of components) {
    if (!(await reachable(c.host, c.port))) down.push(`${c.name} (${c.host}:${c.port})`);
  }
  if (down.length > 0) {
    throw new Error(`The local stack is not running: ${down.join(', ')} unreachable. Start it with \`npm run stack -- up\`.`);
  }
}
