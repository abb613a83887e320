import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './helm-cli';
import { ManifestValidationError, ofKind, parseManifests, readManifests, validateManifests } from './manifests';

const K8S_DIR = join(REPO_ROOT, 'k8s');
const files = readdirSync(K8S_DIR).filter((file) => file.endsWith('.yaml'));
const objects = files.flatMap((file) => readManifests(join(K8S_DIR, file)));

describe('k8s manifests', () => {
  it('should validate every object of every k8s/*.yaml file against the Kubernetes schemas', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(() => validateManifests(objects)).not.toThrow();
  });

  it('should reject, all at once, objects that break their Kubernetes schema or have none, naming each and the field', () => {
    const broken = parseManifests(
      `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec: { replicas: two, selector: { matchLabels: { app: web } }, template: { spec: { containers: [{ name: web, image: web:1 }] } } }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { ports: [{ port: 80 }] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: gadget }`,
      'broken.yaml',
    );
    let problems: readonly string[] = [];
    try {
      validateManifests(broken);
    } catch (error) {
      if (error instanceof ManifestValidationError) problems = error.problems;
    }
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^Deployment web: .*replicas/);
    expect(problems[1]).toBe('Widget gadget: no schema for example.com/v1/Widget');
  });

  it('should enforce the restricted Pod Security level on the namespace', () => {
    const [namespace] = ofKind(objects, 'Namespace');
    expect(namespace.metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  });

  it('should put every namespaced object in the segmentation namespace and deny ingress by default', () => {
    for (const object of objects.filter((o) => o.kind !== 'Namespace')) expect({ object: object.metadata.name, namespace: object.metadata.namespace }).toEqual({ object: object.metadata.name, namespace: 'segmentation' });
    expect(ofKind(objects, 'NetworkPolicy').find((policy) => JSON.stringify(policy.spec) === JSON.stringify({ podSelector: {}, policyTypes: ['Ingress'] }))).toBeDefined();
  });
});
