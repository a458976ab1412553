import { useCallback } from 'react';
import { useTranslate } from 'react-admin';

/** An event name in words; a workflow's own events fall back to their name. */
export const useEventLabel = () => {
  const translate = useTranslate();
  return useCallback(
    (type: string) => translate(`resources.tickets.events.${type}`, { _: type }),
    [translate],
  );
};
