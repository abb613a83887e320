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

export interface QueryLimits {
  readonly maxDepth: number;
  readonly maxCost: number;
}

export interface QueryMeasure {
  /** Deepest field nesting: `{ a { b } }` is 2. */
  readonly depth: number;
  /** How many field values the operation can produce: each field once per parent item, lists counted by their page size. */
  readonly cost: number;
}

/** The arguments that bound a list's length on this graph (`customers(first:)`, `pcaPoints(limit:)`). */
const PAGE_SIZE_ARGUMENTS = ['first', 'limit'];

export type QueryLimitCode = 'QUERY_TOO_DEEP' | 'QUERY_TOO_COSTLY';

export class QueryLimitError extends Error {
  constructor(
    readonly code: QueryLimitCode,
    message: string,
  ) {
    super(message);
    this.name = 'QueryLimitError';
  }
}

function pageSize(node: FieldNode, field: GraphQLField<unknown, unknown> | undefined, variables: Readonly<Record<string, unknown>>): number {
  for (const name of PAGE_SIZE_ARGUMENTS) {
    const argument = node.arguments?.find((a) => a.name.value === name);
    const value = argument ? valueFromASTUntyped(argument.value, variables) : field?.args.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return 1;
}

/**
 * Depth and cost of one operation, fragments followed with their type conditions. Introspection fields are
 * left out: graphql-js's MaxIntrospectionDepthRule already bounds them, and a client's introspection query
 * nests deeper than any data query needs to.
 */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables: Readonly<Record<string, unknown>> = {},
): QueryMeasure {
  const operation = selectedOperation(document, operationName);
  const fragments = fragmentsOf(document);
  const effectiveVariables: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (effectiveVariables[name] === undefined && definition.defaultValue) effectiveVariables[name] = valueFromASTUntyped(definition.defaultValue);
  }

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined, depth: number, multiplier: number, spreads: ReadonlySet<string>): QueryMeasure => {
    let deepest = depth;
    let cost = 0;
    const add = (measure: QueryMeasure) => {
      deepest = Math.max(deepest, measure.depth);
      cost += measure.cost;
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        add({ depth: depth + 1, cost: multiplier });
        if (selection.selectionSet) {
          add(walk(selection.selectionSet, field && getNamedType(field.type), depth + 1, multiplier * pageSize(selection, field, effectiveVariables), spreads));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(walk(selection.selectionSet, selection.typeCondition ? schema.getType(selection.typeCondition.name.value) ?? undefined : parent, depth, multiplier, spreads));
      } else {
        const fragment = fragments.get(selection.name.value);
        // A cycle is a validation error reported elsewhere; here it only must not loop.
        if (!fragment || spreads.has(fragment.name.value)) continue;
        add(walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined, depth, multiplier, new Set([...spreads, fragment.name.value])));
      }
    }
    return { depth: deepest, cost };
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  return walk(operation.selectionSet, root, 0, 1, new Set());
}

/** Throws a QueryLimitError saying which limit the operation exceeds and by how much. */
export function assertWithinLimits(measure: QueryMeasure, limits: QueryLimits): void {
  if (measure.depth > limits.maxDepth) {
    throw new QueryLimitError('QUERY_TOO_DEEP', `Query is ${measure.depth} levels deep; the limit is ${limits.maxDepth}`);
  }
  if (measure.cost > limits.maxCost) {
    throw new QueryLimitError('QUERY_TOO_COSTLY', `Query costs ${measure.cost} (fields × page sizes of first/limit); the limit is ${limits.maxCost}`);
  }
}
