import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { useGatewayKeepAlive, useJsonBodyParser } from '@seg/nest';

/** GraphQL bodies are small: a tight JSON limit. */
export function configureHttp<T extends INestApplication>(app: T): T {
  useGatewayKeepAlive(app);
  useJsonBodyParser(app as unknown as NestExpressApplication, '1mb');
  return app;
}
