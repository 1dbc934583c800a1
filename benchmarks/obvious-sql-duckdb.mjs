// The benchmark's obvious SQL in DuckDB: what an analyst on one machine would reach for today.
// The same query as `jobs/integrity-risk obvious-sql` (ObviousCoTravelSql): the window's
// crossings joined with themselves on port, direction and |dt| <= W minutes, pairs counted
// and kept when they met at least S times, written as Parquet. DuckDB comes from the
// notebooks' pinned install (jobs/notebooks setup).
//
//   node benchmarks/obvious-sql-duckdb.mjs --clearances PATH --run-date YYYY-MM-DD \
//       --lookback-days L --basket-minutes W --min-support S --output FILE.parquet
//
// PATH is a CSV file or a folder of CSV parts (the generator writes parts above 1 million
// rows). Prints one JSON line: {"job":"obvious-sql-duckdb","seconds":...,"pairs":...}.
import { createRequire } from "module";
import * as fs from "fs";
import * as path from "path";
import { fileURLToPath } from "url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "notebooks", "package.json"));
const { DuckDBInstance } = require("@duckdb/node-api");

function options(argv) {
  const wanted = ["clearances", "run-date", "lookback-days", "basket-minutes", "min-support", "output"];
  const given = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "");
    if (!wanted.includes(name) || i + 1 >= argv.length) {
      throw new Error(`unknown option or missing value: ${argv[i]} (wanted --${wanted.join(", --")})`);
    }
    given[name] = argv[i + 1];
  }
  for (const name of wanted) {
    if (given[name] === undefined) throw new Error(`option --${name} is required`);
  }
  for (const name of ["lookback-days", "basket-minutes", "min-support"]) {
    if (!/^\d+$/.test(given[name])) throw new Error(`--${name} must be a whole number, got ${given[name]}`);
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(given["run-date"])) throw new Error(`--run-date must be YYYY-MM-DD`);
  return given;
}

function sqlText(s) {
  return "'" + s.replace(/'/g, "''") + "'";
}

function isoDate(date) {
  return date.toISOString().substring(0, 10);
}

const o = options(process.argv.slice(2));
const runDate = new Date(o["run-date"] + "T00:00:00Z");
const from = new Date(runDate.getTime() - (Number(o["lookback-days"]) - 1) * 86400000);
const until = new Date(runDate.getTime() + 86400000);
const folder = fs.statSync(o.clearances).isDirectory();
const csv = folder ? path.join(o.clearances, "*.csv") : o.clearances;
const first = folder
  ? path.join(o.clearances, fs.readdirSync(o.clearances).filter((f) => f.endsWith(".csv")).sort()[0])
  : o.clearances;
// The columns by the file's own header, every one as text: DuckDB's dialect sniffer gives up
// on a feed with malformed rows, so the analyst names the columns, as the Spark reader is given
// an all-text schema. Rows that do not split into the header's fields are skipped (Spark's
// PERMISSIVE mode keeps what it can of them): DuckDB's parallel reader cannot pad them when
// fields hold quoted line breaks, and reading on one thread would not be the analyst's query.
const header = fs.readFileSync(first, "utf8").split(/\r?\n/, 1)[0].split(",");
const columns = "{" + header.map((c) => `${sqlText(c)}: 'VARCHAR'`).join(", ") + "}";

const started = process.hrtime.bigint();
const instance = await DuckDBInstance.create(":memory:");
const db = await instance.connect();
// A text with a UTC offset casts to the instant (TIMESTAMPTZ), compared in UTC, as Spark's
// try_to_timestamp does in a UTC session.
await db.run("SET TimeZone = 'UTC'");
await db.run(`
  COPY (
    WITH parsed AS (
      SELECT traveller_id, port_id, direction, TRY_CAST(crossed_at AS TIMESTAMPTZ) AS crossed_ts
      FROM read_csv(${sqlText(csv)}, header = true, auto_detect = false, columns = ${columns}, delim = ',',
                    quote = '"', escape = '"', ignore_errors = true, strict_mode = false)),
    crossings AS (
      SELECT traveller_id, port_id, direction, crossed_ts AS crossed_at
      FROM parsed
      WHERE crossed_ts >= TIMESTAMPTZ '${isoDate(from)} 00:00:00+00'
        AND crossed_ts < TIMESTAMPTZ '${isoDate(until)} 00:00:00+00')
    SELECT a.traveller_id AS traveller_a, b.traveller_id AS traveller_b, count(*) AS co_crossings
    FROM crossings a JOIN crossings b
      ON a.port_id = b.port_id AND a.direction = b.direction
     AND a.traveller_id < b.traveller_id
     AND b.crossed_at BETWEEN a.crossed_at - INTERVAL ${Number(o["basket-minutes"])} MINUTE
                          AND a.crossed_at + INTERVAL ${Number(o["basket-minutes"])} MINUTE
    GROUP BY a.traveller_id, b.traveller_id
    HAVING count(*) >= ${Number(o["min-support"])}
  ) TO ${sqlText(o.output)} (FORMAT parquet)`);
const counted = await db.runAndReadAll(`SELECT count(*) AS pairs FROM read_parquet(${sqlText(o.output)})`);
const pairs = Number(counted.getRows()[0][0]);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(JSON.stringify({ job: "obvious-sql-duckdb", seconds: Number(seconds.toFixed(3)), pairs }));
