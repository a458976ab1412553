import { useCanAccess } from 'react-admin';

/**
 * A list's `queryOptions` that wait for an allowed access check. ra-core 5.15's
 * useListController enables the query once the check is done, whatever its answer, so an
 * agent typing an admin page's address would send a query the server refuses (FORBIDDEN)
 * on the way to the access-denied page.
 */
export const useAllowedListQuery = (resource: string) => {
  const { canAccess } = useCanAccess({ action: 'list', resource });
  return { enabled: canAccess === true };
};
