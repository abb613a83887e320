import { tracingSettings } from './index';

describe(tracingSettings.name, () => {
  it('should stay off without an OTLP endpoint, so a service traces nothing by default', () => {
    expect(tracingSettings({})).toEqual({ enabled: false, reason: 'no OTEL_EXPORTER_OTLP_ENDPOINT set' });
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).enabled).toBe(false);
  });

  it('should turn on with an OTLP endpoint, the traces endpoint taking precedence', () => {
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({ enabled: true, reason: 'OTLP to http://collector:4318' });
    expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b:4318/v1/traces' }).reason).toBe('OTLP to http://b:4318/v1/traces');
  });

  it('should turn on for the console exporter alone, a look at the spans without a collector', () => {
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'console' })).toEqual({ enabled: true, reason: 'spans printed on stdout (OTEL_TRACES_EXPORTER=console)' });
  });

  it('should stay off when the SDK or the trace exporter is switched off, whatever the endpoint', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' }).enabled).toBe(false);
    expect(tracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'otlp, none' }).enabled).toBe(false);
    expect(tracingSettings({ OTEL_TRACES_EXPORTER: 'console', OTEL_SDK_DISABLED: 'true' }).enabled).toBe(false);
  });
});
