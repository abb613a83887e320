import { getOperationAST, Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

export class OperationNotFoundError extends Error {
  constructor(operationName: string | null | undefined) {
    super(operationName ? `no operation named '${operationName}' in the document` : 'the document has no single operation to run: name one with operationName');
    this.name = 'OperationNotFoundError';
  }
}

/** The operation a request runs: the one named, or the only one. */
export function selectedOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode {
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new OperationNotFoundError(operationName);
  return operation;
}

export function fragmentsOf(document: DocumentNode): ReadonlyMap<string, FragmentDefinitionNode> {
  return new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
}
