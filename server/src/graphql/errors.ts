/**
 * The contract's error codes. Features throw these typed errors; `formatError` is the one
 * place that turns them (and everything else) into what a client sees, so no stack trace or
 * SQL ever leaves the server.
 */
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'EVENT_NOT_ALLOWED'
  | 'VERSION_CONFLICT'
  | 'WORKFLOW_INVALID';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unauthenticated = (message = 'Authentication required: send Authorization: Bearer <token>') =>
  new AppError('UNAUTHENTICATED', message);
export const forbidden = (message = 'This is outside what you may see or change') =>
  new AppError('FORBIDDEN', message);
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const badInput = (message: string, fields: string[]) =>
  new AppError('BAD_USER_INPUT', message, { fields });

/** Codes that graphql-js and Apollo produce themselves and that are safe to pass through. */
const clientFacingCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (message: string, error: unknown) => void,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) {
    return {
      message: original.message,
      path: formatted.path,
      locations: formatted.locations,
      extensions: { ...original.extensions, code: original.code },
    };
  }
  // Not instanceof GraphQLError: Apollo and type-graphql may load different copies of
  // graphql (ESM and CJS), so the request errors they raise are recognised by their code.
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && clientFacingCodes.has(code)) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  log('internal error', original);
  return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
