import { inspect } from 'node:util';
import { DbConfigError } from '../errors';
import { dbConfigFromEnv, describeDbConnection } from './db-config';

describe(dbConfigFromEnv.name, () => {
  it('should use the local stack defaults when no variable is set', () => {
    expect({ ...dbConfigFromEnv({}) }).toEqual({
      host: '127.0.0.1',
      port: 5433,
      user: 'segmentation',
      password: 'segmentation',
      database: 'segmentation',
    });
  });

  it('should read every POSTGRES_* variable and treat empty ones as unset when they are given', () => {
    const config = dbConfigFromEnv({
      POSTGRES_HOST: 'db.internal',
      POSTGRES_PORT: '6543',
      POSTGRES_USER: 'scoring',
      POSTGRES_PASSWORD: 's3cret',
      POSTGRES_DB: '',
    });
    expect({ ...config }).toEqual({
      host: 'db.internal',
      port: 6543,
      user: 'scoring',
      password: 's3cret',
      database: 'segmentation',
    });
  });

  it('should use DATABASE_URL alone when it is set', () => {
    const config = dbConfigFromEnv({
      DATABASE_URL: 'postgresql://u:p@db:5432/seg?sslmode=require',
      POSTGRES_PORT: 'not checked',
    });
    expect({ ...config }).toEqual({
      url: 'postgresql://u:p@db:5432/seg?sslmode=require',
    });
  });

  it('should list every bad variable at once when several are invalid', () => {
    const env = {
      POSTGRES_PORT: '54x',
      POSTGRES_HOST: 'db host',
      POSTGRES_USER: 'u'.repeat(64),
    };
    expect(() => dbConfigFromEnv(env)).toThrow(
      new DbConfigError([
        'POSTGRES_PORT must be an integer from 1 to 65535, got "54x"',
        'POSTGRES_HOST must be a host name or address, got "db host"',
        'POSTGRES_USER must be at most 63 characters, got 64',
      ]),
    );
  });

  it('should reject the port when it is out of range', () => {
    expect(() => dbConfigFromEnv({ POSTGRES_PORT: '70000' })).toThrow(/POSTGRES_PORT must be an integer from 1 to 65535/);
  });

  it('should reject DATABASE_URL without echoing it when it is not a postgres URL', () => {
    expect(() => dbConfigFromEnv({ DATABASE_URL: 'mysql://u:hunter2@db/seg' })).toThrow(
      'Invalid database configuration: DATABASE_URL must start with postgres:// or postgresql://, got mysql://',
    );
    expect(() => dbConfigFromEnv({ DATABASE_URL: 'hunter2 not a url' })).toThrow(/^(?!.*hunter2).*DATABASE_URL is not a valid URL/);
    expect(() => dbConfigFromEnv({ DATABASE_URL: 'postgres://u:p@db:5432' })).toThrow(/DATABASE_URL has no database name/);
  });

  it('should mask the password when the config is printed', () => {
    const config = dbConfigFromEnv({ POSTGRES_PASSWORD: 'hunter2' });
    for (const printed of [String(config), `${config}`, JSON.stringify(config), inspect(config)]) {
      expect(printed).toContain('postgres://segmentation:***@127.0.0.1:5433/segmentation');
      expect(printed).not.toContain('hunter2');
    }
    expect(config.toString()).not.toContain('hunter2');
    expect('password' in config && config.password).toBe('hunter2');
  });

  it('should mask the password in DATABASE_URL when it is printed', () => {
    const config = dbConfigFromEnv({
      DATABASE_URL: 'postgres://u:hunter2@db:5432/seg',
    });
    expect(inspect(config)).toBe('postgres://u:***@db:5432/seg');
    expect(JSON.stringify({ config })).toBe('{"config":"postgres://u:***@db:5432/seg"}');
  });
});

describe(describeDbConnection.name, () => {
  it('should leave a URL without password as it is', () => {
    expect(describeDbConnection({ url: 'postgres://u@db:5432/seg' })).toBe('postgres://u@db:5432/seg');
  });
});
