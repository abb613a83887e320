// Applies one service's pending migrations and exits: the pre-install/pre-upgrade hook Job of the Helm
// chart. The same migrations run at service start under the same advisory lock, so running both is safe.
// usage (in the image): SERVICE=<service> node /app/migrate.cjs
'use strict';
const { createDataSource, dbConfigFromEnv } = require('@seg/db');

async function main() {
  const service = process.env.SERVICE;
  if (!service || !/^[a-z]+$/.test(service)) throw new Error(`SERVICE must name the service whose migrations to run, got ${JSON.stringify(service)}`);
  const migrations = Object.values(require(`./services/${service}/src/migrations`)).find(Array.isArray);
  if (!migrations) throw new Error(`services/${service}/src/migrations exports no list of migrations`);
  const schema = process.env[`${service.toUpperCase()}_DB_SCHEMA`] || service;
  const dataSource = await createDataSource({ ...dbConfigFromEnv(), schema, migrations });
  await dataSource.destroy();
  console.log(`${service}: migrations of schema ${schema} are up to date (${migrations.length} known)`);
}

main().catch((error) => {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
