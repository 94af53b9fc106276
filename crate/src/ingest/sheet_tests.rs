//! Hostile and unlucky spreadsheets, each built here: a clear error or the right
//! figures, never a panic, an abort or an allocation the file only declares.

use super::*;
use crate::error::SheetLimit;
use std::io::Write;

struct Count(u64);

impl RowSink for Count {
    fn add(&mut self, _: &Row<'_>) -> Result<(), Error> {
        self.0 += 1;
        Ok(())
    }
}

fn read(bytes: &[u8]) -> Result<InputInfo, Error> {
    let mut ing = Ingest::new(&crate::Options::default());
    let mut sink = Count(0);
    ing.push(bytes, &mut sink)?;
    ing.finish(&mut sink)
}

fn skipped(info: &InputInfo) -> Vec<(&'static str, u64, Vec<u64>)> {
    info.account.skipped.iter().map(|(k, s)| (*k, s.count, s.lines.clone())).collect()
}

/// A zip of `parts`, stored (not deflated) so tests can find and patch bytes.
pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(data).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// The smallest XLSX Excel and calamine accept: one sheet (`rows`, the inside of
/// `<sheetData>`), a date style (s="1", built-in format 14), optional shared strings.
fn xlsx(rows: &str, shared: Option<&str>) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    );
    xlsx_parts(&sheet, shared)
}

fn xlsx_parts(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let book = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Продажи" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    let book_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>"#;
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", rels.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", book_rels.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    if let Some(s) = shared {
        parts.push(("xl/sharedStrings.xml", s.as_bytes()));
    }
    zip_of(&parts)
}

fn text(cell: &str, value: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{value}</t></is></c>"#)
}

/// Header on row 1 and two sales on rows 2 and 3 (dates as serials, style 1).
fn head_and_two_sales() -> String {
    format!(
        r#"<row r="1">{}{}{}</row><row r="2"><c r="A2" s="1"><v>45323</v></c>{}<c r="C2"><v>100.5</v></c></row><row r="3"><c r="A3" s="1"><v>45324</v></c>{}<c r="C3"><v>20</v></c></row>"#,
        text("A1", "Дата"),
        text("B1", "Клиент"),
        text("C1", "Сумма"),
        text("B2", "ООО Ромашка"),
        text("B3", "ИП Иванов"),
    )
}

#[test]
fn date_serials_excel_cannot_show_are_skipped_with_their_line() {
    let mut rows = head_and_two_sales();
    // Rows 4..=9: serials past 9999-12-31, before 1899-12-30, infinite, not a number.
    for (i, v) in ["1e14", "-1e300", "1e300", "2958466", "INF", "NaN"].iter().enumerate() {
        let r = i + 4;
        rows += &format!(
            r#"<row r="{r}"><c r="A{r}" s="1"><v>{v}</v></c>{}<c r="C{r}"><v>1</v></c></row>"#,
            text(&format!("B{r}"), "ООО Ромашка")
        );
    }
    let info = read(&xlsx(&rows, None)).unwrap();
    assert_eq!((info.account.rows_read, info.account.rows_used), (8, 2));
    assert_eq!(skipped(&info), vec![("bad_date", 6, vec![4, 5, 6, 7, 8, 9])]);
}

#[test]
fn serials_become_dates_only_within_excels_calendar() {
    assert_eq!(sheet::serial_to_iso(45323.75), "2024-02-01");
    assert_eq!(sheet::serial_to_iso(2_958_465.0), "9999-12-31");
    assert_eq!(sheet::serial_to_iso(0.0), "1899-12-30");
    for bad in [2_958_466.0, 1e14, -1.0, -1e300, 1e300, f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        assert!(parse_date(&sheet::serial_to_iso(bad), DateOrder::Dmy).is_none(), "{bad}");
    }
}

#[test]
fn a_far_cell_costs_its_blank_rows_not_its_area() {
    // XFD1048576 asked calamine's grid for 16 384 x 1 048 576 cells (550 GB);
    // streamed, it is 1 048 572 blank rows and one row of 16 384 cells.
    for (cell, width) in [("XFD1048576", 16_384u64), ("CV1048576", 100)] {
        let rows = head_and_two_sales() + &format!(r#"<row r="1048576">{}</row>"#, text(cell, "x"));
        let info = read(&xlsx(&rows, None)).unwrap();
        let a = &info.account;
        assert_eq!((a.rows_read, a.rows_used), (1_048_575, 2), "{cell} ({width} columns)");
        assert_eq!(a.skipped["blank"].count, 1_048_572);
        assert_eq!(a.skipped["blank"].lines.first(), Some(&4));
    }
}

#[test]
fn a_row_past_the_grid_limit_is_refused_before_it_is_laid_out() {
    let rows = head_and_two_sales() + &format!(r#"<row r="2000000000">{}</row>"#, text("A2000000000", "x"));
    let err = read(&xlsx(&rows, None)).unwrap_err();
    assert_eq!(err, Error::SheetTooLarge { limit: SheetLimit::Cells { max: sheet_limits::MAX_CELLS } });
    assert!(err.message(crate::lang::Lang::Ru).contains("33554432 ячеек"), "{}", err.message(crate::lang::Lang::Ru));
}

/// Sets the unpacked size the zip headers (local and central) declare for `name`.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let mut found = 0;
    for (sig, name_len_at, size_at, name_at) in [(b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)] {
        let mut i = 0;
        while let Some(p) = zip[i..].windows(4).position(|w| w == sig) {
            let at = i + p;
            let n = usize::from(u16::from_le_bytes([zip[at + name_len_at], zip[at + name_len_at + 1]]));
            if &zip[at + name_at..at + name_at + n] == name.as_bytes() {
                zip[at + size_at..at + size_at + 4].copy_from_slice(&size.to_le_bytes());
                found += 1;
            }
            i = at + 4;
        }
    }
    assert_eq!(found, 2, "{name}");
}

#[test]
fn shared_strings_that_unpack_past_the_limit_are_refused_unread() {
    let shared = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>ООО Ромашка</t></si></sst>"#;
    let mut bytes = xlsx(&head_and_two_sales(), Some(shared));
    assert!(read(&bytes).is_ok());
    // What a 1.1 MB file whose shared strings inflate to 1.1 GB declares.
    declare_size(&mut bytes, "xl/sharedStrings.xml", 1_100_000_000);
    let err = read(&bytes).unwrap_err();
    assert_eq!(err, Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb: 256 } });
    // A worksheet streams, so it may be larger than what is held, up to the total.
    let mut bytes = xlsx(&head_and_two_sales(), None);
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 1_100_000_000);
    assert_eq!(read(&bytes).unwrap_err(), Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb: 1024 } });
}

#[test]
fn a_declared_string_count_is_checked_before_calamine_reserves_it() {
    let shared = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
    let err = read(&xlsx(&head_and_two_sales(), Some(shared))).unwrap_err();
    assert_eq!(err, Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb: 256 } });
}

#[test]
fn copies_of_one_long_shared_string_count_against_the_limit() {
    // One 2 MiB string; 600 cells pointing at it come to 1.2 GB of text.
    let long = "ж".repeat(1 << 20);
    let shared = format!(
        r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>{long}</t></si></sst>"#
    );
    let mut rows = head_and_two_sales();
    for r in 4..604 {
        rows += &format!(r#"<row r="{r}"><c r="B{r}" t="s"><v>0</v></c></row>"#);
    }
    let err = read(&xlsx(&rows, Some(&shared))).unwrap_err();
    assert_eq!(err, Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb: 1024 } });
}

#[test]
fn an_xlsx_with_a_doctype_is_read_or_named_damaged_never_empty() {
    // Excel never writes a DOCTYPE; a crafted one (entity tricks) in any part gives
    // the rows or a reader's error, not "the file is empty". Entities are not
    // expanded, so no amount of nesting grows memory.
    let doctype = r#"<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"#;
    let shared = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>ООО Ромашка</t></si></sst>"#;
    let plain = xlsx(&head_and_two_sales(), Some(shared));
    for part in ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml"] {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&plain)).unwrap();
        let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut f, &mut data).unwrap();
            let name = f.name().unwrap().to_string();
            if name == part {
                let at = data.windows(2).position(|w| w == b"?>").map_or(0, |i| i + 2);
                data.splice(at..at, doctype.bytes());
            }
            parts.push((name, data));
        }
        let parts: Vec<(&str, &[u8])> = parts.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
        match read(&zip_of(&parts)) {
            Ok(info) => assert_eq!(info.account.rows_used, 2, "{part}"),
            Err(e) => assert!(matches!(e, Error::Unreadable { .. }), "{part}: {e:?}"),
        }
    }
}

/// An ODS (mimetype first and stored, as the format requires) with `body` as
/// its one table's rows.
fn ods(body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Продажи">{body}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_bytes()),
        ("META-INF/manifest.xml", manifest.as_bytes()),
    ])
}

fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}

#[test]
fn an_ods_past_the_cell_limit_says_so() {
    let head = ods_row(&["Дата", "Клиент", "Сумма"]) + &ods_row(&["01.02.2024", "ООО Ромашка", "100"]);
    let info = read(&ods(&(head.clone() + &ods_row(&["02.02.2024", "ИП Иванов", "20"])))).unwrap();
    assert_eq!(info.account.rows_used, 2);
    // 1 048 000 repeated rows of a cell spread over 64 columns: 67 million cells.
    let wide = r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="64" office:value-type="float" office:value="1"/></table:table-row>"#;
    let err = read(&ods(&(head + wide))).unwrap_err();
    assert_eq!(err, Error::SheetTooLarge { limit: SheetLimit::Cells { max: sheet_limits::MAX_CELLS } });
    assert_eq!(err.code(), "too_large");
}

/// The fixture XLS with its sheet's DIMENSIONS record (BIFF8, 14 bytes) made to
/// declare `rows` rows: the workbook stream sits whole inside the file's sectors.
fn xls_declaring(rows: u32) -> Vec<u8> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/ingest/sales.xls");
    let mut bytes = std::fs::read(root).unwrap();
    let at = bytes.windows(4).position(|w| w == [0x00, 0x02, 0x0E, 0x00]).expect("DIMENSIONS record") + 4;
    bytes[at + 4..at + 8].copy_from_slice(&rows.to_le_bytes());
    bytes
}

#[test]
fn an_xls_declaring_billions_of_rows_is_refused_before_calamine_reserves_them() {
    assert_eq!(
        read(&xls_declaring(4)).map(|i| i.account.rows_used).ok(),
        read(&xls_declaring(20)).map(|i| i.account.rows_used).ok()
    );
    let err = read(&xls_declaring(4_000_000_000)).unwrap_err();
    assert_eq!(err, Error::SheetTooLarge { limit: SheetLimit::Cells { max: sheet_limits::MAX_CELLS } });
}

#[test]
fn an_xlsb_is_named_unsupported_not_read_unchecked() {
    let bytes = zip_of(&[("[Content_Types].xml", b"<Types/>"), ("xl/workbook.bin", b"\x83\x01\x00")]);
    assert_eq!(read(&bytes).unwrap_err(), Error::UnsupportedFormat { format: "XLSB" });
}

#[test]
fn styled_empty_cells_are_no_cells() {
    // Formatted but empty: a wide cell in a data row and whole rows after the data.
    let mut rows = head_and_two_sales().replace("</row><row r=\"3\">", r#"<c r="Z2" s="1"/></row><row r="3">"#);
    rows += r#"<row r="4"><c r="A4" s="1"/><c r="B4" s="1"/></row><row r="500"><c r="XFD500" s="1"/></row>"#;
    let info = read(&xlsx(&rows, None)).unwrap();
    assert_eq!((info.account.rows_read, info.account.rows_used, info.account.rows_skipped), (2, 2, 0));
    assert_eq!(info.preview[0].len(), 3);
}
