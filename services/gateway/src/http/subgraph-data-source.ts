import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_SECRET_HEADER } from '@seg/nest';
import { REQUEST_ID_HEADER } from './request-log';
import type { GatewayContext } from './gateway-context';

export const USER_ID_HEADER = 'x-user-id';
export const USER_ROLE_HEADER = 'x-user-role';

/**
 * A subgraph call: the shared secret always (health checks and dev introspection included), and for an
 * operation the request id and the verified caller. Client headers are never copied, so a caller cannot
 * pose as another user.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly subgraphSecret: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.set(GATEWAY_SECRET_HEADER, this.subgraphSecret);
    const { requestId, user } = context as Partial<GatewayContext>;
    if (requestId) headers.set(REQUEST_ID_HEADER, requestId);
    if (user) {
      headers.set(USER_ID_HEADER, user.sub);
      headers.set(USER_ROLE_HEADER, user.role);
    }
  }
}
