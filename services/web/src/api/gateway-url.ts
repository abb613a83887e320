/**
 * An address beside the gateway's GraphQL endpoint (…/graphql → …/<path>), a path prefix kept. The endpoint may be
 * relative to the page (`/graphql`, as the Helm chart and the web image configure it): it is resolved against the page.
 */
export function besideGateway(gatewayUrl: string, path: string, page: string | undefined = globalThis.location?.href): URL {
  return new URL(path, new URL(gatewayUrl, page));
}
