import { useCallback } from 'react';
import { useGetOne, useTranslate } from 'react-admin';

/**
 * An event name in words: the tenant's own title from its workflow file where there is
 * one (`Tenant.events`), else the bundle's words, else the raw name.
 */
export const useEventLabel = (tenantId?: string) => {
  const translate = useTranslate();
  const { data: tenant } = useGetOne('tenants', { id: tenantId ?? '' }, { enabled: Boolean(tenantId) });
  const titles: Array<{ type: string; title: string }> = Array.isArray(tenant?.events) ? tenant.events : [];
  return useCallback(
    (type: string) =>
      titles.find((e) => e.type === type)?.title ?? translate(`resources.tickets.events.${type}`, { _: type }),
    [translate, titles],
  );
};
