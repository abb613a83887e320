import { DbConfigError } from '../errors';
import { buildDataSourceOptions } from './data-source.factory';

const connection = {
  host: 'db',
  port: 5433,
  user: 'u',
  password: 'p',
  database: 'seg',
};

describe(buildDataSourceOptions.name, () => {
  it('should pin the schema, the migrations table and the search path to the service schema', () => {
    const options = buildDataSourceOptions({
      ...connection,
      schema: 'scoring',
    });
    expect(options).toMatchObject({
      type: 'postgres',
      host: 'db',
      port: 5433,
      username: 'u',
      password: 'p',
      database: 'seg',
      schema: 'scoring',
      migrationsTableName: 'migrations',
      extra: { options: '-c search_path=scoring' },
    });
  });

  it('should run migrations and never synchronize when nothing else is asked for', () => {
    const options = buildDataSourceOptions({
      ...connection,
      schema: 'scoring',
    });
    expect(options.migrationsRun).toBe(true);
    expect(options.synchronize).toBe(false);
  });

  it('should synchronize only when synchronize is explicitly true', () => {
    expect(buildDataSourceOptions({ ...connection, schema: 's', synchronize: true }).synchronize).toBe(true);
    expect(
      buildDataSourceOptions({
        ...connection,
        schema: 's',
        migrationsRun: false,
      }).migrationsRun,
    ).toBe(false);
  });

  it('should pass the URL through and no host fields when the connection is a URL', () => {
    const options = buildDataSourceOptions({
      url: 'postgres://u:p@db/seg',
      schema: 'scoring',
    });
    expect(options).toMatchObject({
      url: 'postgres://u:p@db/seg',
      schema: 'scoring',
    });
    expect(options).not.toHaveProperty('host');
  });

  it('should refuse the schema when it is not a lower-case identifier', () => {
    for (const schema of ['Scoring', 'scoring; drop', '1abc', '', 'a'.repeat(64)]) {
      expect(() => buildDataSourceOptions({ ...connection, schema })).toThrow(DbConfigError);
    }
  });
});
