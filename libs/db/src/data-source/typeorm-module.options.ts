import type { TypeOrmModuleAsyncOptions } from '@nestjs/typeorm';
import { buildDataSourceOptions, openDataSource, type DataSourceConfig } from './data-source.factory';

/**
 * `TypeOrmModule.forRootAsync(typeOrmModuleOptions(config))`: the same options and start-up order
 * (schema, then migrations) as `createDataSource`. Nest passes the options back to the factory with any
 * `autoLoadEntities` entities added.
 */
export function typeOrmModuleOptions(config: DataSourceConfig | (() => DataSourceConfig)): TypeOrmModuleAsyncOptions {
  return {
    useFactory: () => buildDataSourceOptions(typeof config === 'function' ? config() : config),
    dataSourceFactory: async (options) => {
      if (options === undefined) throw new Error('@nestjs/typeorm called dataSourceFactory without options');
      return openDataSource(options);
    },
  };
}
