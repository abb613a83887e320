import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/error-message';
import { PcaPointsDocument } from '../gql/graphql';
import { PcaPointStore } from './pca-point-store';

// Big pages: each is one HTTP round trip; 50,000 points are about 3.5 MB of JSON.
export const PCA_PAGE_SIZE = 50_000;
const PARALLEL_PAGES = 2;

export interface PcaPointsState {
  /** The load these points belong to (the reload counter). */
  readonly key: string;
  readonly store: PcaPointStore;
  /** Bumped after each page so the map redraws while the rest loads. */
  readonly version: number;
  readonly done: boolean;
  readonly error: string | null;
}

/** Pages through every point of the champion; bypasses Apollo's cache, which would normalise 100,000 objects. */
export function usePcaPoints(reloadKey: number): PcaPointsState {
  const client = useApolloClient();
  const key = String(reloadKey);
  const [state, setState] = useState<PcaPointsState>(() => ({ key, store: new PcaPointStore(), version: 0, done: false, error: null }));

  useEffect(() => {
    let cancelled = false;
    const store = new PcaPointStore();
    const fetchPage = (offset: number) =>
      client.query({ query: PcaPointsDocument, variables: { limit: PCA_PAGE_SIZE, offset }, fetchPolicy: 'no-cache' }).then(({ data }) => data?.pcaPoints ?? []);
    (async () => {
      // Pages are requested PARALLEL_PAGES at a time: the total is unknown up front, and one extra
      // empty page costs less than a round trip per page in sequence.
      for (let offset = 0, version = 1; ; offset += PARALLEL_PAGES * PCA_PAGE_SIZE) {
        const pages = await Promise.all(Array.from({ length: PARALLEL_PAGES }, (_, i) => fetchPage(offset + i * PCA_PAGE_SIZE)));
        if (cancelled) return;
        for (const page of pages) {
          store.append(page);
          const done = page.length < PCA_PAGE_SIZE;
          setState({ key, store, version: version++, done, error: null });
          if (done) return;
        }
      }
    })().catch((error: unknown) => {
      if (!cancelled) setState({ key, store, version: -1, done: true, error: errorMessage(error) });
    });
    return () => {
      cancelled = true;
    };
  }, [client, key]);

  // Until the first page of a reload arrives, keep showing the previous points, marked as loading.
  return state.key === key ? state : { ...state, done: false };
}
