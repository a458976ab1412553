/**
 * Opens a document the server serves behind the bearer token (a printable act, a mail
 * attachment) in a new tab: fetched with the Authorization header, shown as a blob URL.
 * The tab is opened before the fetch so the browser counts it as the user's click.
 */
import { getToken } from './session';

export async function openDocument(url: string, filename?: string): Promise<void> {
  const tab = window.open('', '_blank');
  const token = getToken();
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    tab?.close();
    throw new Error(`${response.status} ${response.statusText}`);
  }
  const blob = await response.blob();
  const blobUrl = URL.createObjectURL(blob);
  if (tab) tab.location.href = blobUrl;
  else {
    // Pop-ups blocked: download instead.
    const a = document.createElement('a');
    a.href = blobUrl;
    a.download = filename ?? 'document';
    a.click();
  }
  setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
}
