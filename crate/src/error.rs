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
    /// Required columns were not recognised; `headers` is the best header candidate.
    MissingColumns { missing: Vec<Role>, headers: Vec<String>, header_line: u64 },
    /// Every data row was skipped; the most common reason and where it first happened.
    NoUsableRows { rows_read: u64, reason: String, first_line: u64 },
    /// The bytes are not a text table (NUL bytes, control characters).
    Binary,
    /// A spreadsheet or archive this build cannot read.
    UnsupportedFormat { format: &'static str },
    /// A spreadsheet that is damaged or encrypted; `detail` is the reader's word.
    Unreadable { detail: String },
    /// The sheet asked for is not in the workbook.
    NoSuchSheet { sheet: String, sheets: Vec<String> },
    /// Past what fits in a browser tab: a spreadsheet over `limit_mb`, or more
    /// distinct clients than the ledger holds.
    TooLarge { what: &'static str, limit: u64 },
    /// Writing a download failed (the spreadsheet writer's word).
    Export { detail: String },
    /// A sum went past what exact money arithmetic holds (about 9.2e14 units).
    Overflow { line: u64 },
    /// An option is out of range; `detail` names it.
    BadOptions { detail: String },
    /// `push` after `finish`, and similar misuse of the streaming API.
    Usage { detail: &'static str },
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
            Error::UnsupportedFormat { .. } => "unsupported_format",
            Error::Unreadable { .. } => "unreadable",
            Error::NoSuchSheet { .. } => "no_such_sheet",
            Error::TooLarge { .. } => "too_large",
            Error::Overflow { .. } => "overflow",
            Error::Export { .. } => "export",
            Error::BadOptions { .. } => "bad_options",
            Error::Usage { .. } => "usage",
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match self {
            Error::Empty => lang
                .pick(
                    "Файл пуст: в нём нет ни одной строки с данными.",
                    "Файл порожній: у ньому немає жодного рядка з даними.",
                    "The file is empty: it has no rows of data.",
                )
                .to_string(),
            Error::HeaderOnly { header_line } => match lang {
                Lang::Ru => format!("В файле есть заголовок (строка {header_line}), но нет ни одной строки продаж под ним."),
                Lang::Uk => format!("У файлі є заголовок (рядок {header_line}), але під ним немає жодного рядка продажів."),
                Lang::En => format!("The file has a header (line {header_line}) but no sales rows below it."),
            },
            Error::MissingColumns { missing, headers, header_line } => {
                let names: Vec<&str> = missing.iter().map(|r| r.label(lang)).collect();
                let names = names.join(", ");
                let seen = if headers.is_empty() {
                    lang.pick("(нет)", "(немає)", "(none)").to_string()
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
                match lang {
                    Lang::Ru => format!("Не найдены нужные столбцы: {names}. Заголовки в строке {header_line}: {seen}. Переименуйте столбцы или укажите их роли вручную."),
                    Lang::Uk => format!("Не знайдено потрібних стовпців: {names}. Заголовки в рядку {header_line}: {seen}. Перейменуйте стовпці або вкажіть їхні ролі вручну."),
                    Lang::En => format!("Required columns not found: {names}. Headers on line {header_line}: {seen}. Rename the columns or set their roles by hand."),
                }
            }
            Error::NoUsableRows { rows_read, reason, first_line } => {
                let reason = crate::ingest::account::skip_reason_label(reason, lang);
                match lang {
                    Lang::Ru => format!("Ни одна из {rows_read} строк не подошла для анализа. Чаще всего: «{reason}», впервые в строке {first_line}."),
                    Lang::Uk => format!("Жоден із {rows_read} рядків не підійшов для аналізу. Найчастіше: «{reason}», уперше в рядку {first_line}."),
                    Lang::En => format!("None of the {rows_read} rows could be used. Most often: \"{reason}\", first on line {first_line}."),
                }
            }
            Error::Binary => lang
                .pick(
                    "Это не похоже на таблицу: в файле двоичные данные. Сохраните отчёт как CSV (разделители — точка с запятой или запятая).",
                    "Це не схоже на таблицю: у файлі двійкові дані. Збережіть звіт як CSV (роздільники — крапка з комою або кома).",
                    "This does not look like a table: the file holds binary data. Save the report as CSV (semicolon- or comma-separated).",
                )
                .to_string(),
            Error::UnsupportedFormat { format } => match lang {
                Lang::Ru => format!("Формат {format} пока не поддерживается. Сохраните файл как CSV и загрузите снова."),
                Lang::Uk => format!("Формат {format} поки не підтримується. Збережіть файл як CSV і завантажте знову."),
                Lang::En => format!("{format} files are not supported yet. Save the file as CSV and try again."),
            },
            Error::Unreadable { detail } => match lang {
                Lang::Ru => format!("Не удалось прочитать таблицу: файл повреждён или защищён паролем ({detail}). Откройте его в Excel и сохраните заново или как CSV."),
                Lang::Uk => format!("Не вдалося прочитати таблицю: файл пошкоджений або захищений паролем ({detail}). Відкрийте його в Excel і збережіть знову або як CSV."),
                Lang::En => format!("Could not read the spreadsheet: the file is damaged or password-protected ({detail}). Open it in Excel and save it again, or as CSV."),
            },
            Error::NoSuchSheet { sheet, sheets } => {
                let list = sheets.iter().map(|s| format!("«{s}»")).collect::<Vec<_>>().join(", ");
                match lang {
                    Lang::Ru => format!("В книге нет листа «{sheet}». Есть: {list}."),
                    Lang::Uk => format!("У книзі немає аркуша «{sheet}». Є: {list}."),
                    Lang::En => format!("The workbook has no sheet \"{sheet}\". It has: {list}."),
                }
            }
            Error::TooLarge { what, limit } => match (*what, lang) {
                ("spreadsheet", Lang::Ru) => format!("Таблица больше {limit} МБ — это слишком много для браузера. Сохраните её как CSV: CSV читается по частям и может быть любого размера."),
                ("spreadsheet", Lang::Uk) => format!("Таблиця більша за {limit} МБ — це забагато для браузера. Збережіть її як CSV: CSV читається частинами й може бути будь-якого розміру."),
                ("spreadsheet", _) => format!("The spreadsheet is over {limit} MB, too much for a browser tab. Save it as CSV: CSV is read in parts and can be any size."),
                (_, Lang::Ru) => format!("В файле больше {limit} разных клиентов — это больше, чем помещается в память браузера. Проверьте, что столбец клиента выбран верно."),
                (_, Lang::Uk) => format!("У файлі понад {limit} різних клієнтів — це більше, ніж вміщує пам'ять браузера. Перевірте, чи правильно вибрано стовпець клієнта."),
                (_, Lang::En) => format!("The file has more than {limit} distinct clients, more than a browser tab holds. Check that the client column is the right one."),
            },
            Error::Overflow { line } => match lang {
                Lang::Ru => format!("Суммы слишком велики для точного счёта (строка {line}). Проверьте столбец суммы."),
                Lang::Uk => format!("Суми завеликі для точного підрахунку (рядок {line}). Перевірте стовпець суми."),
                Lang::En => format!("Amounts are too large to sum exactly (line {line}). Check the amount column."),
            },
            Error::BadOptions { detail } => match lang {
                Lang::Ru => format!("Неверная настройка: {detail}"),
                Lang::Uk => format!("Неправильне налаштування: {detail}"),
                Lang::En => format!("Invalid setting: {detail}"),
            },
            Error::Export { detail } => match lang {
                Lang::Ru => format!("Не удалось собрать файл для скачивания: {detail}"),
                Lang::Uk => format!("Не вдалося зібрати файл для завантаження: {detail}"),
                Lang::En => format!("Could not build the download: {detail}"),
            },
            Error::Usage { detail } => format!("internal: {detail}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for Error {}
