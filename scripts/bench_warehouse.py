"""DuckDB's part of scripts/bench-warehouse.sh: generate lines, run the summary
query, generate a summary directly, count rows. Deterministic (hash of the row
number), so every run sees the same data."""

import sys

import duckdb


def connect(path=None):
    db = duckdb.connect(path) if path else duckdb.connect()
    db.execute("SET threads = 2")
    db.execute("SET memory_limit = '12GB'")
    db.execute("SET preserve_insertion_order = false")
    return db


def generate(path, lines, clients):
    # Orders of one to five lines (1-2-3-4-5 repeating: 3 on average) of one client
    # on one day; clients drawn with a skew (a few large, many small), 40 managers,
    # 8 branches; one line in 50 a return.
    db = connect(path)
    db.execute(f"""
        CREATE TABLE sales AS
        WITH l AS (SELECT i, i // 3 AS o FROM range({lines}) t(i)),
        o AS (SELECT i, o, CAST(floor({clients} * pow((hash(o) % 1000003) / 1000003.0, 1.6)) AS BIGINT) AS c FROM l)
        SELECT
          'C' || lpad(CAST(c AS VARCHAR), 8, '0') AS client,
          DATE '2023-01-01' + CAST(hash(o, 7) % 1095 AS INTEGER) AS date,
          'D' || CAST(o AS VARCHAR) AS order_id,
          CAST(1 + hash(i, 3) % 5 AS DECIMAL(18, 4)) AS quantity,
          CAST((CASE WHEN hash(i, 5) % 50 = 0 THEN -1 ELSE 1 END) * (1 + hash(i, 11) % 100000) / 100.0 AS DECIMAL(18, 4)) AS amount,
          CAST((CASE WHEN hash(i, 5) % 50 = 0 THEN -1 ELSE 1 END) * (1 + hash(i, 11) % 100000) / 400.0 AS DECIMAL(18, 4)) AS profit,
          'Manager ' || CAST(hash(c, 13) % 40 AS VARCHAR) AS manager,
          'Branch ' || CAST(hash(c, 17) % 8 AS VARCHAR) AS branch
        FROM o
    """)
    db.close()


def aggregate(path, sql_path, out):
    db = connect(path)
    sql = open(sql_path, encoding="utf-8").read().strip().rstrip(";")
    fmt = "parquet" if out.endswith(".parquet") else "csv, header true"
    db.execute(f"COPY ({sql}) TO '{out}' (FORMAT {fmt})")
    db.close()


def summary(out, clients):
    # Each client buys on 2 to 12 days over three years.
    db = connect()
    db.execute(f"""
        COPY (
          WITH c AS (SELECT c, CAST(2 + hash(c) % 11 AS BIGINT) AS days FROM range({clients}) t(c)),
          d AS (SELECT c, k FROM c, LATERAL (SELECT unnest(range(days)) AS k))
          SELECT 'C' || lpad(CAST(c AS VARCHAR), 8, '0') AS client,
                 DATE '2023-01-01' + CAST(hash(c, k) % 1095 AS INTEGER) AS date,
                 CAST((1 + hash(c, k, 3) % 100000) / 100.0 AS DECIMAL(38, 4)) AS revenue,
                 CAST(1 AS BIGINT) AS purchases
          FROM d ORDER BY client, date
        ) TO '{out}' (FORMAT {"parquet" if out.endswith(".parquet") else "csv, header true"})
    """)


def rows(path):
    read = "read_parquet" if path.endswith(".parquet") else "read_csv"
    print(connect().execute(f"SELECT count(*) FROM {read}('{path}')").fetchone()[0])


def lines_csv(path, out):
    connect(path).execute(f"COPY sales TO '{out}' (FORMAT csv, header true)")


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "generate":
        generate(args[0], int(args[1]), int(args[2]))
    elif cmd == "aggregate":
        aggregate(*args)
    elif cmd == "summary":
        summary(args[0], int(args[1]))
    elif cmd == "rows":
        rows(args[0])
    elif cmd == "lines":
        lines_csv(*args)
