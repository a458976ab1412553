/**
 * Reading the contract's `extensions.code` out of whatever shape an error reaches us in:
 * an ApolloError, ra-data-graphql's HttpError wrapping one (in `body`), or a network
 * error whose JSON body carries GraphQL errors (a non-200 answer).
 */
interface GraphQLErrorLike {
  message?: string;
  extensions?: { code?: unknown; fields?: unknown; reason?: unknown };
}

// `unknown` in, narrowed step by step: errors from three libraries arrive here.
const asErrors = (value: unknown): GraphQLErrorLike[] =>
  Array.isArray(value) ? (value as GraphQLErrorLike[]) : [];

const collect = (error: unknown, depth = 0): GraphQLErrorLike[] => {
  if (!error || typeof error !== 'object' || depth > 3) return [];
  const e = error as Record<string, unknown>;
  const networkResult = (e.networkError as { result?: { errors?: unknown } } | undefined)
    ?.result;
  return [
    ...asErrors(e.graphQLErrors),
    ...asErrors(networkResult?.errors),
    ...asErrors((e.result as { errors?: unknown } | undefined)?.errors),
    ...collect(e.body, depth + 1),
  ];
};

export const errorCodes = (error: unknown): string[] =>
  collect(error)
    .map((e) => e.extensions?.code)
    .filter((code): code is string => typeof code === 'string');

export const hasErrorCode = (error: unknown, code: string): boolean =>
  errorCodes(error).includes(code);

/** `extensions.reason`, where the server says more than the code (e.g. `account_disabled`). */
export const hasErrorReason = (error: unknown, reason: string): boolean =>
  collect(error).some((e) => e.extensions?.reason === reason);

/** BAD_USER_INPUT's `extensions.fields`: the names of the culprits (e.g. `data.finalDueAt`). */
export const errorFields = (error: unknown): string[] =>
  collect(error).flatMap((e) =>
    Array.isArray(e.extensions?.fields) ? e.extensions.fields.filter((f): f is string => typeof f === 'string') : [],
  );

/** The server's own words for the first GraphQL error, else the error's message. */
export const errorMessage = (error: unknown): string => {
  const first = collect(error).find((e) => typeof e.message === 'string');
  if (first?.message) return first.message;
  return error instanceof Error ? error.message : String(error);
};
