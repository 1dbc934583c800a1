// Shared by the notebooks: opens the findings of every run date as DuckDB views and draws
// small SVG charts. Plain SVG strings, so an executed notebook shows its charts without a
// network or a plotting library.
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import * as fs from "fs";
import * as path from "path";

/** The pipeline's --output folder; the README's sample run writes ./findings at the project root. */
export const findingsDir = path.resolve(process.env.INTEGRITY_RISK_FINDINGS ?? path.join("..", "findings"));

/** One row per run, a table per finding: written by every run into its run_date=D folder. */
const PER_RUN = ["findings", "officer_risk", "division_risk", "suspect_groups", "flagged_cases",
  "alignment_tests", "group_events", "finding_shifts"];
/** Written whole by every run, carrying the earlier runs' rows: read from the latest run only. */
const CUMULATIVE = ["watch_list", "finding_history", "feedback"];

export function runDates(): string[] {
  if (!fs.existsSync(findingsDir)) {
    throw new Error(`no findings folder at ${findingsDir}: set INTEGRITY_RISK_FINDINGS to a run's --output folder`);
  }
  return fs.readdirSync(findingsDir)
    .filter((name) => /^run_date=\d{4}-\d{2}-\d{2}$/.test(name)
      && fs.existsSync(path.join(findingsDir, name, "manifest.json")))
    .map((name) => name.substring("run_date=".length))
    .sort();
}

function sqlText(s: string): string {
  return "'" + s.replace(/'/g, "''") + "'";
}

/**
 * Views over the findings: each per-run table across all run dates as one table with a
 * run_date column (DuckDB reads the run_date=D folders as a Hive partition), and the
 * cumulative tables of the latest run.
 */
export async function open(): Promise<DuckDBConnection> {
  const dates = runDates();
  if (dates.length === 0) {
    throw new Error(`no published run in ${findingsDir}`);
  }
  const db = await DuckDBInstance.create(":memory:");
  const con = await db.connect();
  for (const table of PER_RUN) {
    const withTable = dates.filter((d) => fs.existsSync(path.join(findingsDir, `run_date=${d}`, table)));
    if (withTable.length === 0) {
      continue;
    }
    const files = withTable.map((d) => sqlText(path.join(findingsDir, `run_date=${d}`, table, "*.parquet")));
    await con.run(`create view ${table} as select * from read_parquet([${files.join(", ")}], `
      + `hive_partitioning = true, union_by_name = true)`);
  }
  const latest = path.join(findingsDir, `run_date=${dates[dates.length - 1]}`);
  for (const table of CUMULATIVE) {
    if (fs.existsSync(path.join(latest, table))) {
      await con.run(`create view ${table} as select * from read_parquet(${sqlText(path.join(latest, table, "*.parquet"))}, `
        + `hive_partitioning = false)`);
    }
  }
  return con;
}

export type Row = Record<string, unknown>;

export async function query(con: DuckDBConnection, sql: string): Promise<Row[]> {
  const reader = await con.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Row[];
}

function esc(v: unknown): string {
  return String(v ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An HTML table of rows, columns in the order of the first row. */
export function table(rows: Row[], caption = ""): string {
  if (rows.length === 0) {
    return `<p><i>${esc(caption)}: no rows</i></p>`;
  }
  const cols = Object.keys(rows[0]);
  const head = cols.map((c) => `<th>${esc(c)}</th>`).join("");
  const body = rows.map((r) => "<tr>" + cols.map((c) => `<td>${esc(r[c])}</td>`).join("") + "</tr>").join("\n");
  return `<table class="integrity-risk"><caption>${esc(caption)}</caption><tr>${head}</tr>\n${body}</table>`;
}

const COLOURS = ["#c0392b", "#3b6fb6", "#8a94a6", "#e0a030", "#2e8b57"];

/** Bars per category (the x column's value is the label), one bar per series side by side. */
export function bars(rows: Row[], x: string, series: string[], title: string): string {
  const w = 760, h = 260, left = 44, bottom = 40, top = 24;
  const max = Math.max(1, ...rows.flatMap((r) => series.map((s) => Number(r[s] ?? 0))));
  const slot = (w - left - 10) / Math.max(1, rows.length);
  const bar = Math.max(2, (slot * 0.8) / series.length);
  const scale = (h - top - bottom) / max;
  let svg = `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="${esc(title)}">`;
  svg += `<text x="${left}" y="14" font-size="13">${esc(title)}</text>`;
  for (let t = 0; t <= max; t += Math.max(1, Math.ceil(max / 5))) {
    const y = h - bottom - t * scale;
    svg += `<line x1="${left}" x2="${w - 10}" y1="${y}" y2="${y}" stroke="#e3e6eb"/><text x="4" y="${y + 4}" font-size="10">${t}</text>`;
  }
  rows.forEach((r, i) => {
    series.forEach((s, j) => {
      const v = Number(r[s] ?? 0);
      const bx = left + i * slot + slot * 0.1 + j * bar;
      svg += `<rect x="${bx}" y="${h - bottom - v * scale}" width="${bar - 1}" height="${v * scale}" fill="${COLOURS[j % COLOURS.length]}"><title>${esc(r[x])} ${esc(s)}: ${v}</title></rect>`;
    });
    svg += `<text x="${left + i * slot + slot * 0.1}" y="${h - bottom + 14}" font-size="10">${esc(r[x])}</text>`;
  });
  series.forEach((s, j) => {
    svg += `<rect x="${left + j * 150}" y="${h - 14}" width="10" height="10" fill="${COLOURS[j % COLOURS.length]}"/><text x="${left + j * 150 + 14}" y="${h - 5}" font-size="11">${esc(s)}</text>`;
  });
  return svg + "</svg>";
}

export interface Span { start: string; end: string; label: string; own: boolean }
export interface Mark { at: string; label: string }

/**
 * Days across, hours of the (port-local) day down: shifts as bars, crossings as dots,
 * red when they fall in one of the finding's own shifts.
 */
export function timeline(first: string, days: number, spans: Span[], marks: Mark[], title: string): string {
  const left = 46, top = 26, colW = Math.max(8, Math.min(26, 880 / days)), hourH = 12;
  const w = left + days * colW + 10, h = top + 24 * hourH + 30;
  const day0 = Date.parse(first + "T00:00:00Z");
  const dayOf = (iso: string) => Math.floor((Date.parse(iso + "Z") - day0) / 86400000);
  const hourOf = (iso: string) => (Date.parse(iso + "Z") - day0) / 3600000 - dayOf(iso) * 24;
  let svg = `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="${esc(title)}">`;
  svg += `<text x="${left}" y="14" font-size="13">${esc(title)}</text>`;
  for (let hr = 0; hr <= 24; hr += 3) {
    const y = top + hr * hourH;
    svg += `<line x1="${left}" x2="${w - 10}" y1="${y}" y2="${y}" stroke="#e3e6eb"/><text x="4" y="${y + 3}" font-size="10">${String(hr).padStart(2, "0")}:00</text>`;
  }
  for (const own of [false, true]) {
    for (const s of spans.filter((sp) => sp.own === own)) {
      // A shift over midnight is drawn as one bar per day it covers.
      for (let d = dayOf(s.start); d <= dayOf(s.end); d++) {
        const from = Math.max(0, d === dayOf(s.start) ? hourOf(s.start) : 0);
        const to = d === dayOf(s.end) ? hourOf(s.end) : 24;
        if (d < 0 || d >= days || to <= from) continue;
        const x = left + d * colW + (own ? colW * 0.25 : 1);
        svg += `<rect x="${x}" y="${top + from * hourH}" width="${own ? colW * 0.5 : colW - 2}" height="${(to - from) * hourH}" fill="${own ? "#3b6fb6" : "#dde3ec"}"><title>${esc(s.label)}</title></rect>`;
      }
    }
  }
  let onDuty = 0;
  for (const m of marks) {
    const d = dayOf(m.at);
    if (d < 0 || d >= days) continue;
    const t = Date.parse(m.at + "Z");
    const on = spans.some((s) => s.own && Date.parse(s.start + "Z") <= t && t < Date.parse(s.end + "Z"));
    onDuty += on ? 1 : 0;
    svg += `<circle cx="${left + d * colW + colW / 2}" cy="${top + hourOf(m.at) * hourH}" r="4" fill="${on ? "#c0392b" : "#ffffff"}" stroke="#7b1d12"><title>${esc(m.label)}${on ? ", on duty" : ""}</title></circle>`;
  }
  svg += `<text x="${left}" y="${h - 6}" font-size="11">${marks.length} crossings, ${onDuty} during the finding's own shifts (red); from ${esc(first)}, ${days} days</text>`;
  return svg + "</svg>";
}
