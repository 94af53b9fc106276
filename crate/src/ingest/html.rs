//! Rows of HTML tables: what Bitrix24 and 1C save under an `.xls` name. A small
//! tolerant scanner, not a browser: rows are `<tr>`, cells `<td>`/`<th>`, tags inside
//! cells are dropped and entities decoded.

use super::records::Emit;
use crate::error::Error;

/// Calls `emit` with each table row's cell texts and the row's number (1-based,
/// counting every `<tr>` in the document).
pub fn rows(html: &str, emit: &mut Emit<'_>) -> Result<(), Error> {
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut in_row = false;
    let mut n = 0u64;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        if let Some(c) = cell.as_mut() {
            push_text(c, &rest[..lt]);
        }
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        let (closing, name) = tag_name(tag);
        match (closing, name.as_str()) {
            (_, "script" | "style") if !closing => {
                rest = &rest[raw_text_end(rest, &name)..];
            }
            (false, "tr") | (true, "tr") | (true, "table") => {
                if let Some(c) = cell.take() {
                    row.push(c);
                }
                if in_row {
                    n += 1;
                    let refs: Vec<&str> = row.iter().map(|s| s.trim()).collect();
                    emit(&refs, n)?;
                    row.clear();
                }
                in_row = !closing && name == "tr";
            }
            (false, "td" | "th") => {
                if let Some(c) = cell.take() {
                    row.push(c);
                }
                in_row = true;
                cell = Some(String::new());
            }
            (true, "td" | "th") => {
                if let Some(c) = cell.take() {
                    row.push(c);
                }
            }
            (false, "br" | "p" | "div") => {
                if let Some(c) = cell.as_mut() {
                    c.push(' ');
                }
            }
            _ => {}
        }
    }
    if let Some(mut c) = cell.take() {
        push_text(&mut c, rest);
        row.push(c);
    }
    if in_row && !row.is_empty() {
        let refs: Vec<&str> = row.iter().map(|s| s.trim()).collect();
        emit(&refs, n + 1)?;
    }
    Ok(())
}

/// Where the raw text of a `<script>` or `<style>` element ends: the first
/// `</name` in any letter case, else the end. Scans only up to that point, so
/// the document is read once however many such tags it has (lowercasing the whole
/// rest at each tag made 400 000 tags take minutes).
fn raw_text_end(rest: &str, name: &str) -> usize {
    let bytes = rest.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..].windows(2).position(|w| w == b"</") {
        let at = from + i;
        let after = &bytes[at + 2..];
        if after.len() >= name.len() && after[..name.len()].eq_ignore_ascii_case(name.as_bytes()) {
            return at;
        }
        from = at + 2;
    }
    rest.len()
}

fn tag_name(tag: &str) -> (bool, String) {
    let inner = tag.trim_start_matches('<');
    let closing = inner.starts_with('/');
    let name: String = inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (closing, name)
}

/// Appends text with entities decoded and white space folded.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        fold(out, &rest[..amp]);
        rest = &rest[amp..];
        let semi = rest.bytes().take(12).position(|b| b == b';');
        match semi.and_then(|i| entity(&rest[1..i]).map(|c| (i, c))) {
            Some((i, c)) => {
                out.push(c);
                rest = &rest[i + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    fold(out, rest);
}

fn fold(out: &mut String, text: &str) {
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        "laquo" => Some('«'),
        "raquo" => Some('»'),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_cells_and_entities() {
        let html = "<html><head><style>td{x}</style></head><body><h1>Сделки</h1>\
            <table border=1><tr><th>Дата</th><TH>Компания</TH><th>Сумма</th></tr>\n\
            <tr><td>01.02.2024</td><td>ООО &laquo;Ромашка&raquo; &amp; К&#xB0;</td><td>1&nbsp;234,50</td></tr>\
            <tr><td>02.02.2024<td><b>ИП</b>\n  Иванов<br>А.В.<td>100</tr></table>";
        let mut got: Vec<(u64, Vec<String>)> = Vec::new();
        rows(html, &mut |f, n| {
            got.push((n, f.iter().map(|s| s.to_string()).collect()));
            Ok(())
        })
        .unwrap();
        assert_eq!(
            got,
            vec![
                (1, vec!["Дата".into(), "Компания".into(), "Сумма".into()]),
                (2, vec!["01.02.2024".into(), "ООО «Ромашка» & К°".into(), "1\u{a0}234,50".into()]),
                (3, vec!["02.02.2024".into(), "ИП Иванов А.В.".into(), "100".into()]),
            ]
        );
    }

    /// 400 000 script tags in 8 MB: each used to lowercase the whole rest of the
    /// document (107 s in a release build, hours in a test build); read once now.
    #[test]
    fn script_heavy_documents_are_read_in_one_pass() {
        let mut html = String::from("<table><tr><th>Дата</th><th>Клиент</th><th>Сумма</th></tr>");
        for i in 0..400_000 {
            let close = if i % 2 == 0 { "</script>" } else { "</SCRIPT >" };
            html += "<script>var t = '<tr><td>не строка</td></tr>';";
            html += close;
            if i % 1000 == 0 {
                html += &format!("<tr><td>01.02.2024</td><td>К{i}</td><td>1</td></tr>");
            }
        }
        html += "</table><script>never closed <tr><td>x";
        assert!(html.len() > 8_000_000);
        let (mut count, mut last) = (0u64, 0u64);
        rows(&html, &mut |_, n| {
            count += 1;
            last = n;
            Ok(())
        })
        .unwrap();
        assert_eq!((count, last), (401, 401));
    }
}
