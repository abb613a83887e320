import type { NestExpressApplication } from '@nestjs/platform-express';
import { useGatewayKeepAlive, useJsonBodyParser } from '@seg/nest';

/** JSON bodies (GraphQL) only: a text/csv upload must reach its controller as an unread stream. */
export function configureHttp(app: NestExpressApplication): NestExpressApplication {
  useGatewayKeepAlive(app);
  useJsonBodyParser(app, '1mb');
  // Node ends a request not fully received within 5 minutes; a large CSV is received only as fast as it is
  // written, so the limit is lifted (headersTimeout still guards against clients that never send a request).
  app.getHttpServer().requestTimeout = 0;
  return app;
}
