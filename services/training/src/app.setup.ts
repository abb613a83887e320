import type { INestApplication } from '@nestjs/common';

/** GraphQL bodies are small: a tight JSON limit. */
export function configureHttp<T extends INestApplication>(app: T): T {
  (app as unknown as { useBodyParser(type: string, options: object): void }).useBodyParser('json', { limit: '1mb' });
  return app;
}
