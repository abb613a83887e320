import type { NestExpressApplication } from '@nestjs/platform-express';

/** GraphQL takes JSON bodies only, and offer copy is short: a small limit refuses oversized bodies early. */
export function configureHttp(app: NestExpressApplication): NestExpressApplication {
  app.useBodyParser('json', { limit: '100kb' });
  return app;
}
