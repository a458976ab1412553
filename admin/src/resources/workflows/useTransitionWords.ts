/**
 * A transition in words, for arrow labels and the text list beside the diagram: the event
 * as eventWords names it, a delay in business units ("⏱ 2 раб. дн."), and the guard it
 * waits for.
 */
import { useLocaleState, useTranslate } from 'react-admin';
import { eventWords } from '../tickets/useEventLabel';
import type { GraphTransition } from './graph';

const DELAY = /^(\d+)(bd|bh|bm|h|d|m)$/;

export function useTransitionWords(eventTitles: Record<string, string> = {}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const what = (t: GraphTransition) => {
    if (t.kind === 'event') return eventWords(t.label, eventTitles[t.label], translate, locale);
    if (t.kind === 'always') return translate('workflows.diagram.always');
    const delay = DELAY.exec(t.label);
    const words = delay ? translate(`workflows.diagram.delay.${delay[2]}`, { n: delay[1], _: t.label }) : translate(`workflows.diagram.namedDelay.${t.label}`, { _: t.label });
    return `⏱ ${words}`;
  };
  return (t: GraphTransition) => (t.guard ? `${what(t)} (${translate(`workflows.diagram.guards.${t.guard}`, { _: t.guard })})` : what(t));
}
