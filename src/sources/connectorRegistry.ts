import type { ConnectorFactory } from './connector.js';

/** Every connector type a sources file may name. One line per connector; keep sorted by type. */
export const CONNECTOR_FACTORIES: readonly ConnectorFactory[] = [
];

export function findConnectorFactory(type: string): ConnectorFactory | undefined {
  return CONNECTOR_FACTORIES.find((factory) => factory.type === type);
}
