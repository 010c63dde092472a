/** The report's only stylesheet, inlined so the file stands alone (no fonts or assets fetched). */
export const REPORT_CSS = `
:root {
  --ink: #1f2937; --muted: #6b7280; --line: #e5e7eb; --paper: #ffffff; --wash: #f8fafc;
  --accent: #3b6fd6; --good: #15803d; --bad: #b91c1c; --bad-wash: #fef2f2; --warn-wash: #fffbeb; --warn-line: #f59e0b;
}
* { box-sizing: border-box; }
html { background: var(--wash); }
body {
  margin: 0; color: var(--ink); background: var(--wash);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-variant-numeric: tabular-nums;
}
main { max-width: 1120px; margin: 0 auto; padding: 32px 28px 56px; background: var(--paper); min-height: 100vh; }
h1 { font-size: 28px; line-height: 1.2; margin: 4px 0 8px; letter-spacing: -0.01em; }
h2 { font-size: 21px; margin: 44px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 28px 0 10px; }
h4 { font-size: 15px; margin: 0 0 4px; }
p { margin: 0 0 10px; }
a { color: var(--accent); text-decoration: none; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 12px; color: var(--muted); margin: 0; }
.meta { color: var(--muted); }
.notice { border-left: 4px solid var(--warn-line); background: var(--warn-wash); padding: 10px 14px; margin: 16px 0; border-radius: 0 4px 4px 0; }
nav.toc { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 18px 0 0; font-size: 13px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 12px; margin: 12px 0 20px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; }
.tile .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.tile .value { font-size: 24px; font-weight: 600; margin: 2px 0; }
.tile .delta { font-size: 13px; }
.better, .impact-better { color: var(--good); }
.worse, .impact-worse, .impact-underperforming { color: var(--bad); }
.impact-underperforming { font-weight: 600; }
figure { margin: 18px 0 26px; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; max-width: 80ch; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 18px; font-size: 13px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { font-size: 12px; color: var(--muted); font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
td[class^="impact-"] { white-space: nowrap; }
tbody th.group { background: var(--wash); font-size: 13px; padding-top: 10px; }
tr.underperforming td { background: var(--bad-wash); }
tr.underperforming td:first-child { box-shadow: inset 4px 0 0 var(--bad); }
.na { color: var(--muted); font-style: italic; }
.reason { display: block; color: var(--muted); font-size: 12px; }
.key { font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; margin-left: 4px; }
.badge { display: inline-block; font-size: 11px; font-weight: 600; padding: 1px 7px; border-radius: 10px; background: var(--bad-wash); color: var(--bad); margin-left: 6px; vertical-align: 1px; }
.personas { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px; }
.persona { border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; }
.persona .stats { color: var(--muted); font-size: 13px; margin-bottom: 8px; }
.persona ul { margin: 0 0 8px; padding-left: 18px; font-size: 13px; }
.persona .action { font-size: 13px; margin: 0; }
.suggestions li { margin-bottom: 6px; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 48px; padding-top: 12px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media print { html, body { background: white; } main { padding: 0; } section { break-inside: avoid-page; } }
`;
