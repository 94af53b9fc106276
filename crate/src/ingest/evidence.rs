//! The text encoding decided on evidence, not on where a read happened to end.
//!
//! ASCII reads the same in every encoding a table comes in (UTF-16 announces itself
//! with a byte-order mark), so bytes pass through until the first non-ASCII one. From
//! there a window of [`EVIDENCE_BYTES`] (or the rest of the file, if shorter) decides.
//! Where the window starts and ends depends on the content alone, so every chunking
//! of the same file gives the same verdict.

use super::encoding::Encoding;
use super::guess;

/// Bytes from the first non-ASCII one that decide the encoding: enough letters for
/// the statistics of [`guess`], little enough to hold while deciding.
pub const EVIDENCE_BYTES: usize = 64 * 1024;

/// UTF-8 wins a window with at least this many valid multi-byte characters per
/// invalid byte: a line pasted in another encoding does not turn the file into
/// Windows-1251, while a Windows-1251 or KOI8-R file, where valid UTF-8 pairs are rare
/// accidents, does not pass for UTF-8.
const UTF8_PER_INVALID: usize = 2;

/// The encoding of `window`, which starts at the file's first non-ASCII byte;
/// `at_eof`: the file ends with it. `None`: no encoding read here reads it.
pub fn decide(window: &[u8], at_eof: bool) -> Option<Encoding> {
    let (valid, invalid) = utf8_evidence(window, at_eof);
    if invalid == 0 || valid >= UTF8_PER_INVALID * invalid {
        return Some(Encoding::Utf8);
    }
    guess::guess(window)
}

/// The encoding of a file read whole (an HTML table saved as `.xls`): its
/// byte-order mark, else the same verdict a text file streamed in chunks gets.
pub fn detect_whole(bytes: &[u8]) -> Option<Encoding> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return Some(enc);
    }
    bytes.iter().position(|b| !b.is_ascii()).map_or(Some(Encoding::Utf8), |at| decide_from(bytes, at))
}

/// The verdict on the window of `bytes` from `at`, the first non-ASCII byte;
/// `bytes` holds the whole window, or ends where the file does.
pub fn decide_from(bytes: &[u8], at: usize) -> Option<Encoding> {
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
/// the guess from the line's letters, or Windows-1251 (Russian and Ukrainian
/// Excel and 1C) when no guess reads it.
pub fn line_fallback(line: &[u8]) -> Encoding {
    guess::guess(line).unwrap_or(Encoding::Windows1251)
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
            Err(_) => out.push_str(&line_fallback(line).decode_without_bom_handling(line)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{IBM866, KOI8_R, WINDOWS_1251};

    /// Ours, for the test's encoder from encoding_rs.
    fn ours(e: &'static encoding_rs::Encoding) -> Encoding {
        Encoding::for_label(e.name().as_bytes()).unwrap()
    }

    const TEXT: &str = "ООО «Ромашка»;1 234,50\nИП Сидоров Алексей Викторович;100\nАО «Северная звезда»;250,00\n\
                        ТОВ «Вітрило»;990\nФОП Іваненко Євген;12\n";

    #[test]
    fn windows_are_told_apart() {
        for enc in [WINDOWS_1251, KOI8_R, IBM866] {
            let (bytes, _, _) = enc.encode(TEXT);
            let first = bytes.iter().position(|b| !b.is_ascii()).unwrap();
            let found = decide(&bytes[first..], true).unwrap();
            assert_eq!(found.decode(&bytes), ours(enc).decode(&bytes), "{} read as {}", enc.name(), found.name());
        }
        assert_eq!(decide(TEXT.as_bytes(), true), Some(Encoding::Utf8));
        // A character cut at the window's end is no evidence against UTF-8.
        assert_eq!(decide(&TEXT.as_bytes()[..TEXT.len() - 3], false), Some(Encoding::Utf8));
    }

    #[test]
    fn a_line_in_another_encoding_does_not_outvote_utf8() {
        let (line, _, _) = WINDOWS_1251.encode("ООО «Ромашка»;1 234,50\n");
        for before in [1, 5, 50] {
            let mut bytes = TEXT.repeat(before).into_bytes();
            bytes.extend_from_slice(&line);
            bytes.extend_from_slice(TEXT.as_bytes());
            assert_eq!(decide(&bytes, true), Some(Encoding::Utf8), "{before}");
            // A file read whole (HTML saved as .xls) gets the same verdict.
            assert_eq!(detect_whole(&bytes), Some(Encoding::Utf8), "{before}");
        }
        assert_eq!(line_fallback(&line), Encoding::Windows1251);
        // KOI8-U reads Russian letters as KOI8-R does.
        let name = "Индивидуальный предприниматель Сидоров Алексей Викторович";
        let (koi, _, _) = KOI8_R.encode(name);
        assert_eq!(line_fallback(&koi).decode(&koi), name);
    }
}
