/** @jest-environment jsdom */
import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MapCustomerDocument } from '../gql/graphql';
import { HOVER_FETCH_DELAY_MS, useHoveredCustomer } from './use-hovered-customer';

const features = (balance: number) => ({ __typename: 'CustomerFeatures' as const, balance, purchases: 95.4, cashAdvance: 0, creditLimit: null });

function customerMock(id: string, balance: number, asked: string[]): MockLink.MockedResponse {
  return {
    request: { query: MapCustomerDocument, variables: { id } },
    result: () => {
      asked.push(id);
      return { data: { customer: { __typename: 'Customer', id, features: features(balance) } } };
    },
  };
}

describe(useHoveredCustomer.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should fetch only the customer the pointer rests on, after the delay, and answer from the cache when it comes back', async () => {
    const asked: string[] = [];
    const wrapper = ({ children }: { children: ReactNode }) => (
      <MockedProvider mocks={[customerMock('C10001', 40.9, asked), customerMock('C10002', 3202.5, asked)]}>{children}</MockedProvider>
    );
    const { result, rerender } = renderHook(({ id }: { id: string | null }) => useHoveredCustomer(id), { wrapper, initialProps: { id: 'C10002' as string | null } });
    // Swept past C10002 before the delay: it is never asked for.
    rerender({ id: 'C10001' });
    expect(result.current).toBeNull();
    await act(async () => jest.advanceTimersByTimeAsync(HOVER_FETCH_DELAY_MS));
    await act(async () => jest.runOnlyPendingTimersAsync());
    expect(result.current).toEqual(features(40.9));
    expect(asked).toEqual(['C10001']);

    rerender({ id: null });
    expect(result.current).toBeNull();
    rerender({ id: 'C10001' });
    await act(async () => jest.advanceTimersByTimeAsync(HOVER_FETCH_DELAY_MS));
    expect(result.current).toEqual(features(40.9));
    expect(asked).toEqual(['C10001']);
  });
});
