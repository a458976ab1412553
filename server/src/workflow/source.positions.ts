// Maps a path inside the parsed workflow (as ajv and the semantic checks see it) back to the
// YAML node it came from, so that every problem names a line and column an administrator can
// jump to.

import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';

export type PathSegment = string | number;

export interface SourcePosition {
  line: number;
  column: number;
}

/** `key` points at a mapping key (unknown property, bad event name); `value` at its value. */
export type PointAt = 'key' | 'value';

interface Located {
  node: Node | null;
  /** The pair the node is the value of, when it sits in a mapping. */
  pair: Pair<unknown, unknown> | null;
}

function keyText(pair: Pair<unknown, unknown>): string | null {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' || typeof key === 'number' ? String(key) : null;
}

/** Walks as far along `path` as the document goes; a problem about a missing node lands on its parent. */
function walk(doc: Document, path: readonly PathSegment[]): Located {
  let current: Located = { node: doc.contents as Node | null, pair: null };
  for (const segment of path) {
    const { node } = current;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item) === String(segment));
      if (!pair) return current;
      current = { node: (pair.value as Node | null) ?? null, pair };
      // A key without a value (`foo:`) has no value node with a range of its own.
      if (!current.node || !current.node.range) return { node: null, pair };
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) return current;
      current = { node: isPair(item) ? ((item.value as Node | null) ?? null) : item, pair: null };
    } else {
      return current;
    }
  }
  return current;
}

export function locate(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PathSegment[],
  pointAt: PointAt = 'value',
): SourcePosition {
  const { node, pair } = walk(doc, path);
  const keyNode = pair && isScalar(pair.key) ? pair.key : null;
  const chosen = pointAt === 'key' && keyNode?.range ? keyNode : (node ?? keyNode);
  const offset = chosen?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** `machine.states.open.on.TAKE[0].target`: the form problems show their path in. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text ? `.${segment}` : segment;
  }
  return text;
}

/** Decodes an ajv instancePath (`/machine/states/open`) into segments. */
export function pointerToPath(pointer: string, data: unknown): PathSegment[] {
  if (!pointer) return [];
  const segments: PathSegment[] = [];
  let current: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    // Array indices become numbers so they are matched against sequences, not map keys.
    if (Array.isArray(current) && /^\d+$/.test(segment)) {
      segments.push(Number(segment));
      current = current[Number(segment)];
    } else {
      segments.push(segment);
      current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return segments;
}
