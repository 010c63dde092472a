import type { Knex } from 'knex';
import type { KpiDefinition } from '../reportData.js';

export async function kpiDefinitions(db: Knex): Promise<KpiDefinition[]> {
  const rows = await db('segflow.kpi_definitions')
    .select('kpi', 'label', 'unit', 'formula', 'higher_is_better', 'is_key', 'display_order')
    .orderBy('display_order');
  return rows.map((r) => ({
    kpi: r.kpi,
    label: r.label,
    unit: r.unit,
    formula: r.formula,
    higherIsBetter: r.higher_is_better,
    isKey: r.is_key,
    displayOrder: r.display_order,
  }));
}
