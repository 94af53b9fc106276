//! What kind of file this is and how its text is encoded, from the first bytes.

use crate::error::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Xlsx,
    Xls,
    Ods,
    /// An HTML table saved with an `.xls` name (Bitrix24's and 1C's "Excel" export).
    Html,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "csv",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::Html => "html",
        }
    }
}

pub fn sniff_format(head: &[u8]) -> Result<Format, Error> {
    if head.iter().all(|b| b.is_ascii_whitespace()) && !head.starts_with(b"\xEF\xBB\xBF") {
        return Err(Error::Empty);
    }
    if head.starts_with(b"PK\x03\x04") {
        if contains(head, b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if contains(head, b"xl/") || contains(head, b"[Content_Types].xml") {
            return Ok(Format::Xlsx);
        }
        return Err(Error::UnsupportedFormat { format: "ZIP" });
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Format::Xls);
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
    if text[start..].starts_with(b"<") {
        let lower: Vec<u8> = text.iter().take(64 * 1024).map(u8::to_ascii_lowercase).collect();
        if contains(&lower, b"<table") || contains(&lower, b"<html") {
            return Ok(Format::Html);
        }
    }
    Ok(Format::Text)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A table is text: NUL bytes or many control characters mean binary data.
pub fn check_text(sample: &str) -> Result<(), Error> {
    let mut control = 0usize;
    let mut total = 0usize;
    for c in sample.chars().take(64 * 1024) {
        total += 1;
        if c == '\0' {
            return Err(Error::Binary);
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}') || c == '\u{FFFD}' {
            control += 1;
        }
    }
    if control * 20 > total {
        return Err(Error::Binary);
    }
    Ok(())
}

/// Turns runs of spaces and tabs into one tab and drops them at line ends, for
/// files laid out in space-aligned columns (CDNOW's `00001 19970101   1  11.77`).
#[derive(Default)]
pub struct SpaceCollapse {
    in_run: bool,
    line_start: bool,
    started: bool,
}

impl SpaceCollapse {
    pub fn apply(&mut self, input: &[u8], out: &mut Vec<u8>) {
        if !self.started {
            self.started = true;
            self.line_start = true;
        }
        for &b in input {
            match b {
                b' ' | b'\t' => self.in_run = !self.line_start,
                b'\n' | b'\r' => {
                    self.in_run = false;
                    self.line_start = true;
                    out.push(b);
                }
                _ => {
                    if self.in_run {
                        out.push(b'\t');
                    }
                    self.in_run = false;
                    self.line_start = false;
                    out.push(b);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_magic_bytes() {
        assert_eq!(sniff_format(b"PK\x03\x04....[Content_Types].xml...xl/workbook.xml"), Ok(Format::Xlsx));
        assert_eq!(
            sniff_format(b"PK\x03\x04....mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
            Ok(Format::Ods)
        );
        assert_eq!(sniff_format(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Ok(Format::Xls));
        assert_eq!(sniff_format(b"\xEF\xBB\xBF <html><body><table><tr><td>1"), Ok(Format::Html));
        assert_eq!(sniff_format("Дата;Клиент".as_bytes()), Ok(Format::Text));
        assert_eq!(sniff_format(b" \n\r\n"), Err(Error::Empty));
        assert_eq!(sniff_format(b"PK\x03\x04 nothing known"), Err(Error::UnsupportedFormat { format: "ZIP" }));
    }

    #[test]
    fn cyrillic_code_pages_are_told_apart() {
        let text =
            "Дата;Контрагент;Сумма\n01.02.2024;ООО «Ромашка»;1 234,50\n02.02.2024;ИП Сидоров Алексей Викторович;100\n\
                    03.02.2024;АО «Северная звезда»;250,00\n04.02.2024;ООО «Строительная компания Восток»;990\n";
        use super::super::encoding::Encoding;
        for enc in [encoding_rs::WINDOWS_1251, encoding_rs::KOI8_R, encoding_rs::IBM866] {
            let (bytes, _, _) = enc.encode(text);
            let found = super::super::evidence::detect_whole(&bytes).unwrap();
            // KOI8-R and CP866 have no guillemets; compare with what the file holds.
            let want = Encoding::for_label(enc.name().as_bytes()).unwrap().decode(&bytes);
            assert_eq!(found.decode(&bytes), want, "{} detected as {}", enc.name(), found.name());
        }
        assert_eq!(super::super::evidence::detect_whole(text.as_bytes()), Some(Encoding::Utf8));
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(super::super::evidence::detect_whole(&le), Some(Encoding::Utf16Le));
    }

    #[test]
    fn space_aligned_columns_become_tabs() {
        let mut c = SpaceCollapse::default();
        let mut out = Vec::new();
        c.apply(b"   00001 19970101   1", &mut out);
        c.apply(b"   11.77  \n  00002 19970112 ", &mut out);
        c.apply(b"  5  77.00\n", &mut out);
        assert_eq!(out, b"00001\t19970101\t1\t11.77\n00002\t19970112\t5\t77.00\n");
    }
}
