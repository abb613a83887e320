import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { MapCustomerDocument, type MapCustomerQuery } from '../gql/graphql';

/** Long enough that sweeping the pointer across the map asks for nothing, short enough to feel immediate. */
export const HOVER_FETCH_DELAY_MS = 150;

export type HoveredFeatures = NonNullable<MapCustomerQuery['customer']>['features'];

/**
 * The key features of the customer under the pointer, fetched once it rests there; null until they are
 * in or when none is hovered. Apollo's cache answers a customer hovered before without a request.
 */
export function useHoveredCustomer(customerId: string | null): HoveredFeatures | null {
  const [settledId, setSettledId] = useState<string | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettledId(customerId), customerId === null ? 0 : HOVER_FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [customerId]);
  const { data } = useQuery(MapCustomerDocument, settledId === null ? skipToken : { variables: { id: settledId }, fetchPolicy: 'cache-first' });
  // The data can still be the previous customer's while the next one loads.
  return customerId !== null && data?.customer?.id === customerId ? data.customer.features : null;
}
