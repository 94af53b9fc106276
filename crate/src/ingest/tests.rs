//! Ingest end to end on small inputs: row account, line numbers, chunking.

use super::*;
use crate::ledger::Ledger;

struct Collect(Vec<(u64, String, String, i64, bool)>);

impl RowSink for Collect {
    fn add(&mut self, r: &Row<'_>) -> Result<(), Error> {
        self.0.push((r.line, r.date.to_string(), r.client.to_string(), r.amount.0, r.is_return));
        Ok(())
    }
}

/// line, date, client, amount (minor units), is a return.
type Got = (u64, String, String, i64, bool);

fn run_chunks(bytes: &[u8], chunk: usize) -> Result<(InputInfo, Vec<Got>), Error> {
    let mut ing = Ingest::new(&crate::Options::default());
    let mut sink = Collect(Vec::new());
    for c in bytes.chunks(chunk.max(1)) {
        ing.push(c, &mut sink)?;
    }
    let info = ing.finish(&mut sink)?;
    Ok((info, sink.0))
}

const ONE_C: &str = "\u{feff}Продажи по контрагентам\r\nПериод: 2024 г.\r\n\r\n\
Дата;Контрагент;Сумма;\r\n\
01.02.2024;ООО «Ромашка»;1 234,50;\r\n\
02.02.2024;\"ИП Иванов; филиал\";100;\r\n\
\r\n\
31.02.2024;ООО «Ромашка»;5;\r\n\
03.02.2024;;5;\r\n\
04.02.2024;ООО «Ромашка»;пять;\r\n\
05.02.2024;\"ООО \"\"Кавычки\"\"\r\nвторая строка\";-10,00;\r\n\
;;;\r\n\
Итого;;1 334,50;\r\n";

#[test]
fn one_c_style_report_is_accounted_row_by_row() {
    let (info, rows) = run_chunks(ONE_C.as_bytes(), usize::MAX).unwrap();
    assert_eq!(info.delimiter.as_deref(), Some(";"));
    assert_eq!(info.header_line, 4);
    assert_eq!(info.account.preamble_lines, 2);
    assert_eq!(info.columns.get("client").map(String::as_str), Some("Контрагент"));
    let a = &info.account;
    assert_eq!((a.rows_read, a.rows_used, a.rows_skipped), (8, 3, 5));
    let skipped: Vec<(&str, u64, Vec<u64>)> = a.skipped.iter().map(|(k, s)| (*k, s.count, s.lines.clone())).collect();
    assert_eq!(
        skipped,
        vec![
            ("bad_amount", 1, vec![10]),
            ("bad_date", 1, vec![8]),
            ("blank", 1, vec![13]),
            ("no_client", 1, vec![9]),
            ("totals_row", 1, vec![14]),
        ]
    );
    assert_eq!(
        rows,
        vec![
            (5, "2024-02-01".into(), "ООО «Ромашка»".into(), 12_345_000, false),
            (6, "2024-02-02".into(), "ИП Иванов; филиал".into(), 1_000_000, false),
            (11, "2024-02-05".into(), "ООО \"Кавычки\"\r\nвторая строка".into(), -100_000, true),
        ]
    );
}

#[test]
fn any_chunking_gives_the_same_rows_and_account() {
    let whole = run_chunks(ONE_C.as_bytes(), usize::MAX).unwrap();
    for size in [1, 2, 3, 5, 7, 16, 64] {
        assert_eq!(run_chunks(ONE_C.as_bytes(), size).unwrap(), whole, "chunk {size}");
    }
}

#[test]
fn quantity_times_price_and_cancelled_orders() {
    let csv = "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n\
536365,85123A,6,2010-12-01 08:26,2.55,17850\n\
C536379,D,-1,2010-12-01 09:41,27.50,14527\n\
536380,X,3,2010-12-01 09:41,0.3333,14527\n";
    let (info, rows) = run_chunks(csv.as_bytes(), usize::MAX).unwrap();
    assert_eq!(info.delimiter.as_deref(), Some(","));
    assert_eq!(rows[0].3, 153_000);
    assert_eq!((rows[1].3, rows[1].4), (-275_000, true));
    // 3 x 0.3333 = 0.9999 exactly.
    assert_eq!(rows[2].3, 9_999);
}

#[test]
fn errors_say_what_is_wrong() {
    let cases: &[(&[u8], &str)] = &[
        (b"", "empty"),
        (b"\n\n\r\n", "empty"),
        (b"\xEF\xBB\xBF", "empty"),
        ("Дата;Клиент;Сумма\n".as_bytes(), "header_only"),
        ("Клиент;Сумма\nА;1\n".as_bytes(), "missing_columns"),
        ("Дата;Клиент;Сумма\nвчера;А;1\n".as_bytes(), "no_usable_rows"),
        (b"PK\x03\x04rest-of-zip", "unsupported_format"),
        (b"\x00\x01\x02\x03binary", "binary"),
    ];
    for (bytes, code) in cases {
        let err = run_chunks(bytes, usize::MAX).unwrap_err();
        assert_eq!(err.code(), *code, "{:?}", String::from_utf8_lossy(bytes));
    }
    let err = run_chunks("Клиент;Сумма\nА;1\n".as_bytes(), 4).unwrap_err();
    assert_eq!(
        err.message(crate::Lang::Ru),
        "Не найдены нужные столбцы: дата. Заголовки в строке 1: «Клиент», «Сумма». \
         Переименуйте столбцы или укажите их роли вручную."
    );
}

#[test]
fn ledger_sink_totals_match_the_rows() {
    let mut ing = Ingest::new(&crate::Options::default());
    let mut ledger = Ledger::new();
    ing.push(ONE_C.as_bytes(), &mut ledger).unwrap();
    ing.finish(&mut ledger).unwrap();
    let (clients, totals) = ledger.finish().unwrap();
    assert_eq!(clients.len(), 3);
    assert_eq!(totals.revenue.0, 12_345_000 + 1_000_000 - 100_000);
}
