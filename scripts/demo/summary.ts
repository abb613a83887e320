import { LOCAL_REALM } from '@seg/identity';

export interface DemoSummary {
  readonly segments: readonly { id: string; label: string; size: number; share: number; offer: { title: string } | null }[];
  readonly championModel: { version: string; mlflowRunUrl: string; metrics: Record<string, number> } | null;
}

/** How the person running the demo signs in: a local admin token, or the stack's Keycloak realm. */
export type SignInHint = { readonly mode: 'local'; readonly token: string } | { readonly mode: 'oidc'; readonly issuer: string };

interface Addresses {
  readonly webUrl: string;
  readonly gatewayUrl: string;
  readonly mlflowUrl: string;
  readonly signIn: SignInHint;
  readonly customers: number;
}

function signInLines(signIn: SignInHint): string[] {
  if (signIn.mode === 'local') {
    return [`Admin token      ${signIn.token}`, `                 (send it as "Authorization: Bearer <token>"; npm run token -- --role viewer|analyst|admin makes others)`];
  }
  const { users, password, machineClient } = LOCAL_REALM;
  return [
    `Sign-in          ${signIn.issuer} (Keycloak; admin console ${new URL(signIn.issuer).origin}/admin)`,
    `                 people: ${users.admin} (admin), ${users.analyst} (analyst), ${users.viewer} (viewer), password ${password}`,
    `Machine token    curl -s -d grant_type=client_credentials -d client_id=${machineClient.clientId} -d client_secret=${machineClient.clientSecret} \\`,
    `                   ${signIn.issuer}/protocol/openid-connect/token   (then "Authorization: Bearer <access_token>")`,
  ];
}

const METRICS: readonly [string, string][] = [
  ['silhouette', 'silhouette (−1…1, higher = better separated)'],
  ['daviesBouldin', 'Davies–Bouldin (lower = better)'],
  ['calinskiHarabasz', 'Calinski–Harabasz (higher = better)'],
];

/** The lines the demo ends with: what was built, and where to go next. */
export function summaryLines({ segments, championModel }: DemoSummary, addresses: Addresses): string[] {
  const lines = ['', `Segments of ${addresses.customers.toLocaleString('en')} customers (champion model v${championModel?.version ?? '?'}):`];
  const width = Math.max(...segments.map((s) => s.label.length));
  for (const s of [...segments].sort((a, b) => b.size - a.size)) {
    const share = `${(s.share * 100).toFixed(1)} %`.padStart(7);
    lines.push(`  ${s.label.padEnd(width)}  ${String(s.size).padStart(7)}  ${share}  offer: ${s.offer?.title ?? '(none)'}`);
  }
  if (championModel) {
    lines.push('', 'Model quality:');
    for (const [key, meaning] of METRICS) {
      const value = championModel.metrics[key];
      if (typeof value === 'number') lines.push(`  ${meaning.padEnd(46)} ${value.toFixed(3)}`);
    }
    lines.push(`  MLflow run: ${championModel.mlflowRunUrl}`);
  }
  lines.push(
    '',
    `Web client       ${addresses.webUrl} (${addresses.signIn.mode === 'local' ? 'sign in with the admin token below' : 'sign in at the provider below'})`,
    `GraphQL gateway  ${addresses.gatewayUrl}`,
    `MLflow           ${addresses.mlflowUrl}`,
    ...signInLines(addresses.signIn),
    '',
    'Stop everything with: npm run down',
  );
  return lines;
}

export function printSummary(summary: DemoSummary, addresses: Addresses): void {
  for (const line of summaryLines(summary, addresses)) console.log(line);
}
