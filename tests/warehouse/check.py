"""Runs `clientscope sql`'s query on DuckDB and Spark and compares the Reports.

usage: check.py CLIENTSCOPE [--only duckdb|spark]

For every input (the demo and the fixtures): the raw file's Report, then for each
engine: the file's typed lines loaded as text, the engine's query run on them,
its summary written as CSV and as Parquet, the summary's Reports.
The Reports must agree except where a summary cannot: `input` (rows, headers)
and products (product ABC, "dropped a product" or category, the products in the
win-back and one-time lists), as crate/tests/warehouse.rs compares them.
"""

import csv
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

ROLES = ["client", "date", "amount", "quantity", "profit", "order", "manager", "branch",
         "channel", "potential", "reason", "nps", "cost_to_serve"]


def run(cli, *args):
    out = subprocess.run([cli, *args], check=True, capture_output=True)
    return out.stdout


def report(cli, path, currency=None):
    """The CLI's Report; `currency` set as a user sets it for a summary, whose
    revenue column names no currency (the lines' amount header may)."""
    if currency is None:
        return json.loads(run(cli, "analyze", path, "--json"))
    config = path + ".config.json"
    with open(config, "w", encoding="utf-8") as f:
        json.dump({"currency": currency}, f)
    return json.loads(run(cli, "analyze", path, "--json", "--config", config))


def comparable(r):
    r = dict(r)
    r.pop("input")
    r["abc_by"] = {k: v for k, v in r["abc_by"].items() if k != "product"}
    product_flag = ("dropped_products", "dropped_categories")
    for c in r["clients"]:
        c["flags"] = [f for f in c["flags"] if f["code"] not in product_flag]
    counts = r["flags"].get("counts", {})
    for k in product_flag:
        counts.pop(k, None)
    strip(r["winback"])
    strip(r["one_time_buyers"])
    return r


def strip(v):
    if isinstance(v, dict):
        v.pop("products", None)
        for x in v.values():
            strip(x)
    elif isinstance(v, list):
        for x in v:
            strip(x)


def diff(a, b, path, out):
    if len(out) >= 15:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in list(a) + [k for k in b if k not in a]:
            diff(a.get(k), b.get(k), f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{i}]", out)
    elif a != b:
        out.append(f"{path}: lines {json.dumps(a)[:80]} / summary {json.dumps(b)[:80]}")


def query(cli, engine):
    columns = ",".join(f"{r}={r}" for r in ROLES)
    sql = run(cli, "sql", "--engine", engine, "--table", "sales", "--columns", columns).decode()
    return sql.strip().rstrip(";")


def write_rows(path, names, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(names)
        for row in rows:
            w.writerow(["" if v is None else str(v) for v in row])


class DuckDB:
    name = "duckdb"

    def __init__(self, cli):
        import duckdb
        self.db = duckdb.connect()
        self.sql = query(cli, "duckdb")

    def summarise(self, lines_csv, out_csv, out_parquet):
        self.db.execute("DROP TABLE IF EXISTS sales")
        self.db.execute("CREATE TABLE sales AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
                        [lines_csv])
        cur = self.db.execute(self.sql)
        names = [d[0] for d in cur.description]
        write_rows(out_csv, names, cur.fetchall())
        if out_parquet:
            self.db.execute(f"COPY ({self.sql}) TO '{out_parquet}' (FORMAT parquet)")


class Spark:
    name = "spark"

    def __init__(self, cli):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("clientscope-warehouse")
                      .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                      .config("spark.sql.shuffle.partitions", "4")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")
        self.sql = query(cli, "spark")

    def summarise(self, lines_csv, out_csv, out_parquet):
        df = self.spark.read.csv(lines_csv, header=True, multiLine=True, escape='"')
        df.createOrReplaceTempView("sales")
        result = self.spark.sql(self.sql)
        write_rows(out_csv, result.columns, [tuple(r) for r in result.collect()])
        if out_parquet:
            # Spark writes a folder of part files; one partition gives one file.
            folder = out_parquet + ".d"
            result.coalesce(1).write.mode("overwrite").parquet(folder)
            (part,) = glob.glob(os.path.join(folder, "part-*.parquet"))
            os.replace(part, out_parquet)


def inputs(cli, tmp):
    demo = os.path.join(tmp, "demo.csv")
    run(cli, "demo", "--out", demo)
    files = [demo]
    for name in ["abc_hand.csv", "abc_small.csv", "segments_hand.csv", "dynamics_hand.csv",
                 "churn_reasons.csv", "cdnow_master.csv"]:
        files.append(os.path.join("tests/fixtures", name))
    for path in sorted(glob.glob("tests/fixtures/ingest/*")):
        if not path.endswith((".json", ".py")):
            files.append(path)
    return files


def main():
    cli = os.path.abspath(sys.argv[1])
    only = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--only" else None
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        files = inputs(cli, tmp)
        engines = []
        for cls in (DuckDB, Spark):
            if only in (None, cls.name):
                started = time.time()
                engines.append(cls(cli))
                print(f"{cls.name}: started in {time.time() - started:.1f} s", flush=True)
        for path in files:
            name = os.path.basename(path)
            lines = os.path.join(tmp, "lines.csv")
            with open(lines, "wb") as f:
                f.write(run(cli, "lines", path))
            full = report(cli, path)
            want = comparable(full)
            for e in engines:
                out_csv = os.path.join(tmp, f"{e.name}-summary.csv")
                out_parquet = os.path.join(tmp, f"{e.name}-summary.parquet")
                e.summarise(lines, out_csv, out_parquet)
                for out in filter(None, [out_csv, out_parquet]):
                    got = report(cli, out, full["settings"].get("currency"))
                    codes = [w["code"] for w in got["input"]["warnings"]]
                    problems = [] if "summary_input" in codes else [f"not read as a summary: {codes}"]
                    diff(want, comparable(got), name, problems)
                    kind = os.path.splitext(out)[1][1:]
                    if problems:
                        failures += 1
                        print(f"FAIL {e.name} {kind} {name}:\n  " + "\n  ".join(problems), flush=True)
                    else:
                        print(f"ok   {e.name} {kind} {name}: {len(want['clients'])} clients", flush=True)
    if failures:
        sys.exit(f"{failures} summaries gave another Report")


if __name__ == "__main__":
    main()
