import type { NestExpressApplication } from '@nestjs/platform-express';
import { useGatewayKeepAlive, useJsonBodyParser } from '@seg/nest';

/** GraphQL takes JSON bodies only, and offer copy is short: a small limit refuses oversized bodies early. */
export function configureHttp(app: NestExpressApplication): NestExpressApplication {
  useGatewayKeepAlive(app);
  useJsonBodyParser(app, '100kb');
  return app;
}
