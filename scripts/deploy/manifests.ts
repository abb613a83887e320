import { readFileSync } from 'node:fs';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { CronJob, Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, LimitRange, Namespace, PersistentVolumeClaim, Pod, ResourceQuota, Secret, Service, ServiceAccount } from 'kubernetes-models/v1';
import { PrometheusRule, ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { parseAllDocuments } from 'yaml';
import type { ChartWorkspace } from './helm-cli';

/** The parts of a Kubernetes object the rules look at; kubernetes-models validates the rest. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  [key: string]: unknown;
}

type Model = new (data: never) => { validate(): void };

// Every kind the charts and k8s/ produce; an unlisted kind fails validation rather than passing unchecked.
const MODELS: Record<string, Model> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/CronJob': CronJob,
  'batch/v1/Job': Job,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/LimitRange': LimitRange,
  'v1/Namespace': Namespace,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Pod': Pod,
  'v1/ResourceQuota': ResourceQuota,
  'v1/Secret': Secret,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  // Prometheus Operator's CRDs (metrics.serviceMonitor, metrics.prometheusRule).
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
};

export class ManifestValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid Kubernetes objects:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestValidationError';
  }
}

/** Every non-empty YAML document of a multi-document stream (helm output or a manifest file). */
export function parseManifests(text: string, source: string): K8sObject[] {
  return parseAllDocuments(text).flatMap((document, index) => {
    if (document.errors.length > 0) throw new ManifestValidationError([`${source} document ${index}: ${document.errors[0].message}`]);
    const object = document.toJS() as K8sObject | null;
    return object === null ? [] : [object];
  });
}

export function readManifests(path: string): K8sObject[] {
  return parseManifests(readFileSync(path, 'utf8'), path);
}

/** Validates every object against the Kubernetes OpenAPI schemas of kubernetes-models; throws with all problems at once. */
export function validateManifests(objects: readonly K8sObject[]): void {
  const problems: string[] = [];
  for (const object of objects) {
    const key = `${object.apiVersion}/${object.kind}`;
    const label = `${object.kind} ${object.metadata?.name ?? '<no name>'}`;
    const model = MODELS[key];
    if (!model) {
      problems.push(`${label}: no schema for ${key}`);
      continue;
    }
    try {
      new model(object as never).validate();
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  if (problems.length > 0) throw new ManifestValidationError(problems);
}

export function ofKind(objects: readonly K8sObject[], kind: string): K8sObject[] {
  return objects.filter((object) => object.kind === kind);
}

export function named(objects: readonly K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((object) => object.kind === kind && object.metadata.name === name);
  if (!found) throw new Error(`no ${kind} named ${name} among ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: unknown } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  securityContext?: Record<string, unknown> & { capabilities?: { drop?: string[] } };
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: Record<string, unknown>;
}

export interface Probe {
  httpGet?: { path: string; port: string | number };
  tcpSocket?: { port: string | number };
  exec?: unknown;
  periodSeconds?: number;
  timeoutSeconds?: number;
  failureThreshold?: number;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  securityContext?: Record<string, unknown>;
}

/** The pod spec of any workload kind, or undefined for objects that run nothing. */
export function podSpecOf(object: K8sObject): PodSpec | undefined {
  type Template = { spec: PodSpec };
  const spec = object.spec as { template?: Template; jobTemplate?: { spec: { template: Template } } } | undefined;
  switch (object.kind) {
    case 'Pod':
      return object.spec as unknown as PodSpec;
    case 'Deployment':
    case 'StatefulSet':
    case 'Job':
      return spec?.template?.spec;
    case 'CronJob':
      return spec?.jobTemplate?.spec.template.spec;
    default:
      return undefined;
  }
}

/** Every `ci/` scenario of a chart rendered once and parsed, by values file, for a chart's spec to share. */
export class RenderedScenarios {
  readonly byFile = new Map<string, K8sObject[]>();

  constructor(
    workspace: ChartWorkspace,
    private readonly chart: string,
    release: string,
  ) {
    for (const file of workspace.scenarios(chart)) this.byFile.set(file, parseManifests(workspace.template(chart, { valuesFile: file, release }), file));
  }

  /** The objects of `ci/<name>-values.yaml`; a missing scenario is an error that names the file. */
  scenario(name: string): K8sObject[] {
    const objects = this.byFile.get(`${name}-values.yaml`);
    if (!objects) throw new Error(`helm/${this.chart}/ci/${name}-values.yaml is missing`);
    return objects;
  }
}
