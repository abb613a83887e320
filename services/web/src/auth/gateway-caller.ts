import { ROLES, type Role } from '@seg/contracts/roles';
import { besideGateway } from '../api/gateway-url';

/** The signed-in person as the gateway sees them: it verified the token and mapped the role. */
export interface Caller {
  readonly sub: string;
  readonly name: string;
  readonly role: Role;
}

/** The gateway refused the token (401), or the person has none of the platform's roles (403); the message says why. */
export class CallerRefusedError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The gateway's `GET /me` beside its GraphQL endpoint (…/graphql → …/me). */
export function callerUrl(gatewayUrl: string): string {
  return besideGateway(gatewayUrl, 'me').toString();
}

/** Asks the gateway who the token's holder is; the web client hides what that role cannot do (the gateway enforces it). */
export async function fetchCaller(gatewayUrl: string, accessToken: string, fetchImpl: typeof fetch = fetch): Promise<Caller> {
  const response = await fetchImpl(callerUrl(gatewayUrl), { headers: { authorization: `Bearer ${accessToken}` } });
  const body = (await response.json().catch(() => null)) as (Partial<Caller> & { errors?: { message?: string }[] }) | null;
  if (!response.ok) throw new CallerRefusedError(response.status, body?.errors?.[0]?.message ?? `The gateway answered HTTP ${response.status}.`);
  if (!body || typeof body.sub !== 'string' || typeof body.name !== 'string' || !(ROLES as readonly string[]).includes(body.role as string)) {
    throw new CallerRefusedError(response.status, 'The gateway did not say who you are.');
  }
  return { sub: body.sub, name: body.name, role: body.role as Role };
}
