/**
 * Accessibility checks the Chromium tests share (the portal now, the back office later):
 * an automated WCAG 2 A/AA audit with axe-core, and a keyboard-only walk that tells whether
 * Tab reaches every control of a region, shows where focus is, and lets the keyboard leave.
 * Each answers what a person would run into as plain lines, so a failing test names the
 * rule or the control.
 */
import { createRequire } from 'node:module';
import type { ElementHandle, Locator, Page } from 'playwright-core';
import type { AxeResults, RunOptions } from 'axe-core';

const require = createRequire(import.meta.url);
const AXE_SCRIPT = require.resolve('axe-core/axe.min.js');

/** WCAG 2.0, 2.1 and 2.2, levels A and AA. */
export const WCAG_A_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const blockingImpacts = new Set(['serious', 'critical']);

/**
 * The serious and critical WCAG A/AA violations on what `page` shows now, one line each:
 * rule, impact, what it asks, and the elements that break it.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SCRIPT });
  await transitionsSettled(page);
  const options: RunOptions = { runOnly: { type: 'tag', values: WCAG_A_AA }, resultTypes: ['violations'] };
  const violations = await page.evaluate(async (runOptions) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
    const results = await axe.run(document, runOptions);
    // Only what the report needs crosses back: full results carry whole DOM snippets.
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}${n.failureSummary ? ` (${n.failureSummary.replace(/\s+/g, ' ').trim()})` : ''}`),
    }));
  }, options);
  return violations
    .filter((v) => v.impact && blockingImpacts.has(v.impact))
    .map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.nodes.join('; ')}`);
}

/**
 * Waits for the page's running transitions (a dialog fading in) to end: colours measured
 * half-way through a fade are not the ones a person reads. Endless ones (spinners) are left.
 */
async function transitionsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
}

/** One stop of the Tab walk: the control, and whether the page shows that it has focus. */
export interface FocusStop {
  key: string;
  name: string;
  visible: boolean;
}

const controlSelector = 'a[href], button, input, select, textarea, [tabindex]';

/** How a report names a control: its tag and the words a person would know it by. */
function controlName(el: Element): string {
  const words = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '';
  return `${el.tagName.toLowerCase()} «${words.replace(/\s+/g, ' ').trim()}»`;
}

/** Shown, enabled and in the Tab order: a control a keyboard user must be able to reach. */
function mustBeReachable(el: Element): boolean {
  const element = el as HTMLElement;
  const shown = element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden' && !element.closest('[aria-hidden="true"]');
  const disabled = (element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true';
  return shown && !disabled && element.tabIndex >= 0;
}

/** The key that ties an element to its stops in keyboardWalk, given on first sight. */
const keyOf = (el: ElementHandle, fresh: string) => el.evaluate((node, key) => ((node as HTMLElement).dataset.a11yKey ??= key), fresh);
let keys = 0;

/** Every control inside `region` that a keyboard user must be able to reach, by key, with its name. */
export async function controlsIn(region: Locator): Promise<Map<string, string>> {
  const controls = new Map<string, string>();
  for (const el of await region.locator(controlSelector).elementHandles()) {
    if (await el.evaluate(mustBeReachable)) controls.set(await keyOf(el, `control-${keys++}`), await el.evaluate(controlName));
  }
  return controls;
}

/**
 * Presses Tab from where focus is now until focus leaves the page (the browser's own
 * controls come next) or comes back to a control already visited, at most `maxStops` presses.
 * Each stop is compared with the same spot unfocused, so `visible` says whether focus shows.
 * `left` is false when Tab went round in circles: a keyboard trap outside a modal dialog.
 */
export async function keyboardWalk(page: Page, maxStops = 60): Promise<{ stops: FocusStop[]; left: boolean }> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < maxStops; i++) {
    await page.keyboard.press('Tab');
    // The element itself, not `:focus`: inside a date input's own parts (its calendar
    // button) the input is still the active element, yet `:focus` matches nothing.
    const active = await page.evaluateHandle(() => (document.activeElement === document.body ? null : document.activeElement));
    const element = active.asElement();
    if (!element) return { stops, left: true };
    const key = await keyOf(element, `control-${keys++}`);
    // A date-and-time input takes one Tab per part (day, month, year…): still the same stop.
    if (stops.at(-1)?.key === key) continue;
    if (stops.some((s) => s.key === key)) return { stops, left: false };
    stops.push({ key, name: await element.evaluate(controlName), visible: await focusShows(page, element) });
  }
  return { stops, left: false };
}

/**
 * Whether the page shows where focus is, as WCAG 2.2 measures a focus indicator: around the
 * focused element (frames and rings are drawn outside its box; a text field's frame lies
 * up to 16 px away), the pixels that change between it focused and unfocused, with a
 * contrast of at least 3:1 between the two states, must add up to at least its perimeter —
 * a 1 px ring. A faint glow or ripple does not count. Focus is then put back.
 */
async function focusShows(page: Page, focused: ElementHandle): Promise<boolean> {
  await focused.scrollIntoViewIfNeeded();
  const box = await focused.boundingBox();
  if (!box) return false;
  const pad = 16;
  const clip = { x: Math.max(0, box.x - pad), y: Math.max(0, box.y - pad), width: box.width + 2 * pad, height: box.height + 2 * pad };
  const shot = async () => (await page.screenshot({ clip, animations: 'disabled', caret: 'hide', scale: 'css' })).toString('base64');
  const withFocus = await shot();
  await focused.evaluate((el) => (el as HTMLElement).blur());
  const without = await shot();
  // Chromium keeps :focus-visible for a script's focus() that follows keyboard use.
  await focused.evaluate((el) => (el as HTMLElement).focus());
  return (await contrastingPixels(page, withFocus, without)) >= 2 * (box.width + box.height);
}

/** How many pixels differ between two same-sized PNGs with a contrast of 3:1 or more. */
function contrastingPixels(page: Page, a: string, b: string): Promise<number> {
  // Decoded by the browser itself: a detached canvas, which leaves focus where it is.
  return page.evaluate(
    async ([first, second]) => {
      const pixels = async (png: string) => {
        const image = new Image();
        image.src = `data:image/png;base64,${png}`;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0);
        return context.getImageData(0, 0, image.width, image.height).data;
      };
      const channel = (v: number) => (v / 255 <= 0.04045 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
      const luminance = (d: Uint8ClampedArray, i: number) => 0.2126 * channel(d[i]!) + 0.7152 * channel(d[i + 1]!) + 0.0722 * channel(d[i + 2]!);
      const [x, y] = await Promise.all([pixels(first), pixels(second)]);
      let count = 0;
      for (let i = 0; i < x.length; i += 4) {
        const [light, dark] = [luminance(x, i), luminance(y, i)].sort((p, q) => q - p);
        if ((light! + 0.05) / (dark! + 0.05) >= 3) count++;
      }
      return count;
    },
    [a, b] as const,
  );
}
