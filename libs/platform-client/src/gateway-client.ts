/** A minimal GraphQL client for the gateway: the demo and the e2e tests speak to the platform as a user does. */
export class GraphqlRequestError extends Error {
  constructor(
    message: string,
    readonly codes: readonly string[],
  ) {
    super(message);
    this.name = 'GraphqlRequestError';
  }
}

export interface GraphqlResponse<T> {
  readonly status: number;
  readonly data: T | null;
  readonly errors: readonly { message: string; extensions?: { code?: string; field?: string } }[];
}

/** A fixed token, or a source asked before every request (an identity provider's tokens expire within minutes). */
export type BearerToken = string | (() => Promise<string>);

export class GatewayClient {
  constructor(
    readonly url: string,
    private readonly token?: BearerToken,
  ) {}

  withToken(token: BearerToken | undefined): GatewayClient {
    return new GatewayClient(this.url, token);
  }

  /** The raw answer, errors included, for callers that check refusals. */
  async send<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlResponse<T>> {
    const token = typeof this.token === 'function' ? await this.token() : this.token;
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json().catch(() => ({}))) as { data?: T | null; errors?: GraphqlResponse<T>['errors'] };
    return { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
  }

  /** The data, or an error carrying every GraphQL error message and code. */
  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { status, data, errors } = await this.send<T>(query, variables);
    if (errors.length > 0 || data === null) {
      const message = errors.map((e) => e.message).join('; ') || `HTTP ${status} without data`;
      throw new GraphqlRequestError(message, errors.map((e) => e.extensions?.code ?? 'UNKNOWN'));
    }
    return data;
  }
}
