import type { NestExpressApplication } from '@nestjs/platform-express';
import { useGatewayKeepAlive, useJsonBodyParser } from '@seg/nest';

/** GraphQL takes JSON bodies only; the largest are the gateway's entity batches (hundreds of customer references). */
export function configureHttp(app: NestExpressApplication): NestExpressApplication {
  useGatewayKeepAlive(app);
  useJsonBodyParser(app, '1mb');
  return app;
}
