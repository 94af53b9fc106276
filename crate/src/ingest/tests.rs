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

#[test]
fn a_currency_suffix_does_not_change_the_decimal_mark() {
    // The dot of `руб.`, `р.` and `грн.` once voted as a thousands mark and turned
    // 1 750,50 into 175 050,00.
    for suffix in ["руб.", "р.", "грн.", "₽", "RUB", "UAH"] {
        let csv = format!("Дата;Клиент;Сумма\n01.02.2024;А;1 500,00 {suffix}\n02.02.2024;Б;250,50 {suffix}\n");
        let (info, rows) = run_chunks(csv.as_bytes(), usize::MAX).unwrap();
        let total: i64 = rows.iter().map(|r| r.3).sum();
        assert_eq!(total, 17_505_000, "{suffix}");
        assert!(info.warnings.is_empty(), "{suffix}: {:?}", info.warnings);
    }
    let csv = "Date,Client,Amount\n2024-02-01,A,\"$1,500.00\"\n2024-02-02,B,$250.50\n2024-02-03,C,€ 3.25\n";
    let (_, rows) = run_chunks(csv.as_bytes(), usize::MAX).unwrap();
    assert_eq!(rows.iter().map(|r| r.3).sum::<i64>(), 17_537_500);
}

#[test]
fn the_currency_comes_from_the_amounts_or_their_header() {
    use crate::currency::Currency;
    let cases: &[(&str, Option<Currency>)] = &[
        ("Дата;Клиент;Сумма\n01.02.2024;А;1 500,00 руб.\n02.02.2024;Б;250,50 руб.\n", Some(Currency::Rub)),
        ("Дата;Клієнт;Сума, грн\n01.02.2024;А;1 500,00\n02.02.2024;Б;250,50\n", Some(Currency::Uah)),
        ("Date,Client,Amount\n2024-02-01,A,\"$1,500.00\"\n2024-02-02,B,$250.50\n", Some(Currency::Usd)),
        ("Date,Client,Amount USD\n2024-02-01,A,1500\n", Some(Currency::Usd)),
        ("Дата;Клиент;Сумма\n01.02.2024;А;1500 ₴\n02.02.2024;Б;250 ₴\n03.02.2024;В;7 $\n", Some(Currency::Uah)),
        // One dollar against one euro: the file names no single currency.
        ("Date,Client,Amount\n2024-02-01,A,$5\n2024-02-02,B,€ 3.25\n", None),
        ("Date,Client,Amount\n2024-02-01,A,5\n", None),
    ];
    for (csv, want) in cases {
        let (info, _) = run_chunks(csv.as_bytes(), usize::MAX).unwrap();
        assert_eq!(info.currency, *want, "{csv}");
    }
    // The setting wins over the file; without it the report names the file's.
    let csv = "Дата;Клиент;Сумма\n01.02.2024;А;1 500,00 руб.\n";
    let r = crate::analyze(csv.as_bytes(), &crate::Options::default()).unwrap();
    assert_eq!(r.settings.currency, Some(Currency::Rub));
    let o = crate::Options { currency: Some(Currency::Eur), ..crate::Options::default() };
    assert_eq!(crate::analyze(csv.as_bytes(), &o).unwrap().settings.currency, Some(Currency::Eur));
}

#[test]
fn cdnow_own_header_names_the_amount() {
    let csv = "customer_id,date,number_of_cds,dollar_value\n00001,19970101,1,11.77\n00002,19970112,1,12.00\n\
00002,19970112,5,77.00\n";
    let (info, rows) = run_chunks(csv.as_bytes(), usize::MAX).unwrap();
    assert_eq!(info.columns.get("amount").map(String::as_str), Some("dollar_value"));
    assert_eq!(info.columns.get("quantity").map(String::as_str), Some("number_of_cds"));
    assert_eq!(rows.iter().map(|r| r.3).sum::<i64>(), 1_007_700);
    assert_eq!(rows[2].1, "1997-01-12");
}

#[test]
fn an_error_quotes_a_short_excerpt_of_a_huge_header() {
    // One line of 1 MB (the issue's was 50 MB; the cut does not depend on the size).
    let one_line = "Клиент;".repeat(20_000) + &"x".repeat(1_000_000);
    let err = run_chunks(one_line.as_bytes(), 64 * 1024).unwrap_err();
    assert_eq!(err.code(), "missing_columns");
    for lang in [crate::Lang::Ru, crate::Lang::Uk, crate::Lang::En] {
        let msg = err.message(lang);
        assert!(msg.chars().count() < 500, "{} chars", msg.chars().count());
        assert!(msg.contains("«Клиент», «Клиент»") && msg.contains('…'), "{msg}");
    }
    let wide = format!("Дата;{};Сумма\n", "я".repeat(300_000));
    let msg = run_chunks(wide.as_bytes(), usize::MAX).unwrap_err().message(crate::Lang::En);
    assert!(msg.chars().count() < 500 && msg.contains("«Дата», «яя") && msg.contains('…'), "{msg}");
}

#[test]
fn sheet_and_reader_errors_quote_the_file_short_too() {
    // A workbook of 5 000 long sheet names, a sheet asked for by a long name, and a
    // reader's detail of 1 MB: each message stays a few hundred characters.
    let sheets: Vec<String> = (0..5_000).map(|i| format!("Лист {i} {}", "я".repeat(90))).collect();
    let errors = [
        Error::NoSuchSheet { sheet: "Продажи".repeat(1_000), sheets },
        Error::Unreadable { detail: "x".repeat(1_000_000) },
    ];
    for err in errors {
        for lang in [crate::Lang::Ru, crate::Lang::Uk, crate::Lang::En] {
            let msg = err.message(lang);
            assert!(msg.chars().count() < 800 && msg.contains('…'), "{} chars: {}", msg.chars().count(), &msg[..200]);
        }
    }
}

#[test]
fn all_ambiguous_dates_are_held_in_linear_time() {
    // Monthly billing on days 1..12: no date tells day from month, so every row is
    // held. Each new row once rescanned all held ones: 50 000 rows were 1.25e9
    // date reads (minutes); now each row is looked at once.
    let n = 50_000u64;
    let mut csv = String::from("Date;Client;Amount\n");
    for i in 0..n {
        csv.push_str(&format!("{:02}/{:02}/2024;C{};1\n", i % 12 + 1, (i + 5) % 12 + 1, i % 97));
    }
    let (info, rows) = run_chunks(csv.as_bytes(), 1 << 16).unwrap();
    assert_eq!(info.date_order, Some("dmy_assumed"));
    assert_eq!(info.account.rows_used, n);
    // Day first: 01/06/2024 is 1 June.
    assert_eq!(rows[0].1, "2024-06-01");
    assert_eq!(rows.iter().map(|r| r.3).sum::<i64>(), n as i64 * 10_000);
}

#[test]
fn cr_only_line_ends_are_lines() {
    // Old Mac exports: a CR alone ends each line. The delimiter is found, and
    // skipped rows keep their own line numbers (they were all "line 1").
    let lf = ONE_C.replace("\r\n", "\n");
    let cr = lf.replace('\n', "\r");
    let want = run_chunks(lf.as_bytes(), usize::MAX).unwrap();
    for size in [1, 2, 3, 7, 64, usize::MAX] {
        let got = run_chunks(cr.as_bytes(), size).unwrap();
        assert_eq!(got.0.delimiter.as_deref(), Some(";"), "chunk {size}");
        assert_eq!(got.0.account, want.0.account, "chunk {size}");
        // The quoted client spans a line end, kept as the file has it.
        let rows: Vec<_> = got.1.iter().map(|r| (r.0, r.2.replace('\r', "\n"), r.3)).collect();
        let want_rows: Vec<_> = want.1.iter().map(|r| (r.0, r.2.clone(), r.3)).collect();
        assert_eq!(rows, want_rows, "chunk {size}");
    }
    assert_eq!(want.0.account.skipped["bad_date"].lines, vec![8]);
    let csv = "Date,Client,Amount\r2024-01-05,A,1\r2024-01-06,B,x\r\r2024-01-07,C,3\r2024-01-08,D,4\r";
    let (info, rows) = run_chunks(csv.as_bytes(), usize::MAX).unwrap();
    assert_eq!(info.delimiter.as_deref(), Some(","));
    assert_eq!(info.account.skipped["bad_amount"].lines, vec![3]);
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 5, 6]);
}

#[test]
fn bitrix_deals_and_1c_documents_count_the_same_purchases() {
    // The same three sales: two documents (deals) of one company on one day, one of
    // another. Without the deal ID as the purchase key Bitrix24 counted two.
    let one_c = "Дата;Документ;Контрагент;Сумма\n12.03.2024;Реализация 1;ООО Керамика;100\n\
12.03.2024;Реализация 2;ООО Керамика;50\n13.03.2024;Реализация 3;ИП Петров;70\n";
    let bitrix = "\"ID\";\"Название сделки\";\"Стадия сделки\";\"Сумма\";\"Валюта\";\"Компания\";\"Дата создания\";\"Ответственный\"\n\
\"101\";\"Плитка\";\"Сделка успешна\";\"100.00\";\"RUB\";\"ООО Керамика\";\"12.03.2024 10:15:00\";\"Анна\"\n\
\"102\";\"Клей\";\"Сделка успешна\";\"50.00\";\"RUB\";\"ООО Керамика\";\"12.03.2024 16:00:00\";\"Анна\"\n\
\"103\";\"Затирка\";\"Сделка успешна\";\"70.00\";\"RUB\";\"ИП Петров\";\"13.03.2024 09:00:00\";\"Олег\"\n";
    let a = crate::analyze(one_c.as_bytes(), &crate::Options::default()).unwrap();
    let b = crate::analyze(bitrix.as_bytes(), &crate::Options::default()).unwrap();
    assert_eq!(b.input.columns.get("order").map(String::as_str), Some("ID"));
    assert_eq!((a.totals.purchases, b.totals.purchases), (3, 3));
    assert_eq!(a.totals.revenue, b.totals.revenue);
}

#[test]
fn a_missing_columns_error_carries_the_header_and_the_first_rows_under_it() {
    // Headers no role recognises: the page opens its column panel on these.
    let mut csv = String::from("Когда;Кто;Сколько\n");
    for day in 1..=8 {
        csv.push_str(&format!("0{day}.03.2025;ООО Ромашка {day};{day}00,50\n"));
    }
    let err = run_chunks(csv.as_bytes(), usize::MAX).unwrap_err();
    let crate::Error::MissingColumns { missing, headers, header_line, preview } = err else { panic!("{err:?}") };
    assert_eq!(headers, ["Когда", "Кто", "Сколько"]);
    assert_eq!(header_line, 1);
    assert_eq!(missing.len(), 3);
    // The first five rows under the header, as written.
    assert_eq!(preview.len(), 5);
    assert_eq!(preview[0], ["01.03.2025", "ООО Ромашка 1", "100,50"]);
    assert_eq!(preview[4], ["05.03.2025", "ООО Ромашка 5", "500,50"]);
    // With the roles named (as the panel sends them), the same file reads.
    let mut options = crate::Options::default();
    for (role, header) in [("date", "Когда"), ("client", "Кто"), ("amount", "Сколько")] {
        options.columns.insert(role.to_string(), header.to_string());
    }
    let mut ing = Ingest::new(&options);
    let mut sink = Collect(Vec::new());
    ing.push(csv.as_bytes(), &mut sink).unwrap();
    let info = ing.finish(&mut sink).unwrap();
    assert_eq!(info.account.rows_used, 8);
    assert_eq!(sink.0.iter().map(|r| r.3).sum::<i64>(), (1..=8).map(|d| d * 1_000_000 + 5_000).sum::<i64>());
}
