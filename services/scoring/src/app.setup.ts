import type { NestExpressApplication } from '@nestjs/platform-express';
import { useJsonBodyParser } from '@seg/nest';

/** GraphQL takes JSON bodies only; the largest are the gateway's entity batches (hundreds of customer references). */
export function configureHttp(app: NestExpressApplication): NestExpressApplication {
  useJsonBodyParser(app, '1mb');
  return app;
}
