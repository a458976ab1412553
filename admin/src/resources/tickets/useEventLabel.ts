import { useCallback } from 'react';
import { useGetOne, useLocaleState, useTranslate, type TranslateFunction } from 'react-admin';

/** The language the workflow files are written in: their event titles are the desk's own words. */
const FILE_LOCALE = 'ru';

/**
 * An event name in words. In Russian the tenant's own title from its workflow file comes
 * first (the regulation's wording); in another language the bundle's words do, as the file
 * has none in it. Either way the other is the fallback, then the raw name.
 */
export function eventWords(type: string, fileTitle: string | undefined, translate: TranslateFunction, locale: string): string {
  const bundle = translate(`resources.tickets.events.${type}`, { _: '' });
  if (locale === FILE_LOCALE) return fileTitle ?? (bundle || type);
  return bundle || fileTitle || type;
}

/** eventWords for one tenant's events (`Tenant.events`). */
export const useEventLabel = (tenantId?: string) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: tenant } = useGetOne('tenants', { id: tenantId ?? '' }, { enabled: Boolean(tenantId) });
  const titles: Array<{ type: string; title: string }> = Array.isArray(tenant?.events) ? tenant.events : [];
  return useCallback(
    (type: string) => eventWords(type, titles.find((e) => e.type === type)?.title, translate, locale),
    [translate, titles, locale],
  );
};
