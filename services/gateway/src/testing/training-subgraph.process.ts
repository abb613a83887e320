// A test-only exception to the service boundary: the gateway's integration test needs the real subgraph, booted as its own tests do.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTrainingTestApp } from '../../../training/src/testing/training-test-app';
import { serveSubgraphTestApp } from './subgraph-process';

serveSubgraphTestApp(() => startTrainingTestApp());
