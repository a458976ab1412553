/**
 * The one Apollo client of the back office. Relative `/graphql`: the server hosts this
 * bundle and the API on the same origin, so the same build works on any host (and the
 * Vite dev server proxies the path to localhost:4000).
 */
import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';
import { onError } from '@apollo/client/link/error';
import { hasErrorCode } from './errors';
import { clearSession, getToken } from './session';

export const GRAPHQL_URL = '/graphql';

// Read the token per request, not once at start-up, so a login or logout takes effect
// without rebuilding the client.
const authLink = setContext((_operation, { headers }) => {
  const token = getToken();
  return {
    headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers,
  };
});

// An expired or revoked token can surface from any call, including custom dataProvider
// methods and answers that ra-data-graphql reduces to a bare HTTP status. Dropping the
// session here lets authProvider.checkError send the agent to the login page every time.
const sessionLink = onError((response) => {
  const status = (response.networkError as { statusCode?: number } | undefined)?.statusCode;
  if (status === 401 || hasErrorCode(response, 'UNAUTHENTICATED')) clearSession();
});

export const apolloClient = new ApolloClient({
  link: from([sessionLink, authLink, new HttpLink({ uri: GRAPHQL_URL })]),
  cache: new InMemoryCache(),
  // react-admin keeps its own (react-query) cache; a second normalized cache would only
  // warn about merging id-less arrays such as a ticket's history.
  defaultOptions: {
    query: { fetchPolicy: 'no-cache' },
    watchQuery: { fetchPolicy: 'no-cache' },
    mutate: { fetchPolicy: 'no-cache' },
  },
});
