import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { UserFacingError } from '../../userFacingError.js';
import type { SourceConnector, SourceEnvironment } from '../connector.js';
import { CONNECTOR_FACTORIES, findConnectorFactory } from '../connectorRegistry.js';

export interface SourcesFile {
  path: string;
  connectors: SourceConnector[];
}

const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/**
 * Reads and validates a sources file (YAML): `sources:` is a list of entries, each with a unique
 * `name`, a connector `type` and that connector's settings. Secrets are named, never written in it.
 */
export async function loadSourcesFile(path: string, env: SourceEnvironment['env']): Promise<SourcesFile> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch {
    throw new UserFacingError(`sources file not found: ${absolute}`, 'give --sources the path of a segflow.sources.yaml (see README, "Sources")');
  }
  return parseSourcesFile(text, absolute, env);
}

export function parseSourcesFile(text: string, absolutePath: string, env: SourceEnvironment['env']): SourcesFile {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new UserFacingError(`${absolutePath} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'fix the YAML syntax at that line');
  }
  const sources = (document as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources) || sources.length === 0) {
    throw new UserFacingError(`${absolutePath} has no sources`, 'add a top-level "sources:" list with at least one entry (name, type, settings)');
  }
  const environment: SourceEnvironment = { env, baseDir: dirname(absolutePath) };
  const seen = new Set<string>();
  const connectors = sources.map((entry: unknown, index: number) => {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new UserFacingError(`${absolutePath}: sources[${index}] is not a mapping`, 'write each source as "- name: ..., type: ..." with its settings');
    }
    const { name, type } = entry as { name?: unknown; type?: unknown };
    if (typeof name !== 'string' || !SOURCE_NAME.test(name)) {
      throw new UserFacingError(`${absolutePath}: sources[${index}] has no valid name (got ${JSON.stringify(name)})`, 'give it a name of lower-case letters, digits, - and _');
    }
    if (seen.has(name)) throw new UserFacingError(`${absolutePath}: source name "${name}" is used twice`, 'give every source its own name');
    seen.add(name);
    const factory = typeof type === 'string' ? findConnectorFactory(type) : undefined;
    if (!factory) {
      throw new UserFacingError(
        `${absolutePath}: source "${name}" has unknown type ${JSON.stringify(type)}`,
        `use one of: ${CONNECTOR_FACTORIES.map((f) => f.type).join(', ')}`,
      );
    }
    return factory.create(entry as Record<string, unknown>, environment);
  });
  return { path: absolutePath, connectors };
}
