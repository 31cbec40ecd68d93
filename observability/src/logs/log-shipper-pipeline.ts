/**
 * How the service's JSON log lines become Loki streams: which fields are extracted, which become
 * labels (few values each, so Loki's index stays small) and which become structured metadata
 * (queryable per line, not indexed: request ids, trace ids, routes, status codes).
 * deploy/ renders it into the log shipper's config with `alloyLokiProcess()`.
 */
import pino from 'pino';

export interface LogField {
  /** Name of the label or metadata key in Loki. */
  name: string;
  /** Path of the field in the service's JSON line (JMESPath, as Alloy's stage.json reads it). */
  jsonPath: string;
  description: string;
}

export interface LogShipperPipeline {
  /** Indexed stream labels: bounded, low-cardinality values only. */
  labels: LogField[];
  /** Per-line key/values, searchable with `| key="value"` without being indexed. */
  structuredMetadata: LogField[];
  /** Pino's numeric levels and their names: the `level` label carries the name. */
  levelNames: Record<string, string>;
}

/** Labels added from Kubernetes discovery by the shipper (not from the line). */
export const KUBERNETES_LOG_LABELS = ['namespace', 'app', 'container'] as const;

export function logShipperPipeline(): LogShipperPipeline {
  return {
    labels: [{ name: 'level', jsonPath: 'level', description: 'Log level name (info, warn, error, …).' }],
    structuredMetadata: [
      {
        name: 'req_id',
        jsonPath: 'reqId',
        description: 'Request id, also in the x-request-id response header.',
      },
      { name: 'trace_id', jsonPath: 'trace_id', description: 'OpenTelemetry trace id (when tracing is on).' },
      {
        name: 'route',
        jsonPath: 'route',
        description: 'Route template of the request, e.g. /api/users/:id.',
      },
      { name: 'status', jsonPath: 'statusCode', description: 'HTTP status code of the response.' },
      { name: 'pod', jsonPath: '', description: 'Pod name, moved from the discovery labels (one per pod).' },
    ],
    levelNames: Object.fromEntries(Object.entries(pino.levels.labels).map(([value, name]) => [value, name])),
  };
}

/**
 * The pipeline as a Grafana Alloy `loki.process` block: parse the JSON, turn pino's numeric
 * level into its name, keep `level` as the only label from the line, move everything else (and
 * the per-pod `pod` label) to structured metadata.
 */
export function alloyLokiProcess(componentLabel: string, forwardTo: string): string {
  const pipeline = logShipperPipeline();
  const fromLine = [...pipeline.labels, ...pipeline.structuredMetadata].filter((f) => f.jsonPath !== '');
  const expressions = fromLine.map((f) => `${f.name} = "${f.jsonPath}"`).join(', ');
  const levelTemplate = Object.entries(pipeline.levelNames)
    .map(([value, name], index) => `${index === 0 ? '{{ if' : '{{ else if'} eq .Value "${value}" }}${name}`)
    .join('')
    .concat('{{ else }}{{ .Value }}{{ end }}');
  const asMap = (fields: LogField[]) => `{ ${fields.map((f) => `${f.name} = ""`).join(', ')} }`;
  return [
    `loki.process "${componentLabel}" {`,
    '  stage.json {',
    `    expressions = { ${expressions} }`,
    '  }',
    '  stage.template {',
    '    source   = "level"',
    `    template = \`${levelTemplate}\``,
    '  }',
    '  stage.labels {',
    `    values = ${asMap(pipeline.labels)}`,
    '  }',
    '  stage.structured_metadata {',
    `    values = ${asMap(pipeline.structuredMetadata)}`,
    '  }',
    '  stage.label_drop {',
    '    values = ["pod"]',
    '  }',
    `  forward_to = [${forwardTo}]`,
    '}',
  ].join('\n');
}
