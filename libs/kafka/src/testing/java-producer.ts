import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';

/** The compression codecs of the Kafka protocol, as the Java client names them. */
export const KAFKA_CODECS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
export type KafkaCodec = (typeof KAFKA_CODECS)[number];

const REPO_ROOT = resolve(__dirname, '..', '..', '..', '..');
const TIMEOUT_MS = 60_000;

/** Where scripts/stack.sh installed Kafka: its jars hold the Java client and the console producer. */
function kafkaHome(env: NodeJS.ProcessEnv): string {
  const stack = env.STACK_DIR || '.stack';
  return join(isAbsolute(stack) ? stack : join(REPO_ROOT, stack), 'kafka');
}

export interface JavaProducerRecord {
  readonly key: string;
  readonly value: string;
}

/**
 * Sends `records` with Apache Kafka's own Java producer, the console producer of the local stack's Kafka 3.9
 * (`kafka.tools.ConsoleProducer`; 4.x moved it to `org.apache.kafka.tools`), compressed with `codec` the way JVM
 * pipelines, Connect and CDC tools send. The records of a call go out in as few batches as the producer makes
 * (linger 500 ms). Keys and values must be single lines without tabs.
 */
export async function produceWithJavaClient(topic: string, records: readonly JavaProducerRecord[], codec: KafkaCodec, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const unsafe = records.find((r) => /[\t\r\n]/.test(r.key) || /[\r\n]/.test(r.value));
  if (unsafe) throw new RangeError(`The console producer reads one "key<TAB>value" line per record; cannot send key ${JSON.stringify(unsafe.key)}`);
  const home = kafkaHome(env);
  const jars = join(home, 'libs');
  if (!existsSync(jars)) throw new Error(`No Kafka jars at ${jars}: run \`npm run stack -- up\` first`);
  const log4j = join(home, 'config', 'tools-log4j.properties');
  const args = [
    ...(existsSync(log4j) ? [`-Dlog4j.configuration=file:${log4j}`] : []),
    '-cp',
    `${jars}/*`,
    'kafka.tools.ConsoleProducer',
    '--bootstrap-server',
    (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0],
    '--topic',
    topic,
    '--compression-codec',
    codec,
    '--request-required-acks',
    'all',
    '--property',
    'parse.key=true',
    '--property',
    'key.separator=\t',
    '--producer-property',
    'linger.ms=500',
    '--producer-property',
    'max.block.ms=20000',
    '--producer-property',
    'batch.size=4194304',
    '--producer-property',
    'max.request.size=4194304',
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The Java console producer did not finish within ${TIMEOUT_MS / 1_000} s: ${stderr.slice(-2_000)}`));
    }, TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolveExit(code);
    });
  });
  child.stdin.end(records.map((r) => `${r.key}\t${r.value}\n`).join(''));
  const code = await exited;
  // The console producer logs a failed send and still exits 0: its stderr tells.
  if (code !== 0 || /ERROR|Exception/.test(stderr)) throw new Error(`The Java console producer failed (exit ${code}): ${stderr.slice(-2_000)}`);
}
