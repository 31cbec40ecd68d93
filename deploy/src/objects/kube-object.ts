/**
 * The one way this workspace builds a Kubernetes object: an instance of a kubernetes-models class
 * (`kubernetes-models` for the built-in kinds, `@kubernetes-models/*` for custom resources), typed
 * at compile time against the Kubernetes or CRD schema and validated here against the same schema
 * before it joins a cdk8s chart. cdk8s then synthesizes it with sorted keys and without empty
 * fields.
 */
import { ApiObject, type ApiObjectProps } from 'cdk8s';
import type { Construct } from 'constructs';

/** A synthesized object, as the renderer writes it and the checks read it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
};

/** What every kubernetes-models class instance offers. */
export interface KubernetesModel {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string };
  validate(): void;
  toJSON(): unknown;
}

/**
 * Adds `model` to the chart `scope`. Every object names itself (no generated names, so the
 * rendered files and ArgoCD's view stay stable), and an object its schema rejects stops the
 * render with the object's name and the schema's complaint.
 */
export function addObject(scope: Construct, model: KubernetesModel): ApiObject {
  const { kind, metadata } = model;
  if (!metadata?.name) throw new Error(`a ${kind} without metadata.name: give every object a fixed name`);
  const where = `${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${metadata.name}`;
  try {
    model.validate();
  } catch (error) {
    throw new Error(`${where} does not match its schema: ${(error as Error).message}`);
  }
  const id = [kind, metadata.namespace, metadata.name].filter(Boolean).join('-');
  return new ApiObject(scope, id, model.toJSON() as ApiObjectProps);
}
