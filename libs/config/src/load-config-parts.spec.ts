import { ConfigError } from './define-config';
import { loadConfigParts } from './load-config-parts';

class DatabaseSettingsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

describe('loadConfigParts', () => {
  it('should return every part by name when all load', () => {
    expect(loadConfigParts('svc', { settings: () => ({ port: 1 }), db: () => 'url' })).toEqual({ settings: { port: 1 }, db: 'url' });
  });

  it('should refuse with the problems of every failing part at once when several are wrong', () => {
    const attempt = () =>
      loadConfigParts('svc', {
        settings: () => {
          throw new ConfigError('svc', ['SVC_PORT must be a whole number']);
        },
        db: () => {
          throw new DatabaseSettingsError(['POSTGRES_PORT must be ≤ 65535', 'POSTGRES_HOST is empty']);
        },
        kafka: () => 'ok',
      });

    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(expect.objectContaining({ service: 'svc', problems: ['SVC_PORT must be a whole number', 'POSTGRES_PORT must be ≤ 65535', 'POSTGRES_HOST is empty'] }));
  });

  it('should let an error that is not a configuration problem through unchanged', () => {
    const fault = new TypeError('bug');
    expect(() =>
      loadConfigParts('svc', {
        settings: () => {
          throw fault;
        },
      }),
    ).toThrow(fault);
  });
});
