import { adobeDataFeedConnectorFactory } from './adobe/adobeDataFeedConnector.js';
import type { ConnectorFactory } from './connector.js';
import { cdnowConnectorFactory } from './datasets/cdnow/cdnowConnector.js';
import { csvConnectorFactory } from './files/csvConnector.js';
import { ndjsonConnectorFactory } from './files/ndjsonConnector.js';
import { mavenCrmConnectorFactory } from './datasets/mavenCrm/mavenCrmConnector.js';
import { olistFunnelConnectorFactory } from './datasets/olistFunnel/olistFunnelConnector.js';
import { ga4ExportConnectorFactory } from './ga4/ga4ExportConnector.js';
import { hubspotConnectorFactory } from './hubspot/hubspotConnector.js';
import { marketoConnectorFactory } from './marketo/marketoConnector.js';
import { onlineRetailConnectorFactory } from './onlineRetail/onlineRetailConnector.js';
import { pardotConnectorFactory } from './pardot/pardotConnector.js';
import { postgresTableConnectorFactory } from './postgresTable/postgresTableConnector.js';
import { salesforceConnectorFactory } from './salesforce/salesforceConnector.js';

/** Every connector type a sources file may name. One line per connector; keep sorted by type. */
export const CONNECTOR_FACTORIES: readonly ConnectorFactory[] = [
  adobeDataFeedConnectorFactory,
  cdnowConnectorFactory,
  csvConnectorFactory,
  ga4ExportConnectorFactory,
  hubspotConnectorFactory,
  mavenCrmConnectorFactory,
  ndjsonConnectorFactory,
  olistFunnelConnectorFactory,
  onlineRetailConnectorFactory,
  marketoConnectorFactory,
  pardotConnectorFactory,
  postgresTableConnectorFactory,
  salesforceConnectorFactory,
];

export function findConnectorFactory(type: string): ConnectorFactory | undefined {
  return CONNECTOR_FACTORIES.find((factory) => factory.type === type);
}
