//! Errors that stop an analysis. A row that cannot be used is not an error: it is
//! counted in the report's row account. An `Error` means "nothing to show", and its
//! message says what to do, in the user's language.

use crate::ingest::columns::Role;
use crate::lang::Lang;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// No bytes at all, or only blank lines.
    Empty,
    /// A header was found but no data row follows it.
    HeaderOnly { header_line: u64 },
    /// Required columns were not recognised; `headers` is the best header candidate
    /// and `preview` the first rows under it, so the page can open its column panel
    /// on them and let the user name the roles (no dead end).
    MissingColumns { missing: Vec<Role>, headers: Vec<String>, header_line: u64, preview: Vec<Vec<String>> },
    /// Every data row was skipped; the most common reason and where it first happened.
    NoUsableRows { rows_read: u64, reason: String, first_line: u64 },
    /// The bytes are not a text table (NUL bytes, control characters).
    Binary,
    /// Text in an encoding not read here (Chinese, Japanese, Korean legacy code
    /// pages): the message asks for the file saved as UTF-8.
    UnknownEncoding,
    /// A spreadsheet or archive this build cannot read.
    UnsupportedFormat { format: &'static str },
    /// A spreadsheet that is damaged or encrypted; `detail` is the reader's word.
    Unreadable { detail: String },
    /// The sheet asked for is not in the workbook.
    NoSuchSheet { sheet: String, sheets: Vec<String> },
    /// Past what fits in a browser tab: a spreadsheet over `limit_mb`, or more
    /// distinct clients than the ledger holds.
    TooLarge { what: &'static str, limit: u64 },
    /// A spreadsheet whose contents would need more memory than a tab has, found
    /// from what the file declares before it is unpacked or laid out.
    SheetTooLarge { limit: SheetLimit },
    /// Writing a download failed (the spreadsheet writer's word).
    Export { detail: String },
    /// A sum went past what exact money arithmetic holds (about 9.2e14 units).
    Overflow { line: u64 },
    /// An option is out of range; `detail` names it.
    BadOptions { detail: String },
    /// `push` after `finish`, and similar misuse of the streaming API.
    Usage { misuse: Misuse },
}

/// How the streaming API was misused; its words are the catalogue's
/// `error.usage.<code>`, inside `error.usage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Misuse {
    /// Text fed before a table was set up to read it.
    NoTable,
    /// Downloads or charts asked for before an analysis finished.
    NoReport,
    /// `push` or `finish` after `finish`.
    Finished,
}

/// Characters of the file's own text an error message quotes at most: a header
/// line of 50 MB must not become a 50 MB message.
pub const QUOTE_CHARS: usize = 200;

/// `text` cut to [`QUOTE_CHARS`] characters, with `…` where it was cut.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        None => text.to_string(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}

impl Error {
    /// A stable machine-readable code for the page and the tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Empty => "empty",
            Error::HeaderOnly { .. } => "header_only",
            Error::MissingColumns { .. } => "missing_columns",
            Error::NoUsableRows { .. } => "no_usable_rows",
            Error::Binary => "binary",
            Error::UnknownEncoding => "unknown_encoding",
            Error::UnsupportedFormat { .. } => "unsupported_format",
            Error::Unreadable { .. } => "unreadable",
            Error::NoSuchSheet { .. } => "no_such_sheet",
            Error::TooLarge { .. } | Error::SheetTooLarge { .. } => "too_large",
            Error::Overflow { .. } => "overflow",
            Error::Export { .. } => "export",
            Error::BadOptions { .. } => "bad_options",
            Error::Usage { .. } => "usage",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Empty => lang.t("error.empty").to_string(),
            Error::HeaderOnly { header_line } => lang.f("error.header_only", &[("header_line", &header_line)]),
            Error::MissingColumns { missing, headers, header_line, .. } => {
                let names: Vec<&str> = missing.iter().map(|r| r.label(lang)).collect();
                let names = names.join(", ");
                let seen = if headers.is_empty() {
                    lang.t("error.none").to_string()
                } else {
                    // Quote headers until the excerpt is full, not all of a huge line.
                    let mut seen = String::new();
                    for (i, h) in headers.iter().enumerate() {
                        if seen.chars().count() > QUOTE_CHARS {
                            break;
                        }
                        let sep = if i == 0 { "" } else { ", " };
                        seen.push_str(&format!("{sep}«{}»", excerpt(h)));
                    }
                    excerpt(&seen)
                };
                lang.f("error.missing_columns", &[("header_line", &header_line), ("names", &names), ("seen", &seen)])
            }
            Error::NoUsableRows { rows_read, reason, first_line } => {
                let reason = crate::ingest::account::skip_reason_label(reason, lang);
                lang.f(
                    "error.no_usable_rows",
                    &[("first_line", &first_line), ("reason", &reason), ("rows_read", &rows_read)],
                )
            }
            Error::Binary => lang.t("error.binary").to_string(),
            Error::UnknownEncoding => lang.t("error.unknown_encoding").to_string(),
            Error::UnsupportedFormat { format } => lang.f("error.unsupported_format", &[("format", &format)]),
            // A reader's detail and a workbook's sheet names come from the file: quoted
            // short, like the header in a missing-columns message.
            Error::Unreadable { detail } => lang.f("error.unreadable", &[("detail", &excerpt(detail))]),
            Error::NoSuchSheet { sheet, sheets } => {
                let list = sheets.iter().map(|s| format!("«{s}»")).collect::<Vec<_>>().join(", ");
                lang.f("error.no_such_sheet", &[("list", &excerpt(&list)), ("sheet", &excerpt(sheet))])
            }
            Error::TooLarge { what, limit } => {
                // The page's limit points to the native CLI and the warehouse summary;
                // the CLI's own limit can only say what it is.
                let clients = if cfg!(target_arch = "wasm32") {
                    "error.too_large_clients"
                } else {
                    "error.too_large_clients_native"
                };
                let key = if *what == "spreadsheet" { "error.too_large_spreadsheet" } else { clients };
                lang.f(key, &[("limit", &limit), ("native", &crate::ledger::MAX_CLIENTS_NATIVE)])
            }
            Error::SheetTooLarge { limit: SheetLimit::Unpacked { mb } } => {
                lang.f("error.sheet_too_large_unpacked", &[("mb", &mb)])
            }
            Error::SheetTooLarge { limit: SheetLimit::Cells { max } } => {
                lang.f("error.sheet_too_large_cells", &[("max", &max)])
            }
            Error::Overflow { line } => lang.f("error.overflow", &[("line", &line)]),
            Error::BadOptions { detail } => lang.f("error.bad_options", &[("detail", &detail)]),
            Error::Export { detail } => lang.f("error.export", &[("detail", &detail)]),
            Error::Usage { misuse } => {
                let detail = lang.t(&format!("error.usage.{}", crate::code::key(misuse)));
                lang.f("error.usage", &[("detail", &detail)])
            }
        }
    }
}

/// Which spreadsheet limit was passed (the figures are the limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetLimit {
    /// The unpacked parts of an XLSX/ODS archive, or the text its cells hold.
    Unpacked { mb: u64 },
    /// One sheet's grid, empty cells included.
    Cells { max: u64 },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misuse_is_worded_from_the_catalogue_in_each_language() {
        let e = Error::Usage { misuse: Misuse::NoReport };
        assert_eq!(e.code(), "usage");
        assert_eq!(
            e.message(Lang::Ru),
            "Внутренняя ошибка программы (анализ ещё не закончен). Попробуйте ещё раз; если повторится — сообщите нам."
        );
        assert_eq!(
            Error::Usage { misuse: Misuse::Finished }.message(Lang::En),
            "Internal error (the session has already finished). Please try again; if it happens again, tell us."
        );
        assert!(Error::Usage { misuse: Misuse::NoTable }.message(Lang::Uk).contains("дані ще не прочитано"));
    }
}
