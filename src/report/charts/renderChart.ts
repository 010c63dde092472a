import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartTheme } from './chartTheme.js';

/**
 * A Vega-Lite spec rendered to SVG text in this process (no browser, no canvas).
 * Vega names gradients and clip paths with process-wide counters; prefixing them with the chart's
 * name keeps them unique within one HTML page and the same from one report to the next.
 */
export async function renderChartSvg(name: string, spec: TopLevelSpec, currency: string): Promise<string> {
  const compiled = compile(spec, { config: chartTheme(currency) }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return scopeIds(svg, `chart-${name}-`);
  } finally {
    view.finalize();
  }
}

function scopeIds(svg: string, prefix: string): string {
  return svg.replace(/\bid="([^"]+)"/g, `id="${prefix}$1"`).replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`);
}
