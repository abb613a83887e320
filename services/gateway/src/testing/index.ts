/**
 * `@seg/gateway/testing`: the part of the gateway that benchmarks and repository scripts may use (an in-process
 * gateway in front of subgraphs they booted, and tokens it accepts). Nothing outside the service reaches into its folders.
 */
export { signAccessToken } from '../auth/access-token';
export { loadGatewayConfig } from '../config/gateway.config';
export { startGatewayServer } from '../http/gateway-server';
