import type { JsonValue } from '../connector.js';
import type { FileItem } from './fileItem.js';
import { readTextLines } from './openTextLines.js';
import type { SourceFile } from './sourceFiles.js';

/** The JSON objects of an NDJSON file after line `afterLine`; unreadable lines come out as `broken`. */
export async function* ndjsonFileItems(sourceName: string, file: SourceFile, afterLine: number): AsyncGenerator<FileItem> {
  for await (const { line, text } of readTextLines(sourceName, file)) {
    if (line <= afterLine || text.trim() === '') continue;
    let value: JsonValue;
    try {
      value = JSON.parse(text) as JsonValue;
    } catch (error) {
      yield { kind: 'broken', line, endLine: line, text, reasonCode: 'invalid_json', detail: (error as Error).message };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { kind: 'broken', line, endLine: line, text, reasonCode: 'not_an_object', detail: 'each line must hold one JSON object' };
      continue;
    }
    yield { kind: 'record', line, endLine: line, text, record: value };
  }
}

/** The value at a dotted path (`a.b.c`, `items.0.sku`) of a JSON value; undefined when absent. */
export function valueAtPath(value: JsonValue, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = value;
  for (const key of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    current = Array.isArray(current) ? current[Number(key)] : current[key];
  }
  return current;
}
