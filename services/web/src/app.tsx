import { ApolloProvider, useQuery } from '@apollo/client/react';
import { useCallback, useMemo, useState } from 'react';
import { createApolloClient } from './api/apollo-client';
import { errorMessage } from './api/error-message';
import { hasRole, type Session } from './auth/access-token';
import { restoreSession, saveSession } from './auth/session-storage';
import { SignIn } from './auth/sign-in';
import { OverviewDocument } from './gql/graphql';
import { ModelHealthPanel } from './health/model-health-panel';
import { CustomerLookup } from './lookup/customer-lookup';
import { PcaMap, type MapHighlight } from './map/pca-map';
import { OverviewPanel } from './overview/overview-panel';
import { PredictSection } from './predict/predict-section';
import { ReviewSection } from './review/run-review-panel';
import { TrainSection } from './train/train-section';

function Dashboard({ session, onSignOut }: { readonly session: Session; readonly onSignOut: () => void }) {
  const overview = useQuery(OverviewDocument, { fetchPolicy: 'cache-and-network' });
  const [highlight, setHighlight] = useState<MapHighlight | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const segments = useMemo(() => overview.data?.segments ?? [], [overview.data]);
  const { refetch } = overview;
  const refresh = useCallback(() => {
    void refetch();
    setReloadKey((k) => k + 1);
  }, [refetch]);

  return (
    <>
      <header className="top">
        <h1>Customer segments</h1>
        <p>Signed in as {session.subject} ({session.role}) <button type="button" onClick={onSignOut}>Sign out</button></p>
      </header>
      <main>
        <OverviewPanel data={overview.data} loading={overview.loading} error={overview.error ? errorMessage(overview.error) : null} canTrain={hasRole(session.role, 'admin')} />
        {/* Mounted while the overview loads, so the points are fetched in parallel with it. */}
        {overview.data?.championModel !== null && <PcaMap segments={segments} highlight={highlight} reloadKey={reloadKey} />}
        {hasRole(session.role, 'analyst') && segments.length > 0 && <PredictSection segments={segments} onHighlight={setHighlight} />}
        {hasRole(session.role, 'admin') && <TrainSection onFinished={refresh} />}
        {hasRole(session.role, 'analyst') && <ReviewSection canDecide={hasRole(session.role, 'admin')} reloadKey={reloadKey} onDecided={refresh} />}
        {hasRole(session.role, 'analyst') && <ModelHealthPanel />}
        <CustomerLookup />
      </main>
    </>
  );
}

export function App({ gatewayUrl }: { readonly gatewayUrl: string }) {
  const [session, setSession] = useState<Session | null>(() => restoreSession(sessionStorage, Date.now() / 1000));
  const client = useMemo(() => (session ? createApolloClient(gatewayUrl, session.token) : null), [gatewayUrl, session]);
  const change = (next: Session | null) => {
    saveSession(sessionStorage, next);
    setSession(next);
  };
  if (!session || !client) return <SignIn onSignIn={change} />;
  return (
    <ApolloProvider client={client}>
      <Dashboard session={session} onSignOut={() => change(null)} />
    </ApolloProvider>
  );
}
