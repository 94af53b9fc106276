//! The text encoding decided on evidence, not on where a read happened to end.
//!
//! ASCII reads the same in every encoding a table comes in (UTF-16 announces itself
//! with a byte-order mark), so bytes pass through until the first non-ASCII one. From
//! there a window of [`EVIDENCE_BYTES`] (or the rest of the file, if shorter) decides.
//! Where the window starts and ends depends on the content alone, so every chunking
//! of the same file gives the same verdict.

use super::format;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1251};

/// Bytes from the first non-ASCII one that decide the encoding: enough letters for
/// chardetng's statistics, little enough to hold while deciding.
pub const EVIDENCE_BYTES: usize = 64 * 1024;

/// UTF-8 wins a window with at least this many valid multi-byte characters per
/// invalid byte: a line pasted in another encoding does not turn the file into
/// GBK, while a Windows-1251 or KOI8-R file, where valid UTF-8 pairs are rare
/// accidents, does not pass for UTF-8.
const UTF8_PER_INVALID: usize = 2;

/// The encoding of `window`, which starts at the file's first non-ASCII byte;
/// `at_eof`: the file ends with it.
pub fn decide(window: &[u8], at_eof: bool) -> &'static Encoding {
    let (valid, invalid) = utf8_evidence(window, at_eof);
    if invalid == 0 || valid >= UTF8_PER_INVALID * invalid {
        return UTF_8;
    }
    format::guess(window, at_eof)
}

/// The encoding of a file read whole (an HTML table saved as `.xls`): its
/// byte-order mark, else the same verdict a text file streamed in chunks gets.
pub fn detect_whole(bytes: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    bytes.iter().position(|b| !b.is_ascii()).map_or(UTF_8, |at| decide_from(bytes, at))
}

/// The verdict on the window of `bytes` from `at`, the first non-ASCII byte;
/// `bytes` holds the whole window, or ends where the file does.
pub fn decide_from(bytes: &[u8], at: usize) -> &'static Encoding {
    let window = &bytes[at..bytes.len().min(at + EVIDENCE_BYTES)];
    decide(window, window.len() < EVIDENCE_BYTES)
}

/// Valid multi-byte UTF-8 characters and invalid bytes in `bytes`; a character
/// cut by the window's end counts as neither unless the file ends there.
fn utf8_evidence(mut bytes: &[u8], at_eof: bool) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => return (valid + multibyte(s.as_bytes()), invalid),
            Err(e) => {
                valid += multibyte(&bytes[..e.valid_up_to()]);
                match e.error_len() {
                    Some(n) => {
                        invalid += n;
                        bytes = &bytes[e.valid_up_to() + n..];
                    }
                    None => return (valid, invalid + if at_eof { bytes.len() - e.valid_up_to() } else { 0 }),
                }
            }
        }
    }
}

/// Multi-byte characters in valid UTF-8: their lead bytes.
fn multibyte(valid: &[u8]) -> usize {
    valid.iter().filter(|&&b| b >= 0xC0).count()
}

/// The single-byte encoding of one line that is not UTF-8 inside a UTF-8 file:
/// chardetng's guess from the line's letters, or Windows-1251 (Russian and
/// Ukrainian Excel and 1C) when it guesses a multi-byte encoding.
pub fn line_fallback(line: &[u8]) -> &'static Encoding {
    let enc = format::guess(line, true);
    if enc.is_single_byte() {
        enc
    } else {
        WINDOWS_1251
    }
}

/// UTF-8 text where a line that is not UTF-8 is read by [`line_fallback`]; a
/// character cut at the very end is left out.
pub fn decode_utf8_lines(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut lines = bytes.split_inclusive(|&b| b == b'\n' || b == b'\r').peekable();
    while let Some(line) = lines.next() {
        match std::str::from_utf8(line) {
            Ok(text) => out.push_str(text),
            Err(e) if e.error_len().is_none() && lines.peek().is_none() => {
                out.push_str(std::str::from_utf8(&line[..e.valid_up_to()]).unwrap_or_default());
            }
            Err(_) => out.push_str(&line_fallback(line).decode_without_bom_handling(line).0),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{IBM866, KOI8_R};

    const TEXT: &str = "ООО «Ромашка»;1 234,50\nИП Сидоров Алексей Викторович;100\nАО «Северная звезда»;250,00\n\
                        ТОВ «Вітрило»;990\nФОП Іваненко Євген;12\n";

    #[test]
    fn windows_are_told_apart() {
        for enc in [WINDOWS_1251, KOI8_R, IBM866] {
            let (bytes, _, _) = enc.encode(TEXT);
            let first = bytes.iter().position(|b| !b.is_ascii()).unwrap();
            let found = decide(&bytes[first..], true);
            let (want, _, _) = enc.decode(&bytes);
            assert_eq!(found.decode(&bytes).0, want, "{} read as {}", enc.name(), found.name());
        }
        assert_eq!(decide(TEXT.as_bytes(), true), UTF_8);
        // A character cut at the window's end is no evidence against UTF-8.
        assert_eq!(decide(&TEXT.as_bytes()[..TEXT.len() - 3], false), UTF_8);
    }

    #[test]
    fn a_line_in_another_encoding_does_not_outvote_utf8() {
        let (line, _, _) = WINDOWS_1251.encode("ООО «Ромашка»;1 234,50\n");
        for before in [1, 5, 50] {
            let mut bytes = TEXT.repeat(before).into_bytes();
            bytes.extend_from_slice(&line);
            bytes.extend_from_slice(TEXT.as_bytes());
            assert_eq!(decide(&bytes, true), UTF_8, "{before}");
            // A file read whole (HTML saved as .xls) gets the same verdict.
            assert_eq!(detect_whole(&bytes), UTF_8, "{before}");
        }
        assert_eq!(line_fallback(&line), WINDOWS_1251);
        // KOI8-U reads Russian letters as KOI8-R does.
        let name = "Индивидуальный предприниматель Сидоров Алексей Викторович";
        let (koi, _, _) = KOI8_R.encode(name);
        assert_eq!(line_fallback(&koi).decode(&koi).0, name);
    }
}
