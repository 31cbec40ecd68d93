/** Tempo as one process, receiving OTLP over HTTP from the service and keeping traces in /var/tempo (a tmpfs). */
import { OTLP_HTTP_PORT } from '@slipway/contract';

export const TEMPO_HTTP_PORT = 3200;

export function tempoConfig(): object {
  return {
    stream_over_http_enabled: true,
    server: { http_listen_port: TEMPO_HTTP_PORT, log_level: 'warn' },
    distributor: { receivers: { otlp: { protocols: { http: { endpoint: `0.0.0.0:${OTLP_HTTP_PORT}` } } } } },
    storage: {
      trace: { backend: 'local', local: { path: '/var/tempo/blocks' }, wal: { path: '/var/tempo/wal' } },
    },
    usage_report: { reporting_enabled: false },
  };
}
