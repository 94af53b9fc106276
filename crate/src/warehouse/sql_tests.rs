//! The generated SQL text per engine: quoting, the columns kept, hostile names.
//! That each engine runs it and agrees with the line reader is checked on real
//! engines by `make test-warehouse` (DuckDB and Spark).

use super::*;

fn cols(pairs: &[(Role, &str)]) -> BTreeMap<Role, String> {
    pairs.iter().map(|(r, n)| (*r, n.to_string())).collect()
}

/// The summary's column names, from the final SELECT.
fn summary_columns(q: &str) -> String {
    let select = q.rsplit("FROM facts").nth(1).unwrap_or("");
    let list = select.rsplit("SELECT\n").next().unwrap_or("");
    list.split(",\n").map(|c| c.trim().rsplit(" AS ").next().unwrap_or("")).collect::<Vec<_>>().join(" ")
}

#[test]
fn identifiers_are_quoted_per_engine() {
    let hostile = "a\"b`c\\d; DROP TABLE x; --";
    let want = [
        (Engine::DuckDb, "\"a\"\"b`c\\d; DROP TABLE x; --\""),
        (Engine::Postgres, "\"a\"\"b`c\\d; DROP TABLE x; --\""),
        (Engine::Spark, "`a\"b``c\\d; DROP TABLE x; --`"),
        (Engine::ClickHouse, "`a\"b\\`c\\\\d; DROP TABLE x; --`"),
        (Engine::BigQuery, "`a\"b\\`c\\\\d; DROP TABLE x; --`"),
    ];
    for (e, quoted) in want {
        assert_eq!(e.ident(hostile), quoted, "{}", e.key());
        assert_eq!(Engine::from_key(e.key()), Some(e));
    }
    assert_eq!(Engine::BigQuery.table("proj.sales_ds.lines"), "`proj`.`sales_ds`.`lines`");
    assert_eq!(Engine::Postgres.table("public.sales"), "\"public\".\"sales\"");
}

#[test]
fn hostile_names_stay_inside_their_quotes() {
    let names = ["Client\"; DROP TABLE sales; --", "Дата `x`", "sum\\", "O'Brien", "a\nb"];
    for e in Engine::ALL {
        let c = cols(&[
            (Role::Client, names[0]),
            (Role::Date, names[1]),
            (Role::Amount, names[2]),
            (Role::Manager, names[3]),
            (Role::Order, names[4]),
        ]);
        let q = query(e, "sales", &c).unwrap();
        for n in names {
            assert!(q.contains(&e.ident(n)), "{}: {n}", e.key());
        }
        // Removing every quoted name leaves no statement separator but the last.
        let mut rest = q.clone();
        for n in names {
            rest = rest.replace(&e.ident(n), "X");
        }
        assert_eq!(rest.matches(';').count(), 1, "{}:\n{q}", e.key());
        assert!(rest.trim_end().ends_with(';'));
        // A single quote in a name is inside an identifier, not a string literal.
        assert!(!rest.contains("O'Brien"));
    }
}

#[test]
fn duckdb_query_for_a_full_export() {
    let c = cols(&[
        (Role::Client, "Customer"),
        (Role::Date, "Date"),
        (Role::Amount, "Amount"),
        (Role::Order, "Order"),
        (Role::Quantity, "Qty"),
        (Role::Profit, "Profit"),
        (Role::Manager, "Manager"),
        (Role::Channel, "Channel"),
        (Role::Nps, "NPS"),
    ]);
    let q = query(Engine::DuckDb, "sales", &c).unwrap();
    for part in [
        "NULLIF(TRIM(CAST(\"Customer\" AS VARCHAR)), '') AS client",
        "TRY_CAST(\"Date\" AS DATE) AS day",
        "TRY_CAST(\"Amount\" AS DECIMAL(38, 4)) AS amount",
        "FROM \"sales\"",
        "(amount < 0 OR COALESCE(quantity < 0, FALSE) OR COALESCE(regexp_matches(order_id, '^C[0-9]'), FALSE)) AS is_return",
        "GROUP BY client, order_id, CASE WHEN order_id IS NULL THEN day END",
        "GROUP BY client, day, manager\n",
        "MAX(channel) AS channel",
        "WHERE nps BETWEEN 0 AND 10 AND nps = FLOOR(nps)",
    ] {
        assert!(q.contains(part), "missing {part:?} in\n{q}");
    }
    // Only the roles the table has become summary columns.
    assert_eq!(
        summary_columns(&q),
        "client date manager revenue margin quantity purchases returns returns_amount channel nps"
    );
}

#[test]
fn engine_specific_pieces() {
    let c = cols(&[
        (Role::Client, "c"),
        (Role::Date, "d"),
        (Role::Quantity, "q"),
        (Role::Price, "p"),
        (Role::Manager, "m"),
        (Role::Order, "o"),
    ]);
    let cases: [(Engine, &[&str]); 5] = [
        (
            Engine::Spark,
            &[
                "TRY_CAST(`d` AS DATE)",
                "(order_id RLIKE '^C[0-9]')",
                "CAST(SUM(purchases) AS BIGINT)",
                "TRY_CAST(TRY_CAST(`q` AS DECIMAL(38, 4)) * TRY_CAST(`p` AS DECIMAL(38, 4)) AS DECIMAL(38, 4))",
            ],
        ),
        (
            Engine::Postgres,
            &[
                "CAST(\"d\" AS DATE)",
                "(order_id ~ '^C[0-9]')",
                "MIN(manager COLLATE \"C\")",
                "CAST(\"q\" AS NUMERIC(38, 4))",
            ],
        ),
        (
            Engine::BigQuery,
            &[
                "SAFE_CAST(`d` AS DATE)",
                "REGEXP_CONTAINS(order_id, r'^C[0-9]')",
                "CAST(SUM(purchases) AS INT64)",
                "ROUND(SAFE_CAST(`q` AS NUMERIC), 4)",
            ],
        ),
        (
            Engine::ClickHouse,
            &[
                "toDateOrNull(toString(`d`))",
                "match(order_id, '^C[0-9]')",
                "toDecimal128OrNull(toString(`q`), 4)",
                "nullIf(trimBoth(toString(`c`)), '')",
            ],
        ),
        (Engine::DuckDb, &["regexp_matches(order_id, '^C[0-9]')"]),
    ];
    for (e, parts) in cases {
        let q = query(e, "sales", &c).unwrap();
        for part in parts {
            assert!(q.contains(part), "{}: missing {part:?} in\n{q}", e.key());
        }
        // No margin, cost to serve or NPS column in the table: none in the summary.
        assert_eq!(
            summary_columns(&q),
            "client date manager revenue quantity purchases returns returns_amount",
            "{}",
            e.key()
        );
        assert!(!q.contains("FROM ok\nWHERE nps"), "{}", e.key());
    }
}

#[test]
fn what_cannot_be_written_says_why() {
    let e = Engine::DuckDb;
    assert_eq!(query(e, "t", &cols(&[(Role::Client, "c")])), Err(SqlError::Missing(vec![Role::Date, Role::Amount])));
    let quantity_only = cols(&[(Role::Client, "c"), (Role::Date, "d"), (Role::Quantity, "q")]);
    assert_eq!(query(e, "t", &quantity_only), Err(SqlError::Missing(vec![Role::Amount])));
    let product = cols(&[(Role::Client, "c"), (Role::Date, "d"), (Role::Amount, "a"), (Role::Product, "p")]);
    assert_eq!(query(e, "t", &product), Err(SqlError::NotInSummary(Role::Product)));
    assert!(SqlError::NotInSummary(Role::Product).to_string().contains("sale lines"));
    assert_eq!(query(e, " ", &cols(&[])), Err(SqlError::EmptyTable));
    let empty = cols(&[(Role::Client, ""), (Role::Date, "d"), (Role::Amount, "a")]);
    assert_eq!(query(e, "t", &empty), Err(SqlError::EmptyName(Role::Client)));
}

#[test]
fn columns_use_the_role_keys_of_the_config() {
    let c = parse_columns("client=Customer ID, date=Order date,amount=Net,cost_to_serve=Service").unwrap();
    assert_eq!(c[&Role::Client], "Customer ID");
    assert_eq!(c[&Role::CostToServe], "Service");
    assert!(parse_columns("buyer=x").unwrap_err().contains("unknown role 'buyer'"));
    assert!(parse_columns("client").unwrap_err().contains("not role=column"));
}
