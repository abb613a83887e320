// A test-only exception to the service boundary: the gateway's integration test needs the real subgraph, booted as its own tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startOffersTestApp } from '../../../offers/src/testing/offers-test-app';
import { serveSubgraphTestApp } from './subgraph-process';

serveSubgraphTestApp(() => startOffersTestApp());
