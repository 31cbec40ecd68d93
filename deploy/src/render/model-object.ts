import { ApiObject, type ApiObjectProps } from 'cdk8s';
import type { Construct } from 'constructs';

/**
 * Adds a custom resource built with a kubernetes-models class (typed at compile time against the
 * CRD's schema) to a cdk8s chart.
 */
export function modelObject(scope: Construct, id: string, model: { toJSON(): unknown }): ApiObject {
  return new ApiObject(scope, id, model.toJSON() as ApiObjectProps);
}
