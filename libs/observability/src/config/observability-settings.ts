import { int, oneOf } from '@seg/config';
import { LOG_LEVELS } from '../logging/logger';

/** `LOG_LEVEL`, the same variable in every service. */
export const logLevelSetting = oneOf(LOG_LEVELS, {
  description: 'Lowest level written to the logs (JSON lines on stdout, pretty-printed on a terminal): fatal, error, warn, info, debug, trace or silent',
  default: 'info',
});

/** `<SERVICE>_METRICS_PORT`: each service its own default, so a local platform's services do not collide. */
export function metricsPortSetting(defaultPort: number) {
  return int({
    description: 'Port of GET /metrics (Prometheus), apart from the API so neither the gateway nor the Ingress routes to it; 0: a free port chosen at start',
    default: defaultPort,
    min: 0,
    max: 65_535,
  });
}
