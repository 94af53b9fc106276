//! Records from delimited text: a line without a quote is split in place (the
//! common case: no copy, the separators found a block at a time by [`Specials`]);
//! any other record goes through csv-core. This keeps the line each record starts
//! on and recovers from a quote that never closes.

use super::scan::Specials;
use super::Warning;
use crate::error::Error;
use csv_core::{ReadRecordResult, Reader, ReaderBuilder};
use std::borrow::Cow;

/// A quoted field spanning more lines than this is taken for a stray quote that
/// swallowed the lines after it; they are split back into records.
pub const MAX_RECORD_LINES: u64 = 64;

/// Receives each record's fields and the line it starts on (1-based).
pub type Emit<'a> = dyn FnMut(&[&str], u64) -> Result<(), Error> + 'a;

pub struct Records {
    reader: Reader,
    delimiter: u8,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    lines_seen: u64,
    /// The last byte counted was a CR: a LF right after it ends the same line.
    after_cr: bool,
    record_line: Option<u64>,
    /// Quoting is off for the rest of the line a recovery stopped in.
    recovering: bool,
    /// Records that were not UTF-8 in a UTF-8 file, read by their own
    /// single-byte encoding ([`super::evidence::line_fallback`]).
    pub mixed_encoding: Option<Warning>,
    pub broken_quote: Option<Warning>,
    /// Lines without a quote are split in place ([`Records::split_plain`]); off
    /// only to compare with csv-core alone in tests.
    plain: bool,
    /// Field ends of the record being split in place, reused.
    plain_ends: Vec<usize>,
}

impl Records {
    pub fn new(delimiter: u8) -> Records {
        Records {
            reader: reader(delimiter, true),
            delimiter,
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            lines_seen: 0,
            after_cr: false,
            record_line: None,
            recovering: false,
            mixed_encoding: None,
            broken_quote: None,
            plain: delimiter.is_ascii() && !matches!(delimiter, b'"' | b'\r' | b'\n'),
            plain_ends: Vec::new(),
        }
    }

    /// Every record to csv-core: what the in-place splitting is tested against.
    #[cfg(test)]
    pub fn csv_core_only(delimiter: u8) -> Records {
        Records { plain: false, ..Records::new(delimiter) }
    }

    pub fn feed(&mut self, mut input: &[u8], emit: &mut Emit<'_>) -> Result<(), Error> {
        // The UTF-8 text from `valid.0` to `valid.0 + valid.1.len()` of the input,
        // validated once for all the records in it.
        let whole = input;
        let mut valid: (usize, &str) = (0, "");
        loop {
            if self.at_plain_boundary() && !input.is_empty() {
                let pos = whole.len() - input.len();
                if pos < valid.0 || pos >= valid.0 + valid.1.len() {
                    valid = (pos, valid_prefix(input));
                }
                let text = valid.1.get(pos - valid.0..).unwrap_or("");
                let n = self.split_plain(text, emit)?;
                input = &input[n..];
                if input.is_empty() {
                    return Ok(());
                }
            }
            let (res, nin) = self.step(input);
            self.track_lines(&input[..nin]);
            input = &input[nin..];
            match res {
                ReadRecordResult::Record => self.complete(emit)?,
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::InputEmpty | ReadRecordResult::End => {
                    if self.spans_too_many_lines() {
                        self.recover(true, emit)?;
                        continue;
                    }
                    return Ok(());
                }
            }
            if input.is_empty() && res == ReadRecordResult::Record {
                return Ok(());
            }
        }
    }

    /// Nothing of a record is pending: the input so far ended at a record boundary
    /// (a file split among workers is cut only there, see `ingest::split`).
    pub fn between_records(&self) -> bool {
        self.out_len == 0 && self.ends_len == 0 && self.record_line.is_none() && !self.recovering
    }

    /// Line ends read so far.
    pub fn lines_read(&self) -> u64 {
        self.lines_seen
    }

    /// Nothing of a record is held: csv-core is between records (it has taken only
    /// line ends since the last one), so the next bytes may be split in place.
    fn at_plain_boundary(&self) -> bool {
        self.plain && !self.recovering && self.record_line.is_none() && self.out_len == 0 && self.ends_len == 0
    }

    /// Splits the whole lines at the start of `text` that hold no quote, passing
    /// each on as csv-core would (line ends skipped, blank lines too); returns the
    /// bytes taken. Stops before a line with a quote or without its line end (more
    /// may come in the next chunk), which csv-core then reads.
    fn split_plain(&mut self, text: &str, emit: &mut Emit<'_>) -> Result<usize, Error> {
        let bytes = text.as_bytes();
        let mut specials = Specials::new(bytes, self.delimiter);
        let mut pos = 0;
        loop {
            // Line ends before the record: counted, as csv-core would skip them.
            let start = pos + bytes[pos..].iter().position(|&b| b != b'\n' && b != b'\r').unwrap_or(bytes.len() - pos);
            self.lines_seen += self.count_line_ends(&bytes[pos..start]);
            pos = start;
            if pos == bytes.len() {
                return Ok(pos);
            }
            self.plain_ends.clear();
            let end = loop {
                match specials.next() {
                    None => return Ok(pos),
                    Some(i) if i < start => {}
                    Some(i) => match bytes[i] {
                        b'"' => return Ok(pos),
                        b'\n' | b'\r' => break i,
                        _ => self.plain_ends.push(i),
                    },
                }
            };
            self.plain_ends.push(end);
            self.after_cr = false;
            let line = self.lines_seen + 1;
            let field = |a: usize, b: usize| text.get(a..b).unwrap_or("");
            const INLINE: usize = 48;
            if self.plain_ends.len() <= INLINE {
                let mut inline = [""; INLINE];
                let mut from = start;
                for (slot, &to) in inline.iter_mut().zip(&self.plain_ends) {
                    *slot = field(from, to);
                    from = to + 1;
                }
                emit(&inline[..self.plain_ends.len()], line)?;
            } else {
                let mut from = start;
                let mut fields = Vec::with_capacity(self.plain_ends.len());
                for &to in &self.plain_ends {
                    fields.push(field(from, to));
                    from = to + 1;
                }
                emit(&fields, line)?;
            }
            pos = end;
        }
    }

    /// End of input: csv-core flushes the last record on an empty read.
    pub fn finish(&mut self, emit: &mut Emit<'_>) -> Result<(), Error> {
        loop {
            match self.step(&[]).0 {
                ReadRecordResult::Record => self.complete(emit)?,
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {}
                ReadRecordResult::End | ReadRecordResult::InputEmpty => return Ok(()),
            }
        }
    }

    /// One csv-core read into the record buffers, growing them when full; returns
    /// the result and the input bytes consumed.
    fn step(&mut self, input: &[u8]) -> (ReadRecordResult, usize) {
        let (res, nin, nout, nend) =
            self.reader.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
        self.out_len += nout;
        self.ends_len += nend;
        match res {
            ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
            _ => {}
        }
        (res, nin)
    }

    /// A record is complete: pass it on, or split it back if a quote swallowed lines.
    fn complete(&mut self, emit: &mut Emit<'_>) -> Result<(), Error> {
        if self.spans_too_many_lines() {
            self.recover(false, emit)
        } else {
            self.emit_record(emit)
        }
    }

    fn spans_too_many_lines(&self) -> bool {
        !self.recovering && self.record_line.is_some_and(|start| self.lines_seen + 1 - start > MAX_RECORD_LINES)
    }

    /// Keeps the line where the current record began: the first byte that is not a
    /// line break after the previous record.
    fn track_lines(&mut self, consumed: &[u8]) {
        let mut rest = consumed;
        if self.record_line.is_none() {
            if let Some(i) = rest.iter().position(|&b| b != b'\n' && b != b'\r') {
                let before = self.count_line_ends(&rest[..i]);
                self.record_line = Some(self.lines_seen + before + 1);
                self.lines_seen += before;
                rest = &rest[i..];
            }
        }
        self.lines_seen += self.count_line_ends(rest);
    }

    /// Line ends in `bytes`: LF, CR LF, or a CR alone (old Mac exports), as csv-core
    /// reads them; a CR LF cut between two chunks counts once.
    fn count_line_ends(&mut self, bytes: &[u8]) -> u64 {
        let mut n = 0;
        for &b in bytes {
            match b {
                b'\r' => n += 1,
                b'\n' if !self.after_cr => n += 1,
                _ => {}
            }
            self.after_cr = b == b'\r';
        }
        n
    }

    fn emit_record(&mut self, emit: &mut Emit<'_>) -> Result<(), Error> {
        let line = self.record_line.take().unwrap_or(self.lines_seen);
        let (out_len, ends_len) = (self.out_len, self.ends_len);
        self.out_len = 0;
        self.ends_len = 0;
        if self.recovering {
            self.recovering = false;
            self.reader = reader(self.delimiter, true);
        }
        let bytes = &self.out[..out_len];
        let ends = &self.ends[..ends_len];
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                // Most files have a few dozen columns: no allocation per record.
                const INLINE: usize = 48;
                let mut inline = [""; INLINE];
                let mut spill = Vec::new();
                let mut start = 0;
                for (i, &end) in ends.iter().enumerate() {
                    let field = text.get(start..end).unwrap_or("");
                    start = end;
                    if ends.len() <= INLINE {
                        inline[i] = field;
                    } else {
                        spill.push(field);
                    }
                }
                emit(if ends.len() <= INLINE { &inline[..ends.len()] } else { &spill }, line)
            }
            Err(_) => {
                let w = self.mixed_encoding.get_or_insert(Warning::lines("mixed_encoding", 0, Vec::new()));
                w.count += 1;
                if w.lines.len() < super::account::LINES_KEPT {
                    w.lines.push(line);
                }
                w.first_line = w.lines[0];
                let enc = super::evidence::line_fallback(bytes);
                let mut owned: Vec<Cow<'_, str>> = Vec::with_capacity(ends.len());
                let mut start = 0;
                for &end in ends {
                    owned.push(enc.decode_without_bom_handling(bytes.get(start..end).unwrap_or(&[])));
                    start = end;
                }
                let fields: Vec<&str> = owned.iter().map(|c| c.as_ref()).collect();
                emit(&fields, line)
            }
        }
    }

    /// A quote opened and swallowed many lines: split what it swallowed back into
    /// lines, read them without quoting, and go on. With `partial`, the last line
    /// is still being read, so it continues in an unquoted reader.
    fn recover(&mut self, partial: bool, emit: &mut Emit<'_>) -> Result<(), Error> {
        let start_line = self.record_line.take().unwrap_or(self.lines_seen + 1);
        let w = self.broken_quote.get_or_insert(Warning::new("broken_quote", start_line));
        w.count += 1;
        let mut text = Vec::with_capacity(self.out_len + self.ends_len);
        let mut start = 0;
        for (i, &end) in self.ends[..self.ends_len].iter().enumerate() {
            if i > 0 {
                text.push(self.delimiter);
            }
            text.extend_from_slice(&self.out[start..end]);
            start = end;
        }
        if partial {
            if self.ends_len > 0 {
                text.push(self.delimiter);
            }
            text.extend_from_slice(&self.out[start..self.out_len]);
        }
        self.out_len = 0;
        self.ends_len = 0;
        let mut lines = split_lines(&text);
        let fragment = if partial { lines.pop() } else { None };
        let delimiter = self.delimiter;
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let owned: Vec<Cow<'_, str>> = line.split(|&b| b == delimiter).map(String::from_utf8_lossy).collect();
            let fields: Vec<&str> = owned.iter().map(|c| c.as_ref()).collect();
            emit(&fields, start_line + i as u64)?;
        }
        self.reader = reader(self.delimiter, !partial);
        if let Some(fragment) = fragment {
            self.recovering = true;
            self.record_line = Some(start_line + lines.len() as u64);
            let fragment = fragment.to_vec();
            let saved = (self.lines_seen, self.after_cr);
            self.feed(&fragment, emit)?;
            (self.lines_seen, self.after_cr) = saved;
        }
        Ok(())
    }
}

/// The longest UTF-8 prefix of `bytes` (a character cut at the end of a chunk, or
/// a byte of another encoding, ends it; csv-core reads the record it is in).
fn valid_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    }
}

fn reader(delimiter: u8, quoting: bool) -> Reader {
    ReaderBuilder::new().delimiter(delimiter).quoting(quoting).build()
}

/// Lines of `text` ended by LF, CR LF or a lone CR; the last piece is what follows
/// the last line end (empty when the text ends with one).
fn split_lines(text: &[u8]) -> Vec<&[u8]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'\n' => {
                lines.push(&text[start..i]);
                start = i + 1;
            }
            b'\r' => {
                lines.push(&text[start..i]);
                if text.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    lines.push(&text[start..]);
    lines
}
