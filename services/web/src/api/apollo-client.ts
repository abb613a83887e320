import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

/**
 * One client per signed-in person: signing out drops the client, and its cache with it. The token is read for
 * every request, so a token renewed in the background is used as soon as it arrives.
 */
export function createApolloClient(gatewayUrl: string, accessToken: () => string): ApolloClient {
  const authorization = new SetContextLink((context) => ({ headers: { ...context.headers, authorization: `Bearer ${accessToken()}` } }));
  return new ApolloClient({
    link: authorization.concat(new HttpLink({ uri: gatewayUrl })),
    cache: new InMemoryCache({
      typePolicies: {
        Offer: { keyFields: ['segmentId'] },
        // Features have no id: the map's hover asks for a few, the lookup for all; merge rather than replace.
        CustomerFeatures: { merge: true },
      },
    }),
  });
}
