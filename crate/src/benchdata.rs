//! Large synthetic sales files for the throughput benchmark: a 1C-style CSV of any
//! length, written as fast as the disk takes it. Deterministic, so runs compare.

use std::io::{self, Write};

const MANAGERS: [&str; 6] =
    ["Иванов И.И.", "Петрова А.С.", "Сидоров В.К.", "Кузнецова Е.Н.", "Морозов Д.А.", "Волкова О.П."];

/// xorshift64*: fast, and the same stream on every target.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// Writes a header and `rows` sale lines for `clients` clients over 2022-2024;
/// orders of 1-5 lines, client sizes skewed (a few big, many small). Returns bytes written.
pub fn write(out: &mut impl Write, rows: u64, clients: u64) -> io::Result<u64> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut w = io::BufWriter::with_capacity(1 << 20, out);
    let header = "Дата;Документ;Контрагент;Менеджер;Номенклатура;Количество;Цена;Сумма\n";
    w.write_all(header.as_bytes())?;
    let mut bytes = header.len() as u64;
    let mut line = String::with_capacity(256);
    let (mut written, mut doc) = (0u64, 0u64);
    while written < rows {
        // Days 0..1095 in file order, so dates ascend like a real export.
        let day = written * 1095 / rows.max(1);
        let (y, doy) = (2022 + day / 365, day % 365);
        let (m, d) = ((doy / 31).min(11) + 1, doy % 28 + 1);
        let r = rng.below(1 << 20) as f64 / f64::from(1 << 20);
        let client = ((r * r) * clients as f64) as u64;
        doc += 1;
        for _ in 0..=rng.below(5) {
            if written == rows {
                break;
            }
            let qty = rng.below(20) + 1;
            let price = rng.below(99_900) + 100;
            let sum = qty * price;
            let product = rng.below(500);
            line.clear();
            use std::fmt::Write as _;
            let _ = writeln!(
                line,
                "{d:02}.{m:02}.{y};РН-{doc:08};ООО «Клиент {client:06}»;{};Товар {product} арт. {:05};{qty};{},{:02};{},{:02}",
                MANAGERS[(client % 6) as usize],
                product * 7919 % 100_000,
                price / 100,
                price % 100,
                sum / 100,
                sum % 100
            );
            w.write_all(line.as_bytes())?;
            bytes += line.len() as u64;
            written += 1;
        }
    }
    w.flush()?;
    Ok(bytes)
}

/// The file DuckDB-WASM is compared on (issue 16's side-by-side benchmark): `rows`
/// lines of `date,client,amount`, `clients` ids drawn uniformly, dates uniform over
/// 2025, amounts 0.00-1000.00, no order column. Returns bytes written.
pub fn write_plain(out: &mut impl Write, rows: u64, clients: u64) -> io::Result<u64> {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let mut w = io::BufWriter::with_capacity(1 << 20, out);
    let header = "date,client,amount\n";
    w.write_all(header.as_bytes())?;
    let mut bytes = header.len() as u64;
    let mut line = String::with_capacity(64);
    let start = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default();
    for _ in 0..rows {
        let day = start + chrono::Days::new(rng.below(365));
        let client = rng.below(clients);
        let cents = rng.below(100_001);
        line.clear();
        use std::fmt::Write as _;
        let _ = writeln!(line, "{},C{client:07},{}.{:02}", day.format("%Y-%m-%d"), cents / 100, cents % 100);
        w.write_all(line.as_bytes())?;
        bytes += line.len() as u64;
    }
    w.flush()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_file_reads_back_with_every_row_and_client() {
        let mut buf = Vec::new();
        super::write_plain(&mut buf, 5000, 100).unwrap();
        let r = crate::analyze(&buf, &crate::Options::default()).unwrap();
        assert_eq!(r.input.account.rows_used, 5000);
        assert_eq!(r.input.account.rows_skipped, 0);
        // 5000 draws over 100 ids: every id comes up (the chance one is missed is ~1e-20).
        assert_eq!(r.totals.clients, 100);
        assert!(
            r.totals.first_date.to_string().starts_with("2025-01")
                && r.totals.last_date.to_string().starts_with("2025-12")
        );
    }

    #[test]
    fn writes_exactly_the_rows_asked_and_reads_back() {
        let mut buf = Vec::new();
        super::write(&mut buf, 1000, 50).unwrap();
        let r = crate::analyze(&buf, &crate::Options::default()).unwrap();
        assert_eq!(r.input.account.rows_used, 1000);
        assert_eq!(r.input.account.rows_skipped, 0);
        assert!(r.totals.clients <= 50);
    }
}
