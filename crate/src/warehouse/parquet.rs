//! A summary saved as Parquet (Spark's and BigQuery's default export), read
//! natively only: its rows are turned into the CSV text ingest reads, in chunks,
//! so the core and the page's wasm never see Parquet (nor grow by its reader).

use super::lines::field;
use crate::Error;
use chrono::{DateTime, NaiveDate};
use parquet::data_type::Decimal;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use std::fs::File;

/// The first bytes of a Parquet file.
pub const MAGIC: &[u8; 4] = b"PAR1";

/// CSV bytes handed on at a time.
const CHUNK: usize = 1 << 20;

fn unreadable(e: impl std::fmt::Display) -> Error {
    Error::Unreadable { detail: format!("Parquet: {e}") }
}

/// Reads the Parquet file and passes its rows on as CSV text with a header line,
/// in chunks of about a megabyte.
pub fn to_csv(file: File, push: &mut dyn FnMut(&[u8]) -> Result<(), Error>) -> Result<(), Error> {
    let reader = SerializedFileReader::new(file).map_err(unreadable)?;
    let names: Vec<String> = reader
        .metadata()
        .file_metadata()
        .schema_descr()
        .root_schema()
        .get_fields()
        .iter()
        .map(|f| field(f.name()))
        .collect();
    let mut buf = names.join(",");
    buf.push('\n');
    for row in reader.get_row_iter(None).map_err(unreadable)? {
        let row = row.map_err(unreadable)?;
        for (i, (_, value)) in row.get_column_iter().enumerate() {
            if i > 0 {
                buf.push(',');
            }
            buf.push_str(&cell(value));
        }
        buf.push('\n');
        if buf.len() >= CHUNK {
            push(buf.as_bytes())?;
            buf.clear();
        }
    }
    push(buf.as_bytes())
}

/// A value as the CSV reader reads it: text as is, dates ISO, decimals exact.
fn cell(v: &Field) -> String {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    match v {
        Field::Null => String::new(),
        Field::Str(s) => field(s),
        Field::Bytes(b) => field(&String::from_utf8_lossy(b.data())),
        Field::Date(days) => epoch
            .checked_add_signed(chrono::Duration::days(i64::from(*days)))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Field::TimestampMillis(ms) => {
            DateTime::from_timestamp_millis(*ms).map(|t| t.date_naive().to_string()).unwrap_or_default()
        }
        Field::TimestampMicros(us) => {
            DateTime::from_timestamp_micros(*us).map(|t| t.date_naive().to_string()).unwrap_or_default()
        }
        Field::Decimal(d) => decimal(d),
        Field::Bool(b) => b.to_string(),
        Field::Byte(n) => n.to_string(),
        Field::Short(n) => n.to_string(),
        Field::Int(n) => n.to_string(),
        Field::Long(n) => n.to_string(),
        Field::UByte(n) => n.to_string(),
        Field::UShort(n) => n.to_string(),
        Field::UInt(n) => n.to_string(),
        Field::ULong(n) => n.to_string(),
        Field::Float(x) => x.to_string(),
        Field::Double(x) => x.to_string(),
        other => field(&other.to_string()),
    }
}

/// A Parquet decimal (a big-endian two's complement integer and a scale) as text.
fn decimal(d: &Decimal) -> String {
    let bytes = d.data();
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    let mut v: i128 = if negative { -1 } else { 0 };
    for &b in bytes.iter().take(16) {
        v = (v << 8) | i128::from(b);
    }
    let scale = u32::try_from(d.scale()).unwrap_or(0);
    let digits = v.unsigned_abs().to_string();
    let sign = if negative { "-" } else { "" };
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale as usize + 1);
    let (whole, frac) = padded.split_at(padded.len() - scale as usize);
    format!("{sign}{whole}.{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_every_digit() {
        let cases: [(i128, i32, &str); 5] = [
            (10_000_000, 4, "1000.0000"),
            (-500_000, 4, "-50.0000"),
            (5, 4, "0.0005"),
            (-5, 4, "-0.0005"),
            (123, 0, "123"),
        ];
        for (v, scale, want) in cases {
            let d = Decimal::from_bytes(v.to_be_bytes().to_vec().into(), 38, scale);
            assert_eq!(decimal(&d), want);
        }
    }
}
