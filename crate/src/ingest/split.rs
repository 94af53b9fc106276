//! A text file split among workers: the first part decides the dialect as one pass
//! does and hands it over ([`Handover`]); each later part reads its own byte range
//! with it ([`PartIngest`]). A part starts at the first line start at or after its
//! cut and ends at the next part's start ([`Span`]), so every line is read once.
//! Whether a cut really fell between records (not inside a quoted field) shows only
//! when the part before ends: [`PartInput::clean_end`] says so, and the merge falls
//! back to one pass when it did not (`crate::split`).

use super::encoding::Encoding;
use super::evidence;
use super::records::Records;
use super::table::split::TableHandover;
use super::table::Table;
use super::{Account, Ingest, RowSink, Stage, TextStage, Warning};
use crate::error::Error;
use serde::{Deserialize, Serialize};

/// What the first part settled that a later one needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handover {
    /// The encoding's label, or `None` while every byte read was ASCII (each part
    /// then decides on its own evidence, and the merge checks they agree).
    pub encoding: Option<String>,
    pub table: TableHandover,
}

/// What a part read, beside its rows: for the merge, in the part's own line numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PartInput {
    /// Rows read, used and skipped; empty for the first part (its table has it).
    pub account: Account,
    pub mixed_encoding: Option<Warning>,
    pub broken_quote: Option<Warning>,
    /// Line ends in the part: the next part's lines start after them.
    pub lines: u64,
    /// The encoding this part decided on, where it decided one, and whether it
    /// saw the whole evidence window (or the file's end) doing so.
    pub decided: Decided,
    /// The part ended between two records, as one pass would be there.
    pub clean_end: bool,
    /// A row may continue an order begun in the part before.
    pub leans_on_previous_order: bool,
}

/// Encodings a file can be cut in: a line end is one byte, never inside a
/// character, and decoding needs no state from before it.
fn splittable(enc: Encoding) -> bool {
    enc == Encoding::Utf8 || (enc.is_single_byte() && enc.is_ascii_compatible())
}

impl Ingest {
    /// The dialect and conventions, once settled, of a delimited text file in an
    /// encoding that can be cut; `None` before that or for any other file.
    pub fn handover(&self) -> Option<Handover> {
        let Stage::Text(t) = &self.stage else { return None };
        if t.spaces.is_some() || !splittable(t.encoding) {
            return None;
        }
        let table = self.table.as_ref()?.handover()?;
        Some(Handover { encoding: (!t.undecided).then(|| t.encoding.name().to_string()), table })
    }

    /// The first part has read its range: settles a pending encoding and says how it
    /// ended. Its rows and account go on through [`Ingest::finish`].
    pub fn close_first(&mut self, sink: &mut dyn RowSink, at_eof: bool) -> Result<PartInput, Error> {
        let (Stage::Text(t), Some(table)) = (&mut self.stage, self.table.as_mut()) else {
            return Err(Error::Usage { misuse: crate::error::Misuse::NoTable });
        };
        let (clean_end, decided) = close(t, table, sink, at_eof)?;
        Ok(PartInput { lines: t.records.lines_read(), decided, clean_end, ..PartInput::default() })
    }
}

/// The encoding a part decided, and whether on its whole evidence window.
type Decided = Option<(Encoding, bool)>;

/// Decides an encoding still pending on the evidence held and reads it; returns
/// whether the input ended between records and the encoding decided, if any.
fn close(t: &mut TextStage, table: &mut Table, sink: &mut dyn RowSink, at_eof: bool) -> Result<(bool, Decided), Error> {
    let short = t.undecided && !t.evidence.is_empty();
    if short {
        // As `TextStage::feed` decides at the file's end, on the evidence there is.
        let enc = evidence::decide_from(&t.evidence, 0).ok_or(Error::UnknownEncoding)?;
        t.undecided = false;
        if enc != Encoding::Utf8 {
            t.encoding = enc;
            t.decoder = Some(enc.new_decoder(false));
        }
        let held = std::mem::take(&mut t.evidence);
        t.read(&held, false, table, sink)?;
    }
    let decided = (!t.undecided).then_some((t.encoding, !short || at_eof));
    Ok((t.records.between_records(), decided))
}

/// A later part: the text stage and a table typing with the conventions handed over.
pub struct PartIngest {
    text: TextStage,
    table: Table,
    /// The encoding came with the handover: nothing to check at the merge.
    handed: bool,
}

impl PartIngest {
    pub fn new(h: &Handover) -> Option<PartIngest> {
        let encoding = match &h.encoding {
            Some(label) => Some(Encoding::for_label(label.as_bytes()).filter(|&e| splittable(e))?),
            None => None,
        };
        let enc = encoding.unwrap_or(Encoding::Utf8);
        let delimiter = h.table.delimiter;
        let text = TextStage {
            encoding: enc,
            decoder: (enc != Encoding::Utf8).then(|| enc.new_decoder(false)),
            undecided: encoding.is_none(),
            evidence: Vec::new(),
            spaces: None,
            delimiter,
            records: Records::new(delimiter),
            buf: Vec::new(),
        };
        Some(PartIngest { text, table: Table::typing(&h.table)?, handed: encoding.is_some() })
    }

    /// Bytes of the part, already cut to it by its [`Span`].
    pub fn push(&mut self, chunk: &[u8], sink: &mut dyn RowSink) -> Result<(), Error> {
        self.text.feed(chunk, false, &mut self.table, sink)
    }

    pub fn finish(mut self, sink: &mut dyn RowSink, at_eof: bool) -> Result<PartInput, Error> {
        let (clean_end, decided) = close(&mut self.text, &mut self.table, sink, at_eof)?;
        let table = &mut self.table;
        self.text.records.finish(&mut |f, l| table.record(f, l, sink))?;
        let records = &mut self.text.records;
        let (account, leans_on_previous_order) = self.table.finish_part();
        Ok(PartInput {
            account,
            mixed_encoding: records.mixed_encoding.take(),
            broken_quote: records.broken_quote.take(),
            lines: records.lines_read(),
            decided: if self.handed { None } else { decided },
            clean_end,
            leans_on_previous_order,
        })
    }
}

/// Cuts a part's bytes out of the file as they stream in. The part begins at the
/// first line start at or after its cut `c` (found from byte `c - 1`, so a cut right
/// at a line start keeps that line, and one between CR and LF starts after the LF),
/// and ends where the next part begins by the same rule. Only line ends matter
/// here; whether one is inside a quoted field is for [`PartInput::clean_end`].
#[derive(Clone, Debug)]
pub struct Span {
    /// Offset in the file of the next byte to come.
    pos: u64,
    /// Still looking for the first line start; `true` inside: a CR ended the last chunk.
    seeking: Option<bool>,
    /// The next part's cut, where one is known.
    end: Option<u64>,
    /// A CR ended the part's last chunk at its end: a LF right after belongs to it.
    end_cr: bool,
    done: bool,
}

fn line_end(b: &u8) -> bool {
    *b == b'\n' || *b == b'\r'
}

impl Span {
    /// The first part: from the file's start, its end told later ([`Span::end_at`]).
    pub fn first() -> Span {
        Span { pos: 0, seeking: None, end: None, end_cr: false, done: false }
    }

    /// The part cut at `cut` (>= 1) and ending at the next one's cut, if any: its
    /// bytes are to be pushed from offset `cut - 1` ([`Span::read_from`]).
    pub fn part(cut: u64, end: Option<u64>) -> Span {
        Span { pos: cut.saturating_sub(1), seeking: Some(false), end, end_cr: false, done: false }
    }

    /// Where the bytes pushed must start.
    pub fn read_from(&self) -> u64 {
        self.pos
    }

    /// Sets the end of the first part once the cuts are known; `pushed` bytes
    /// have gone through already and must lie before `end - 1`.
    pub fn end_at(&mut self, end: u64) -> bool {
        if self.seeking.is_some() || self.end.is_some() || self.pos + 1 > end {
            return false;
        }
        self.end = Some(end);
        true
    }

    pub fn pushed(&mut self, n: u64) {
        self.pos += n;
    }

    /// The part has all its bytes: the rest of the file is not its.
    pub fn done(&self) -> bool {
        self.done
    }

    /// The bytes of `chunk` (the next bytes of the file) that belong to the part.
    pub fn take<'a>(&mut self, chunk: &'a [u8]) -> &'a [u8] {
        let base = self.pos;
        self.pos += chunk.len() as u64;
        if self.done || chunk.is_empty() {
            return &[];
        }
        let mut from = 0;
        if let Some(cr) = self.seeking {
            from = if cr {
                usize::from(chunk[0] == b'\n')
            } else {
                match chunk.iter().position(line_end) {
                    None => return &[],
                    Some(p) if chunk[p] == b'\n' => p + 1,
                    Some(p) if p + 1 == chunk.len() => {
                        self.seeking = Some(true);
                        return &[];
                    }
                    Some(p) => p + 1 + usize::from(chunk[p + 1] == b'\n'),
                }
            };
            self.seeking = None;
            if self.end.is_some_and(|end| end <= base + from as u64) {
                self.done = true;
                return &[];
            }
        }
        let mut to = chunk.len();
        if let Some(end) = self.end {
            if self.end_cr {
                self.done = true;
                to = from + usize::from(chunk[from] == b'\n');
            } else {
                let seek = (end - 1).saturating_sub(base).max(from as u64);
                if seek < chunk.len() as u64 {
                    let seek = seek as usize;
                    if let Some(q) = chunk[seek..].iter().position(line_end) {
                        let p = seek + q;
                        if chunk[p] == b'\n' {
                            (to, self.done) = (p + 1, true);
                        } else if p + 1 < chunk.len() {
                            (to, self.done) = (p + 1 + usize::from(chunk[p + 1] == b'\n'), true);
                        } else {
                            self.end_cr = true;
                        }
                    }
                }
            }
        }
        &chunk[from..to]
    }
}
