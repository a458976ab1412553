/**
 * "Now" as the server sees it. Deadlines are counted on the server's clock (which may be a
 * manual clock in tests and demos), so countdowns use the server's `now` plus the time the
 * browser has seen pass since it asked.
 */
import { useEffect, useState } from 'react';
import { apolloClient } from '../providers/apolloClient';
import { NOW } from '../providers/documents';

let offsetMs = 0;
let asked: Promise<void> | null = null;

/** Asks the server once per page load (again after `resync`). */
const sync = () => {
  asked ??= apolloClient
    .query<{ now: string }>({ query: NOW, fetchPolicy: 'no-cache' })
    .then(({ data }) => {
      offsetMs = new Date(data.now).getTime() - Date.now();
    })
    .catch(() => {
      asked = null; // try again on the next render
    });
  return asked;
};

/** The manual clock moves in jumps: a live change is the moment to ask again. */
export const resyncServerClock = () => {
  asked = null;
  return sync();
};

export const serverNow = () => Date.now() + offsetMs;

/** Re-renders every `everyMs` with the server's "now" (ms since the epoch). */
export const useServerNow = (everyMs = 15_000) => {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    let live = true;
    void sync().then(() => live && setNow(serverNow()));
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    const onResync = () => setNow(serverNow());
    window.addEventListener('reglament:clock', onResync);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener('reglament:clock', onResync);
    };
  }, [everyMs]);
  return now;
};

export const announceClockResync = () =>
  void resyncServerClock().then(() => window.dispatchEvent(new Event('reglament:clock')));
