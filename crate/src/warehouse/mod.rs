//! The warehouse path: a data warehouse (DuckDB, Spark, ClickHouse, BigQuery,
//! PostgreSQL) collapses its sale lines into one row per client and day, and
//! Clientscope analyses that summary as it would the lines (ingest reads it by its
//! `purchases` column, see [`crate::ingest::Mapping::is_summary`]).
//!
//! [`sql`] writes the query for each engine from the same column roles the CLI
//! and the page's column panel use ([`crate::ingest::Role`]).

pub mod lines;
#[cfg(not(target_arch = "wasm32"))]
pub mod parquet;
pub mod sql;
