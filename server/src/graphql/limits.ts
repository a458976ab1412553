/**
 * Depth and cost limits, checked during validation so an abusive query is refused before
 * it touches the database.
 */
import { GraphQLError, type ValidationContext, type ASTVisitor, Kind, type SelectionSetNode, type FragmentDefinitionNode } from 'graphql';
import { getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { ApolloServerPlugin } from '@apollo/server';

export const maxDepth = 10;
export const maxCost = 5000;

export function depthLimitRule(limit = maxDepth) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let deepest = 0;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, selection.selectionSet ? 1 + depthOf(selection.selectionSet, seen) : 1);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(selection.selectionSet, seen));
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !seen.has(name)) deepest = Math.max(deepest, depthOf(fragment.selectionSet, new Set([...seen, name])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > limit) context.reportError(new GraphQLError(`Query depth ${depth} exceeds the limit of ${limit}`, { nodes: [node] }));
      },
    };
  };
}

/** Refuses a query whose estimated cost (1 per field) exceeds the limit. */
export function costLimitPlugin(limit = maxCost): ApolloServerPlugin {
  // Apollo caches parsed documents, so a client's repeated query is costed once per
  // operation. Only @skip/@include make the cost depend on variables: those are costed
  // every time.
  const costs = new WeakMap<object, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const operation = request.operationName ?? '';
          let byOperation = costs.get(document);
          if (!byOperation) costs.set(document, (byOperation = new Map()));
          const cost = byOperation.get(operation) ?? getComplexity({
            schema,
            query: document,
            operationName: request.operationName,
            variables: request.variables ?? {},
            estimators: [simpleEstimator({ defaultComplexity: 1 })],
          });
          if (!/@(skip|include)\b/.test(request.query ?? '')) byOperation.set(operation, cost);
          if (cost > limit) {
            throw new GraphQLError(`Query cost ${cost} exceeds the limit of ${limit}`, { extensions: { code: 'BAD_USER_INPUT' } });
          }
        },
      };
    },
  };
}
