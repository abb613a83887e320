import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

/** One client per signed-in token: signing out drops the client, and its cache with it. */
export function createApolloClient(gatewayUrl: string, token: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: gatewayUrl, headers: { authorization: `Bearer ${token}` } }),
    cache: new InMemoryCache({
      typePolicies: {
        Offer: { keyFields: ['segmentId'] },
        // Features have no id: the map's hover asks for a few, the lookup for all; merge rather than replace.
        CustomerFeatures: { merge: true },
      },
    }),
  });
}
