import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Column, DataSource, Entity, PrimaryColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dbConfigFromEnv } from '../config/db-config';
import { uniqueSchemaName } from '../testing';
import { createDataSource, runMigrations, type DataSourceConfig } from './data-source.factory';
import { typeOrmModuleOptions } from './typeorm-module.options';

@Entity({ name: 'balances' })
class Balance {
  @PrimaryColumn('text') id!: string;
  @Column('numeric', { precision: 20, scale: 6 }) amount!: string;
  @Column('double precision', { name: 'purchases_frequency' })
  purchasesFrequency!: number;
  @Column('double precision', { name: 'minimum_payments', nullable: true })
  minimumPayments!: number | null;
  @Column('timestamptz', { name: 'observed_at' }) observedAt!: Date;
}

// Unqualified on purpose: the search path puts it in whichever schema the data source is for.
class CreateBalances1769860800000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE balances (id text PRIMARY KEY, amount numeric(20, 6) NOT NULL, purchases_frequency double precision NOT NULL,
       minimum_payments double precision, observed_at timestamptz NOT NULL)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE balances');
  }
}

describe(createDataSource.name, () => {
  let schema: string;
  const opened: DataSource[] = [];
  const open = async (config: Partial<DataSourceConfig> = {}): Promise<DataSource> => {
    const dataSource = await createDataSource({
      ...dbConfigFromEnv(),
      schema,
      ...config,
    });
    opened.push(dataSource);
    return dataSource;
  };
  const withMigrations = {
    entities: [Balance],
    migrations: [CreateBalances1769860800000],
  };
  const tablesIn = async (dataSource: DataSource, inSchema: string): Promise<string[]> => {
    const rows: { table_name: string }[] = await dataSource.query(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [inSchema],
    );
    return rows.map((row) => row.table_name);
  };

  beforeEach(() => {
    schema = uniqueSchemaName('it_db');
  });

  afterEach(async () => {
    const [first, ...others] = opened.splice(0);
    await first?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await Promise.all([first, ...others].filter((dataSource) => dataSource?.isInitialized).map((dataSource) => dataSource.destroy()));
  });

  it('should create the missing schema with the table and the migrations table inside it when migrations run at start-up', async () => {
    const dataSource = await open(withMigrations);

    expect(await tablesIn(dataSource, schema)).toEqual(['balances', 'migrations']);
    const [{ publicBalances }] = await dataSource.query(`SELECT to_regclass('public.balances') AS "publicBalances"`);
    expect(publicBalances).toBeNull();
    const migrations = await dataSource.query(`SELECT name FROM "${schema}".migrations`);
    expect(migrations).toEqual([{ name: 'CreateBalances1769860800000' }]);
  });

  it('should do nothing when migrations run again, explicitly or at a restart', async () => {
    const dataSource = await open(withMigrations);
    await dataSource.getRepository(Balance).insert({
      id: 'C1',
      amount: '1',
      purchasesFrequency: 0.5,
      minimumPayments: null,
      observedAt: new Date(),
    });

    expect(await runMigrations(dataSource)).toEqual([]);
    await open(withMigrations);

    expect(await dataSource.query(`SELECT count(*)::int AS n FROM "${schema}".migrations`)).toEqual([{ n: 1 }]);
    expect(await dataSource.getRepository(Balance).count()).toBe(1);
  });

  it('should apply each migration once when replicas start at the same time', async () => {
    const replicas = await Promise.all([open(withMigrations), open(withMigrations), open(withMigrations)]);

    expect(await replicas[0].query(`SELECT count(*)::int AS n FROM "${schema}".migrations`)).toEqual([{ n: 1 }]);
    expect(await tablesIn(replicas[0], schema)).toEqual(['balances', 'migrations']);
  });

  it('should leave migrations to an explicit runMigrations call when migrationsRun is false', async () => {
    const dataSource = await open({ ...withMigrations, migrationsRun: false });
    expect(await tablesIn(dataSource, schema)).toEqual([]);

    const applied = await runMigrations(dataSource);

    expect(applied.map((migration) => migration.name)).toEqual(['CreateBalances1769860800000']);
    expect(await tablesIn(dataSource, schema)).toEqual(['balances', 'migrations']);
  });

  it('should preserve numeric, double, null and timestamptz values when a row makes a round trip', async () => {
    const dataSource = await open(withMigrations);
    const observedAt = new Date('2026-01-31T12:34:56.789Z');
    const written: Balance[] = [
      // More digits than a double holds: numeric must come back exact, as a string.
      {
        id: 'C1',
        amount: '12345678901234.123456',
        purchasesFrequency: 0.1 + 0.2,
        minimumPayments: null,
        observedAt,
      },
      {
        id: 'C2',
        amount: '0.000001',
        purchasesFrequency: 1e-300,
        minimumPayments: 139.509787,
        observedAt,
      },
    ];
    await dataSource.getRepository(Balance).insert(written);

    const read = await dataSource.getRepository(Balance).find({ order: { id: 'ASC' } });

    expect(read).toEqual(written.map((balance) => Object.assign(new Balance(), balance)));
    expect(read[0].observedAt).toBeInstanceOf(Date);
    expect(read[0].purchasesFrequency).toBe(0.30000000000000004);
  });

  it('should not create entity tables when synchronize is not set', async () => {
    const dataSource = await open({ entities: [Balance] });

    expect(await tablesIn(dataSource, schema)).toEqual(['migrations']);
  });

  it('should create entity tables in the schema when synchronize is explicitly true', async () => {
    const dataSource = await open({
      entities: [Balance],
      migrationsRun: false,
      synchronize: true,
    });

    expect(await tablesIn(dataSource, schema)).toEqual(['balances']);
  });
});

describe(typeOrmModuleOptions.name, () => {
  it('should give the Nest data source the schema and the migrations when the module starts', async () => {
    const schema = uniqueSchemaName('it_db');
    const moduleRef = await Test.createTestingModule({
      imports: [
        TypeOrmModule.forRootAsync(
          typeOrmModuleOptions(() => ({
            ...dbConfigFromEnv(),
            schema,
            entities: [Balance],
            migrations: [CreateBalances1769860800000],
          })),
        ),
      ],
    }).compile();
    const dataSource = moduleRef.get(DataSource);
    try {
      const rows = await dataSource.query('SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1', [schema]);

      expect(rows).toEqual([{ table_name: 'balances' }, { table_name: 'migrations' }]);
      expect(dataSource.options).toMatchObject({ schema, synchronize: false });
    } finally {
      await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await moduleRef.close();
    }
  });
});
