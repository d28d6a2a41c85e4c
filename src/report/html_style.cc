#include "report/html_style.h"

namespace veil::report {

const char* ReportCss() {
  return R"css(
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1b1b1b; line-height: 1.45;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .75rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; padding-bottom: .2rem; border-bottom: 2px solid #bbb; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .3rem; }
p, li { max-width: 48rem; }
p.verdict { max-width: none; }
.verdict { margin: 0 0 1rem; padding: .8rem 1rem; border: 2px solid; border-radius: 4px;
  font-size: 1.15rem; font-weight: 700; }
.verdict.pass { background: #e6f4ea; border-color: #1e7b34; color: #0d4d1f; }
.verdict.warn { background: #fff4d6; border-color: #a86b00; color: #5c3b00; }
.verdict.fail { background: #fdecea; border-color: #b3261e; color: #7a1712; }
table { width: 100%; margin: .5rem 0 1rem; border-collapse: collapse; font-size: .95rem; }
th, td { padding: .3rem .5rem; border: 1px solid #999; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts th { width: 13rem; }
.mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  overflow-wrap: break-word; }
tr.over td { background: #fdecea; }
.mark, .sev-error { color: #b3261e; font-weight: 700; }
.sev-warning { color: #8a5a00; font-weight: 700; }
figure { margin: 1rem 0 1.5rem; }
figcaption { font-size: .9rem; color: #444; }
svg.chart { display: block; max-width: 100%; height: auto; font-family: inherit; font-size: 12px; }
svg.chart text { fill: #1b1b1b; }
svg.chart .axis { fill: #555; font-size: 11px; }
svg.chart .grid { stroke: #ddd; stroke-width: 1; }
svg.chart .limit { stroke: #000; stroke-width: 2; }
svg.chart .bar.ok { fill: #3b6ea5; }
svg.chart .bar.over, svg.chart .bar.error { fill: #b3261e; }
svg.chart .bar.warning { fill: #d79b00; }
svg.chart .bar.before { fill: #9bb7d4; }
svg.chart .bar.after { fill: #1f4e79; }
footer { margin-top: 2rem; font-size: .85rem; color: #555; }
@media print {
  main { max-width: none; padding: 0; }
  h2, h3 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  .verdict, tr.over td, svg.chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";
}

}  // namespace veil::report
