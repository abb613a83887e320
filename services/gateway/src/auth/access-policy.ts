import { hasRole, type Role } from '@seg/contracts';
import { Kind, type DocumentNode, type OperationTypeNode, type SelectionSetNode } from 'graphql';
import { fragmentsOf, selectedOperation } from '../operation/selected-operation';

/**
 * Who may select which root field: the one table of the gateway's authorisation. A root type's `default`
 * covers its fields not listed; reads are for every viewer, model calls that cost CPU and the model's health for
 * analysts, and every write (trainModel, promoteModel, rejectModel, …) for admins. The model audit is for analysts:
 * it names employees (who trained, promoted, rejected), which a viewer's dashboard does not need, and analysts review
 * challengers with its history. Segment member lists are for analysts too: they list customer ids, as the export does.
 * A nested field cannot be restricted here, so the audit has no path but `modelAudit`.
 * Introspection (`__schema`, `__type`, `__typename`) falls under the Query default.
 */
export const ACCESS_POLICY: Record<OperationTypeNode, { readonly default: Role; readonly fields: Readonly<Record<string, Role>> }> = {
  query: { default: 'viewer', fields: { predictSegment: 'analyst', similarCustomer: 'analyst', modelHealth: 'analyst', modelAudit: 'analyst', segmentMembers: 'analyst' } },
  mutation: { default: 'admin', fields: {} },
  subscription: { default: 'admin', fields: {} },
};

export interface RootFieldAccess {
  /** e.g. `Mutation.updateOffer` */
  readonly field: string;
  readonly role: Role;
}

const ROOT_TYPE_NAMES: Record<OperationTypeNode, string> = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

/** The root fields the selected operation reads, under their real names (not aliases), fragments included. */
export function rootFieldAccess(document: DocumentNode, operationName?: string | null): RootFieldAccess[] {
  const operation = selectedOperation(document, operationName);
  const policy = ACCESS_POLICY[operation.operation];
  const fragments = fragmentsOf(document);
  const names = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) names.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        // Validation rejects fragment cycles later; the guard keeps this walk finite before that.
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...names].map((name) => ({ field: `${ROOT_TYPE_NAMES[operation.operation]}.${name}`, role: policy.fields[name] ?? policy.default }));
}

/** The first root field the role may not select, or undefined when it may run the whole operation. */
export function firstForbiddenField(role: Role, access: readonly RootFieldAccess[]): RootFieldAccess | undefined {
  return access.find((entry) => !hasRole(role, entry.role));
}
