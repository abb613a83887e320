import { formatGatewayError } from './gateway.plugin';

describe('formatGatewayError', () => {
  it('should pass a subgraph BAD_USER_INPUT through with its field and without its stack trace', () => {
    const formatted = formatGatewayError({
      message: 'unknown segment id cluster-2',
      path: ['offer'],
      extensions: { code: 'BAD_USER_INPUT', field: 'segmentId', serviceName: 'offers', stacktrace: ['Error: at offers.service.ts:12'] },
    });

    expect(formatted).toEqual({ message: 'unknown segment id cluster-2', path: ['offer'], extensions: { code: 'BAD_USER_INPUT', field: 'segmentId', serviceName: 'offers' } });
  });

  it('should mask the message and drop the subgraph response when the error is a server fault', () => {
    const formatted = formatGatewayError({
      message: 'relation "offers.offer" does not exist',
      extensions: { code: 'INTERNAL_SERVER_ERROR', response: { url: 'http://10.0.0.7:4004/graphql' }, exception: { stacktrace: [] } },
    });

    expect(formatted).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('should treat an error without a code as a server fault', () => {
    expect(formatGatewayError({ message: 'boom' })).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
