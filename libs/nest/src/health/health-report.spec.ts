import { ServiceUnavailableException } from '@nestjs/common';
import { checkWithin, healthReport } from './health-report';

describe(checkWithin.name, () => {
  it('should say up when the work resolves in time', async () => {
    await expect(checkWithin(async () => 1)).resolves.toBe('up');
  });

  it('should say down with the error when the work fails', async () => {
    await expect(checkWithin(async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5433')))).resolves.toBe('down: connect ECONNREFUSED 127.0.0.1:5433');
  });

  it('should say down without waiting for the work when it hangs past the timeout', async () => {
    const started = Date.now();

    await expect(checkWithin(() => new Promise(() => undefined), 50)).resolves.toBe('down: no answer within 50 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe(healthReport.name, () => {
  it('should return the body with status ok when every check is up', () => {
    expect(healthReport({ checks: { database: 'up', consumers: 'up' }, outboxPending: 0 })).toEqual({ status: 'ok', checks: { database: 'up', consumers: 'up' }, outboxPending: 0 });
  });

  it('should throw a 503 carrying the whole body with status unavailable when a check is down', () => {
    const body = { checks: { database: 'up', consumers: 'down: scoring: handler failing' }, consumers: [{ groupId: 'scoring' }] };

    let thrown: unknown;
    try {
      healthReport(body);
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ServiceUnavailableException);
    expect((thrown as ServiceUnavailableException).getResponse()).toEqual({ status: 'unavailable', ...body });
  });
});
