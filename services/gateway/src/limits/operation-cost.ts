import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { fragmentsOf, selectedOperation } from '../operation/selected-operation';
import { QueryLimitError } from './query-limit.error';

/** The arguments that bound a list's length on this graph (`customers(first:)`, `pcaPoints(limit:)`). */
const PAGE_SIZE_ARGUMENTS = ['first', 'limit'];

function pageSize(node: FieldNode, field: GraphQLField<unknown, unknown> | undefined, variables: Readonly<Record<string, unknown>>): number {
  for (const name of PAGE_SIZE_ARGUMENTS) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    const value = argument ? valueFromASTUntyped(argument.value, variables) : field?.args.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return 1;
}

/**
 * How many field values the operation can produce: each field once per parent item, lists counted by their page
 * size (argument, variable, or default). Introspection fields are left out: graphql-js's MaxIntrospectionDepthRule
 * already bounds them. A fragment's cost per parent item is computed once, so a fragment spread at many places
 * (or spreading another twice, and so on) costs one walk, however large the number it comes to.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, variables: Readonly<Record<string, unknown>> = {}): number {
  const operation = selectedOperation(document, operationName);
  const fragments = fragmentsOf(document);
  const effectiveVariables: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (effectiveVariables[name] === undefined && definition.defaultValue) effectiveVariables[name] = valueFromASTUntyped(definition.defaultValue);
  }
  const fragmentCosts = new Map<string, number>();
  const expanding = new Set<string>();

  /** The cost of a selection set for one parent item: cost is linear in the number of parent items. */
  const unitCost = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        cost += 1;
        if (selection.selectionSet) cost += pageSize(selection, field, effectiveVariables) * unitCost(selection.selectionSet, field && getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        cost += unitCost(selection.selectionSet, selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? undefined) : parent);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is a validation error reported elsewhere; here it only must not loop.
        if (!fragment || expanding.has(name)) continue;
        let fragmentCost = fragmentCosts.get(name);
        if (fragmentCost === undefined) {
          expanding.add(name);
          fragmentCost = unitCost(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
          expanding.delete(name);
          fragmentCosts.set(name, fragmentCost);
        }
        cost += fragmentCost;
      }
    }
    return cost;
  };

  return unitCost(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
}

/** Throws QUERY_TOO_COSTLY saying by how much the operation is over the limit. */
export function assertWithinCost(cost: number, maxCost: number): void {
  if (cost > maxCost) throw new QueryLimitError('QUERY_TOO_COSTLY', `Query costs ${cost} (fields × page sizes of first/limit); the limit is ${maxCost}`);
}
