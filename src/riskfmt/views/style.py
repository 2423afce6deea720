"""The one style sheet of every view, inlined in each page (a view fetches nothing).

System fonts only, with the common Chinese ones named so that Chinese text never falls back to a bitmap
font. Below 640 px the layout becomes one column and charts stack their labels above the marks; wide tables
scroll inside their own box, so the page itself never scrolls sideways on a 390 px phone. The print rules
keep the TLP colours (``print-color-adjust``), open every collapsed list and avoid splitting rows.
TLP colours are those of TLP 2.0 (FIRST): the label in colour on black.
"""

STYLE = """\
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --good: #116329; --bad: #b3261e;
  --warn: #8a5a00; --accent: #0b57d0; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "Source Han Sans SC",
  "PingFang SC", "Microsoft YaHei", sans-serif; }
main { max-width: 1100px; margin: 0 auto; padding: 0 16px 32px; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: 16px 0 4px; }
h2 { font-size: 1.2rem; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.02rem; margin: 18px 0 6px; }
p { margin: 6px 0; }
h1, h2, h3, p, li, dd, dt, figcaption, summary { overflow-wrap: anywhere; }
td, th, td code { overflow-wrap: anywhere; } .nowrap { white-space: nowrap; }
code { font: 0.88em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK SC", monospace;
  background: var(--soft); padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
.bi > span + span::before { content: " · "; color: var(--muted); }
.sub { color: var(--muted); font-size: 0.9rem; }
.tlp { display: flex; flex-wrap: wrap; gap: 4px 14px; align-items: baseline; background: #000; color: #fff;
  padding: 10px 16px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.tlp .label { font: bold 1.25rem/1.2 ui-monospace, Menlo, Consolas, monospace; letter-spacing: 0.02em; }
.tlp .meaning { font-size: 0.92rem; }
.tlp-RED .label { color: #ff2b2b; } .tlp-AMBER .label, .tlp-AMBERSTRICT .label { color: #ffc000; }
.tlp-GREEN .label { color: #33ff00; } .tlp-CLEAR .label { color: #fff; }
.granular { background: #fff4d6; border-left: 4px solid #ffc000; padding: 6px 12px; margin: 8px 0; }
.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 320px), 1fr)); gap: 2px 24px;
  margin: 8px 0; }
.facts div { display: grid; grid-template-columns: minmax(7em, 36%) 1fr; gap: 8px; padding: 3px 0;
  border-bottom: 1px dotted var(--line); }
.facts dt { color: var(--muted); } .facts dd { margin: 0; min-width: 0; }
.scroll { max-width: 100%; overflow-x: auto; margin: 8px 0; border: 1px solid var(--line); border-radius: 6px; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
caption { text-align: left; padding: 6px 8px; color: var(--muted); }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--line);
  min-width: 5.5em; }
th { background: var(--soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:last-child td { border-bottom: 0; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 0.85em; border: 1px solid; }
.good { color: var(--good); } .bad { color: var(--bad); } .warn { color: var(--warn); } .dim { color: var(--muted); }
.strong { font-weight: 600; }
.badge.good { background: #e6f4ea; } .badge.bad { background: #fce8e6; } .badge.warn { background: #fff4d6; }
.badge.dim { background: var(--soft); }
ul.plain { padding-left: 1.2em; margin: 6px 0; }
details { margin: 6px 0; } summary { cursor: pointer; color: var(--accent); }
/* forest plots: a label column and a mark column whose width all rows share, so positions line up */
.forest { margin: 10px 0 18px; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.forest figcaption { font-weight: 600; margin-bottom: 4px; }
.fp-row { display: grid; grid-template-columns: minmax(0, 38%) minmax(0, 1fr) 9.5em; gap: 8px; align-items: center;
  border-top: 1px dotted var(--line); padding: 2px 0; }
.fp-row.axis { border-top: 0; }
.fp-label { font-size: 0.86rem; line-height: 1.3; min-width: 0; }
.fp-value { font-size: 0.82rem; text-align: right; font-variant-numeric: tabular-nums; }
.fp-row svg { display: block; width: 100%; height: 22px; overflow: visible; }
.fp-row.axis svg { height: 18px; }
.fp-row svg text { font-size: 10px; fill: var(--muted); }
.fp-grid { stroke: #e4e8ec; stroke-width: 1; } .fp-zero { stroke: #6e7781; stroke-width: 1; stroke-dasharray: 3 2; }
.fp-ci { stroke: var(--ink); stroke-width: 2; stroke-linecap: round; }
.fp-ci.derived { stroke-dasharray: 4 3; }
.mark { fill: var(--ink); }
.tone-good .mark, .tone-good .fp-ci { fill: var(--good); stroke: var(--good); }
.tone-bad .mark, .tone-bad .fp-ci { fill: var(--bad); stroke: var(--bad); }
.tone-warn .mark { fill: #fff; stroke: var(--warn); stroke-width: 2; }
.tone-dim .mark, .tone-dim .fp-ci { fill: #6e7781; stroke: #6e7781; }
.fp-threshold { stroke: var(--bad); stroke-width: 1.5; }
.legend { font-size: 0.82rem; color: var(--muted); margin: 4px 0 0; }
/* coverage */
.cov { display: grid; grid-template-columns: minmax(0, 1fr) 5.5em minmax(60px, 30%); gap: 6px 10px;
  align-items: center; }
.cov .bar { height: 10px; background: var(--soft); border: 1px solid var(--line); border-radius: 5px;
  overflow: hidden; }
.cov .bar span { display: block; height: 100%; background: var(--accent); }
.tree, .tree ul { list-style: none; padding-left: 1.1em; margin: 2px 0; }
.tree > li { padding-left: 0; }
.tree .hit::before { content: "● "; color: var(--accent); } .tree .miss::before { content: "○ "; color: var(--muted); }
.tree .miss { color: var(--muted); }
.timeline { list-style: none; padding: 0; margin: 8px 0; border-left: 3px solid var(--line); }
.timeline > li { position: relative; padding: 2px 0 12px 16px; }
.timeline > li::before { content: ""; position: absolute; left: -8px; top: 8px; width: 13px; height: 13px;
  background: #fff; border: 3px solid var(--accent); border-radius: 50%; }
.meter { display: inline-block; vertical-align: middle; width: 90px; height: 9px; border: 1px solid var(--line);
  background: var(--soft); border-radius: 4px; overflow: hidden; margin-right: 6px; }
.meter span { display: block; height: 100%; background: var(--accent); }
.evidence { margin: 2px 0 0; padding-left: 1.2em; font-size: 0.9rem; }
footer { color: var(--muted); font-size: 0.82rem; margin-top: 32px; border-top: 1px solid var(--line);
  padding-top: 8px; }
@media (max-width: 640px) {
  body { font-size: 14px; }
  main { padding: 0 10px 24px; }
  h1 { font-size: 1.25rem; }
  .fp-row { grid-template-columns: minmax(0, 1fr) 7.5em; }
  .fp-row .fp-label { grid-column: 1 / -1; }
  .fp-row.axis .fp-label { display: none; }
  .facts div { grid-template-columns: minmax(6em, 40%) 1fr; }
  .cov { grid-template-columns: minmax(0, 1fr) 4.8em 60px; }
}
@media print {
  details::details-content { content-visibility: visible; display: block; }
  body { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; border: 0; }
  tr, .fp-row, .timeline > li, .facts div { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  summary { color: var(--ink); }
  a { color: inherit; text-decoration: none; }
  .badge, .forest, .cov .bar span, .meter span { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
