//! The query that turns a table of sale lines into the per-client-day summary,
//! written for each engine's SQL with the user's column names.
//!
//! What a summary row holds, so that the ledger builds from it what it builds from
//! the lines (the README's "From a data warehouse"):
//! - one row per client, day, manager and branch: revenue, margin, quantity and
//!   cost to serve summed, return lines counted with their amount, and the greatest
//!   channel, potential and churn reason (a client's profile keeps the greatest
//!   text of its latest day, so the greatest of each day is enough);
//! - purchases: each distinct order of a client (or day, without an order column)
//!   counts once, on its earliest day, under the first manager and branch of its
//!   lines (by binary text order, as the ledger picks them); return lines are not
//!   purchases;
//! - each NPS answer is a row of its own (answers are counted, not summed).
//!
//! Lines are kept as the line reader keeps them: a client and a date, and an
//! amount (or quantity x price); text is trimmed and empty text is none; a return
//! is a negative amount or quantity, or an order id `C` + digit.

use crate::ingest::Role;
use std::collections::BTreeMap;
use std::fmt::{self, Write};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    DuckDb,
    Spark,
    ClickHouse,
    BigQuery,
    Postgres,
}

impl Engine {
    pub const ALL: [Engine; 5] =
        [Engine::DuckDb, Engine::Spark, Engine::ClickHouse, Engine::BigQuery, Engine::Postgres];

    pub fn key(self) -> &'static str {
        match self {
            Engine::DuckDb => "duckdb",
            Engine::Spark => "spark",
            Engine::ClickHouse => "clickhouse",
            Engine::BigQuery => "bigquery",
            Engine::Postgres => "postgres",
        }
    }

    pub fn from_key(key: &str) -> Option<Engine> {
        Engine::ALL.into_iter().find(|e| e.key() == key)
    }

    /// A quoted identifier: any text, quotes inside it escaped as the engine reads them.
    pub fn ident(self, name: &str) -> String {
        match self {
            Engine::DuckDb | Engine::Postgres => format!("\"{}\"", name.replace('"', "\"\"")),
            Engine::Spark => format!("`{}`", name.replace('`', "``")),
            // Backslash escapes in both: a backslash itself first.
            Engine::ClickHouse | Engine::BigQuery => format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`")),
        }
    }

    /// A table reference: each dot-separated part quoted (`db.sales`, `project.dataset.sales`).
    pub fn table(self, name: &str) -> String {
        name.split('.').map(|p| self.ident(p.trim())).collect::<Vec<_>>().join(".")
    }

    /// Trimmed text, none when empty.
    fn text(self, e: &str) -> String {
        match self {
            Engine::DuckDb => format!("NULLIF(TRIM(CAST({e} AS VARCHAR)), '')"),
            Engine::Postgres => format!("NULLIF(TRIM(CAST({e} AS TEXT)), '')"),
            Engine::Spark | Engine::BigQuery => format!("NULLIF(TRIM(CAST({e} AS STRING)), '')"),
            Engine::ClickHouse => format!("nullIf(trimBoth(toString({e})), '')"),
        }
    }

    /// A date, none when it does not read as one (PostgreSQL has no such cast: a
    /// bad value stops the query, which a typed column never has).
    fn date(self, e: &str) -> String {
        match self {
            Engine::DuckDb | Engine::Spark => format!("TRY_CAST({e} AS DATE)"),
            Engine::Postgres => format!("CAST({e} AS DATE)"),
            Engine::BigQuery => format!("SAFE_CAST({e} AS DATE)"),
            Engine::ClickHouse => format!("toDateOrNull(toString({e}))"),
        }
    }

    /// An exact decimal with the four places Clientscope keeps (never a float).
    fn decimal(self, e: &str) -> String {
        match self {
            Engine::DuckDb | Engine::Spark => format!("TRY_CAST({e} AS DECIMAL(38, 4))"),
            Engine::Postgres => format!("CAST({e} AS NUMERIC(38, 4))"),
            Engine::BigQuery => format!("ROUND(SAFE_CAST({e} AS NUMERIC), 4)"),
            Engine::ClickHouse => format!("toDecimal128OrNull(toString({e}), 4)"),
        }
    }

    /// A decimal zero of the same type, for the parts of a union.
    fn zero(self) -> &'static str {
        match self {
            Engine::DuckDb | Engine::Spark => "CAST(0 AS DECIMAL(38, 4))",
            Engine::Postgres => "CAST(0 AS NUMERIC(38, 4))",
            Engine::BigQuery => "CAST(0 AS NUMERIC)",
            Engine::ClickHouse => "toDecimal128(0, 4)",
        }
    }

    /// Order id `C` followed by a digit: a cancelled invoice (UCI Online Retail).
    fn cancelled(self, e: &str) -> String {
        match self {
            Engine::DuckDb => format!("regexp_matches({e}, '^C[0-9]')"),
            Engine::Postgres => format!("({e} ~ '^C[0-9]')"),
            Engine::Spark => format!("({e} RLIKE '^C[0-9]')"),
            Engine::BigQuery => format!("REGEXP_CONTAINS({e}, r'^C[0-9]')"),
            Engine::ClickHouse => format!("match({e}, '^C[0-9]')"),
        }
    }

    /// Text compared byte by byte, as Rust compares it (PostgreSQL's default
    /// collation follows the locale).
    fn binary(self, e: &str) -> String {
        match self {
            Engine::Postgres => format!("{e} COLLATE \"C\""),
            _ => e.to_string(),
        }
    }

    /// A NULL of text type, for a role the table lacks (some engines will not take
    /// the minimum of an untyped NULL).
    fn null_text(self) -> &'static str {
        match self {
            Engine::DuckDb => "CAST(NULL AS VARCHAR)",
            Engine::Postgres => "CAST(NULL AS TEXT)",
            Engine::Spark | Engine::BigQuery => "CAST(NULL AS STRING)",
            Engine::ClickHouse => "CAST(NULL AS Nullable(String))",
        }
    }

    fn null_decimal(self) -> &'static str {
        match self {
            Engine::DuckDb | Engine::Spark => "CAST(NULL AS DECIMAL(38, 4))",
            Engine::Postgres => "CAST(NULL AS NUMERIC(38, 4))",
            Engine::BigQuery => "CAST(NULL AS NUMERIC)",
            Engine::ClickHouse => "CAST(NULL AS Nullable(Decimal(38, 4)))",
        }
    }

    fn int(self, e: &str) -> String {
        match self {
            Engine::ClickHouse => format!("toInt64({e})"),
            Engine::BigQuery => format!("CAST({e} AS INT64)"),
            _ => format!("CAST({e} AS BIGINT)"),
        }
    }
}

/// Why a query cannot be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SqlError {
    /// Date, client, and amount (or quantity and price) are needed.
    Missing(Vec<Role>),
    /// A role a summary does not carry: products need the lines; purchases and
    /// returns are what the query counts.
    NotInSummary(Role),
    EmptyName(Role),
    EmptyTable,
}

impl fmt::Display for SqlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SqlError::Missing(roles) => {
                let keys: Vec<&str> = roles.iter().map(|r| r.key()).collect();
                write!(f, "--columns needs {} (amount may be quantity and price)", keys.join(", "))
            }
            SqlError::NotInSummary(r @ (Role::Product | Role::Category)) => {
                write!(f, "{}: a summary has no products; their analyses need the sale lines", r.key())
            }
            SqlError::NotInSummary(r) => write!(f, "{}: the query counts it from the lines", r.key()),
            SqlError::EmptyName(r) => write!(f, "{}: the column name is empty", r.key()),
            SqlError::EmptyTable => write!(f, "--table is empty"),
        }
    }
}

/// Parses `client=Customer,date=Order date,...`: role keys as in `--config`'s
/// `columns`. A name cannot hold a comma here (the function takes any name).
pub fn parse_columns(spec: &str) -> Result<BTreeMap<Role, String>, String> {
    let mut out = BTreeMap::new();
    for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
        let (key, name) = part.split_once('=').ok_or_else(|| format!("--columns: '{part}' is not role=column"))?;
        let role = Role::from_key(key.trim()).ok_or_else(|| {
            let keys: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
            format!("--columns: unknown role '{}'; roles: {}", key.trim(), keys.join(", "))
        })?;
        out.insert(role, name.trim().to_string());
    }
    Ok(out)
}

/// The summary query for `engine` over `table`, with `columns` (role -> column name).
pub fn query(engine: Engine, table: &str, columns: &BTreeMap<Role, String>) -> Result<String, SqlError> {
    if table.trim().is_empty() {
        return Err(SqlError::EmptyTable);
    }
    for (&role, name) in columns {
        if matches!(role, Role::Product | Role::Category | Role::Purchases | Role::Returns | Role::ReturnsAmount) {
            return Err(SqlError::NotInSummary(role));
        }
        if name.is_empty() {
            return Err(SqlError::EmptyName(role));
        }
    }
    let has = |r: Role| columns.contains_key(&r);
    let mut missing: Vec<Role> = [Role::Date, Role::Client].into_iter().filter(|r| !has(*r)).collect();
    if !(has(Role::Amount) || has(Role::Quantity) && has(Role::Price)) {
        missing.push(Role::Amount);
    }
    if !missing.is_empty() {
        return Err(SqlError::Missing(missing));
    }
    let e = engine;
    let col = |r: Role| columns.get(&r).map(|n| e.ident(n));
    let mut s = String::new();
    let w = &mut s;
    // The lines, typed as the line reader types them.
    let _ = writeln!(w, "-- Clientscope summary: one row per client and day ({} SQL).", e.key());
    let _ = writeln!(w, "WITH lines AS (\n  SELECT");
    let mut sel: Vec<String> = Vec::new();
    sel.push(format!("{} AS client", e.text(&col(Role::Client).unwrap_or_default())));
    sel.push(format!("{} AS day", e.date(&col(Role::Date).unwrap_or_default())));
    let amount = match (col(Role::Amount), col(Role::Quantity), col(Role::Price)) {
        (Some(a), _, _) => e.decimal(&a),
        (None, Some(q), Some(p)) => e.decimal(&format!("{} * {}", e.decimal(&q), e.decimal(&p))),
        _ => String::new(),
    };
    sel.push(format!("{amount} AS amount"));
    let opt_dec = |r: Role| col(r).map(|c| e.decimal(&c)).unwrap_or_else(|| e.null_decimal().into());
    sel.push(format!("{} AS quantity", opt_dec(Role::Quantity)));
    sel.push(format!("{} AS profit", opt_dec(Role::Profit)));
    sel.push(format!("{} AS cost", opt_dec(Role::Cost)));
    sel.push(format!("{} AS cost_to_serve", opt_dec(Role::CostToServe)));
    sel.push(format!("{} AS nps", opt_dec(Role::Nps)));
    for (role, alias) in [
        (Role::Order, "order_id"),
        (Role::Manager, "manager"),
        (Role::Branch, "branch"),
        (Role::Channel, "channel"),
        (Role::Potential, "potential"),
        (Role::Reason, "reason"),
    ] {
        let v = col(role).map(|c| e.text(&c)).unwrap_or_else(|| e.null_text().into());
        sel.push(format!("{v} AS {alias}"));
    }
    let _ = writeln!(w, "    {}", sel.join(",\n    "));
    let _ = writeln!(w, "  FROM {}\n),", e.table(table));
    // Usable lines, with the return mark and the margin.
    let mut ret = vec!["amount < 0".to_string()];
    if has(Role::Quantity) {
        ret.push("COALESCE(quantity < 0, FALSE)".into());
    }
    if has(Role::Order) {
        ret.push(format!("COALESCE({}, FALSE)", e.cancelled("order_id")));
    }
    let _ = writeln!(w, "ok AS (\n  SELECT *,\n    ({}) AS is_return,", ret.join(" OR "));
    let _ = writeln!(w, "    COALESCE(profit, amount - cost) AS margin");
    let _ = writeln!(w, "  FROM lines\n  WHERE client IS NOT NULL AND day IS NOT NULL AND amount IS NOT NULL\n),");
    // Day sums, and each order once on its first day under its first manager and branch.
    let z = e.zero();
    let _ = writeln!(w, "facts AS (");
    let _ = writeln!(
        w,
        "  SELECT client, day, manager, branch, amount AS revenue, margin, quantity, cost_to_serve, 0 AS purchases,\n    \
         CASE WHEN is_return THEN 1 ELSE 0 END AS returns, CASE WHEN is_return THEN amount ELSE {z} END AS returns_amount,\n    \
         channel, potential, reason\n  FROM ok"
    );
    let order_key = if has(Role::Order) { "order_id, CASE WHEN order_id IS NULL THEN day END" } else { "day" };
    let _ = writeln!(w, "  UNION ALL");
    let _ = writeln!(
        w,
        "  SELECT client, MIN(day), MIN({}), MIN({}), {z}, NULL, NULL, NULL, 1, 0, {z}, NULL, NULL, NULL\n  \
         FROM ok WHERE NOT is_return GROUP BY client, {order_key}\n)",
        e.binary("manager"),
        e.binary("branch"),
    );
    // The summary: only the columns the lines have, named so ingest knows them.
    let mut out: Vec<(String, Option<Role>)> = vec![
        ("client".into(), None),
        ("day AS date".into(), None),
        ("manager".into(), Some(Role::Manager)),
        ("branch".into(), Some(Role::Branch)),
        ("SUM(revenue) AS revenue".into(), None),
        ("SUM(margin) AS margin".into(), if has(Role::Profit) { Some(Role::Profit) } else { Some(Role::Cost) }),
        ("SUM(quantity) AS quantity".into(), Some(Role::Quantity)),
        ("SUM(cost_to_serve) AS cost_to_serve".into(), Some(Role::CostToServe)),
        (format!("{} AS purchases", e.int("SUM(purchases)")), None),
        (format!("{} AS returns", e.int("SUM(returns)")), None),
        ("SUM(returns_amount) AS returns_amount".into(), None),
        (format!("MAX({}) AS channel", e.binary("channel")), Some(Role::Channel)),
        (format!("MAX({}) AS potential", e.binary("potential")), Some(Role::Potential)),
        (format!("MAX({}) AS reason", e.binary("reason")), Some(Role::Reason)),
    ];
    let nps = has(Role::Nps);
    if nps {
        out.push((format!("{} AS nps", e.int("NULL")), None));
    }
    let kept: Vec<&String> = out.iter().filter(|(_, r)| r.is_none_or(has)).map(|(c, _)| c).collect();
    let mut keys = vec!["client", "day"];
    keys.extend(has(Role::Manager).then_some("manager"));
    keys.extend(has(Role::Branch).then_some("branch"));
    let _ = writeln!(
        w,
        "SELECT\n  {}\nFROM facts\nGROUP BY {}",
        kept.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(",\n  "),
        keys.join(", ")
    );
    if nps {
        // One row per answer, nothing else on it.
        let answer: Vec<String> = out
            .iter()
            .filter(|(_, r)| r.is_none_or(has))
            .map(|(c, _)| {
                let alias = c.rsplit(" AS ").next().unwrap_or(c);
                match alias {
                    "client" => "client".to_string(),
                    "date" => "day AS date".to_string(),
                    "revenue" | "returns_amount" => format!("{z} AS {alias}"),
                    "purchases" | "returns" => format!("{} AS {alias}", e.int("0")),
                    "nps" => format!("{} AS nps", e.int("nps")),
                    _ => format!("NULL AS {alias}"),
                }
            })
            .collect();
        let _ = writeln!(
            w,
            "UNION ALL\nSELECT\n  {}\nFROM ok\nWHERE nps BETWEEN 0 AND 10 AND nps = FLOOR(nps)",
            answer.join(",\n  ")
        );
    }
    let _ = writeln!(w, "ORDER BY client, date;");
    Ok(s)
}

#[cfg(test)]
#[path = "sql_tests.rs"]
mod tests;
