import { ApolloProvider, useQuery } from '@apollo/client/react';
import { hasRole, type Role } from '@seg/contracts/roles';
import type { UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createApolloClient } from './api/apollo-client';
import { errorMessage } from './api/error-message';
import type { Session } from './auth/access-token';
import { OidcSignIn } from './auth/oidc-sign-in';
import { restoreSession, saveSession } from './auth/session-storage';
import { SignIn } from './auth/sign-in';
import { useOidcSession } from './auth/use-oidc-session';
import { gatewaySegmentExporter, saveInBrowser } from './export/segment-export';
import type { AuthConfig, RuntimeConfig } from './config/runtime-config';
import { OverviewDocument } from './gql/graphql';
import { ModelHealthPanel } from './health/model-health-panel';
import { CustomerLookup } from './lookup/customer-lookup';
import { PcaMap, type MapHighlight } from './map/pca-map';
import { OfferEditor } from './offers/offer-editor';
import { OverviewPanel } from './overview/overview-panel';
import { PredictSection } from './predict/predict-section';
import { ReviewSection } from './review/run-review-panel';
import { TrainSection } from './train/train-section';
import { UploadPanel } from './upload/upload-panel';

/** Who is signed in, for people: the name to show and the role whose actions are offered (the gateway enforces it). */
interface SignedIn {
  readonly name: string;
  readonly role: Role;
}

interface SignedInProps {
  readonly user: SignedIn;
  readonly gatewayUrl: string;
  readonly accessToken: () => string;
  readonly onSignOut: () => void;
}

function Dashboard({ user, gatewayUrl, accessToken, onSignOut }: SignedInProps) {
  const exporter = useMemo(() => (hasRole(user.role, 'analyst') ? gatewaySegmentExporter(gatewayUrl, accessToken, saveInBrowser) : null), [gatewayUrl, accessToken, user.role]);
  const overview = useQuery(OverviewDocument, { fetchPolicy: 'cache-and-network' });
  const [highlight, setHighlight] = useState<MapHighlight | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const segments = useMemo(() => overview.data?.segments ?? [], [overview.data]);
  const segmentLabels = useMemo(() => new Map(segments.flatMap((s) => (s.label === null ? [] : [[s.id, s.label] as const]))), [segments]);
  const { refetch } = overview;
  const refresh = useCallback(() => {
    void refetch();
    setReloadKey((k) => k + 1);
  }, [refetch]);

  return (
    <>
      <header className="top">
        <h1>Customer segments</h1>
        <p>Signed in as {user.name} ({user.role}) <button type="button" onClick={onSignOut}>Sign out</button></p>
      </header>
      <main>
        <OverviewPanel data={overview.data} loading={overview.loading} error={overview.error ? errorMessage(overview.error) : null} canTrain={hasRole(user.role, 'admin')} exporter={exporter} />
        {/* Mounted while the overview loads, so the points are fetched in parallel with it. */}
        {overview.data?.championModel !== null && <PcaMap segments={segments} highlight={highlight} reloadKey={reloadKey} />}
        {hasRole(user.role, 'analyst') && segments.length > 0 && <PredictSection segments={segments} onHighlight={setHighlight} />}
        {hasRole(user.role, 'admin') && <TrainSection onFinished={refresh} />}
        {hasRole(user.role, 'analyst') && <ReviewSection canDecide={hasRole(user.role, 'admin')} reloadKey={reloadKey} onDecided={refresh} />}
        {hasRole(user.role, 'analyst') && <ModelHealthPanel />}
        {hasRole(user.role, 'admin') && <OfferEditor segmentLabels={segmentLabels} />}
        {hasRole(user.role, 'admin') && <UploadPanel gatewayUrl={gatewayUrl} accessToken={accessToken} />}
        <CustomerLookup />
      </main>
    </>
  );
}

function SignedInApp(props: SignedInProps) {
  const { gatewayUrl, accessToken } = props;
  const client = useMemo(() => createApolloClient(gatewayUrl, accessToken), [gatewayUrl, accessToken]);
  return (
    <ApolloProvider client={client}>
      <Dashboard {...props} />
    </ApolloProvider>
  );
}

/** AUTH_MODE=local: a pasted token of `npm run token`, kept for the tab's life. */
function LocalApp({ gatewayUrl }: { readonly gatewayUrl: string }) {
  const [session, setSession] = useState<Session | null>(() => restoreSession(sessionStorage, Date.now() / 1000));
  const change = (next: Session | null) => {
    saveSession(sessionStorage, next);
    setSession(next);
  };
  const token = session?.token;
  const accessToken = useCallback(() => token ?? '', [token]);
  if (!session) return <SignIn onSignIn={change} />;
  return <SignedInApp gatewayUrl={gatewayUrl} user={{ name: session.subject, role: session.role }} accessToken={accessToken} onSignOut={() => change(null)} />;
}

/** AUTH_MODE=oidc: the organisation's provider signs people in; the gateway says who they are and what they may do. */
function OidcApp({ gatewayUrl, auth }: { readonly gatewayUrl: string; readonly auth: Extract<AuthConfig, { mode: 'oidc' }> }) {
  const [manager, setManager] = useState<UserManager | null>(null);
  useEffect(() => {
    // oidc-client-ts is loaded only where it is used: local sign-in pays nothing for it.
    void import('./auth/oidc-client').then(({ createUserManager }) => setManager(createUserManager(auth, window.location.href)));
  }, [auth]);
  return manager === null ? <p className="hint">Signing in…</p> : <OidcSessionApp gatewayUrl={gatewayUrl} auth={auth} manager={manager} />;
}

function OidcSessionApp({ gatewayUrl, auth, manager }: { readonly gatewayUrl: string; readonly auth: Extract<AuthConfig, { mode: 'oidc' }>; readonly manager: UserManager }) {
  const { session, accessToken, signIn, signOut } = useOidcSession(manager, gatewayUrl);
  if (session.status === 'loading') return <p className="hint">Signing in…</p>;
  if (session.status === 'signed-out') return <OidcSignIn provider={auth.authority} message={session.message} onSignIn={signIn} />;
  if (session.status === 'refused') {
    return (
      <main className="sign-in">
        <h1>Customer segments</h1>
        <section className="panel">
          <p role="alert" className="error">
            {session.message}
          </p>
          <p>Ask your administrator for access, or sign in with another account.</p>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </section>
      </main>
    );
  }
  return <SignedInApp gatewayUrl={gatewayUrl} user={session.caller} accessToken={accessToken} onSignOut={signOut} />;
}

export function App({ config }: { readonly config: RuntimeConfig }) {
  return config.auth.mode === 'oidc' ? <OidcApp gatewayUrl={config.gatewayUrl} auth={config.auth} /> : <LocalApp gatewayUrl={config.gatewayUrl} />;
}
