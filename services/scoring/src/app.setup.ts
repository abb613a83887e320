import type { NestExpressApplication } from '@nestjs/platform-express';

/** GraphQL takes JSON bodies only; the largest are the gateway's entity batches (hundreds of customer references). */
export function configureHttp(app: NestExpressApplication): NestExpressApplication {
  app.useBodyParser('json', { limit: '1mb' });
  return app;
}
