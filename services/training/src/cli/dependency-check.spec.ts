import { dependencyProblemsMessage, shortReason } from './dependency-check';

describe(dependencyProblemsMessage.name, () => {
  it('should put every unreachable dependency with the variable that fixes it on one line', () => {
    const message = dependencyProblemsMessage([
      {
        problem: 'PostgreSQL at postgres://segmentation:***@127.0.0.1:5999/segmentation is unreachable (ECONNREFUSED)',
        fix: 'set POSTGRES_HOST/POSTGRES_PORT (or DATABASE_URL)',
      },
      { problem: 'Kafka at 127.0.0.1:9999 is unreachable (ECONNREFUSED)', fix: 'set KAFKA_BROKERS' },
    ]);

    expect(message).toBe(
      'train: PostgreSQL at postgres://segmentation:***@127.0.0.1:5999/segmentation is unreachable (ECONNREFUSED): set POSTGRES_HOST/POSTGRES_PORT (or DATABASE_URL); ' +
        'Kafka at 127.0.0.1:9999 is unreachable (ECONNREFUSED): set KAFKA_BROKERS. Is the stack up (npm run stack -- status)? Settings come from the environment, then .env.',
    );
    expect(message).not.toContain('\n');
  });
});

describe(shortReason.name, () => {
  it('should give the innermost cause: the code a fetch or a socket failed with, else its first line', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5999'), { code: 'ECONNREFUSED' });
    expect(shortReason(new TypeError('fetch failed', { cause: refused }))).toBe('ECONNREFUSED');
    expect(shortReason(new Error('password authentication failed for user "x"\nat …'))).toBe('password authentication failed for user "x"');
    expect(shortReason('timeout')).toBe('timeout');
  });
});
