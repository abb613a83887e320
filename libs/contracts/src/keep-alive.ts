/**
 * Idle keep-alive connections between the gateway and the subgraphs: the gateway must always close them first.
 * Node's HTTP server closes a connection idle for 5 s; a gateway that sends a request on it as the subgraph closes
 * it (either process's event loop a second or two late under load) gets "socket hang up". With these values the
 * gateway drops an idle connection after 15 s, 50 s before a subgraph would.
 */
export const SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** How long the gateway keeps an idle connection to a subgraph: well under SUBGRAPH_KEEP_ALIVE_TIMEOUT_MS. */
export const GATEWAY_SUBGRAPH_IDLE_TIMEOUT_MS = 15_000;
