import { Writable } from 'node:stream';
import { createLogger, scrubSecrets } from './logger';
import { NestPinoLogger } from './nest-logger';
import { withRequestId } from './request-context';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>));
      done();
    },
  });
  return { lines, destination };
}

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJlLWJ5dGVz';

describe(createLogger.name, () => {
  it('should write one JSON object per line with time, level as a word, service and message', () => {
    const { lines, destination } = capture();
    createLogger('scoring', { destination }).info('ready');

    expect(lines).toEqual([expect.objectContaining({ level: 'info', service: 'scoring', msg: 'ready', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) })]);
  });

  it('should add the request id to every line written while serving a request', () => {
    const { lines, destination } = capture();
    const logger = createLogger('offers', { destination });
    withRequestId('req-42', () => logger.warn('slow'));
    logger.info('outside');

    expect(lines.map((l) => [l.msg, l.requestId])).toEqual([
      ['slow', 'req-42'],
      ['outside', undefined],
    ]);
  });

  it('should never write a token, a secret or an authorization header, in fields or in text', () => {
    const { lines, destination } = capture();
    const logger = createLogger('gateway', { destination });
    logger.info({ headers: { authorization: `Bearer ${JWT}`, 'x-gateway-secret': 's3cr3t-subgraph-value' }, token: JWT }, 'request');
    logger.error(`refused Authorization: Bearer ${JWT} and ${JWT}`);
    logger.error(new Error(`bad token ${JWT}`));
    const written = JSON.stringify(lines);

    expect(written).not.toContain(JWT);
    expect(written).not.toContain('s3cr3t-subgraph-value');
    expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]', 'x-gateway-secret': '[redacted]' }, token: '[redacted]' });
    expect(lines[1].msg).toBe('refused Authorization: Bearer [redacted] and [redacted token]');
  });
});

describe(scrubSecrets.name, () => {
  it('should leave ordinary text alone', () => {
    expect(scrubSecrets('customer C10001 scored with model version 3')).toBe('customer C10001 scored with model version 3');
  });
});

describe(NestPinoLogger.name, () => {
  it("should write Nest's context, stack and level, and objects as fields", () => {
    const { lines, destination } = capture();
    const logger = new NestPinoLogger(createLogger('training', { destination, level: 'debug' }));
    logger.log('Listening', 'Training');
    logger.error('Run failed', 'Error: boom\n    at fit (train.ts:1:1)', 'TrainModelUseCase');
    logger.debug({ runs: 3 }, 'Scheduler');

    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'Listening', context: 'Training' }),
      expect.objectContaining({ level: 'error', msg: 'Run failed', context: 'TrainModelUseCase', stack: 'Error: boom\n    at fit (train.ts:1:1)' }),
      expect.objectContaining({ level: 'debug', runs: 3, context: 'Scheduler' }),
    ]);
  });
});
