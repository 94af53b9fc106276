//! One file, several workers. The first part is a [`Session`] that reads from the
//! file's start; once it has settled the dialect and the columns' conventions
//! ([`Session::handover`]) the rest of the file is cut ([`cuts`]), the first part
//! told where it ends ([`Session::end_at`]), and each later [`Part`] reads its range
//! with what was handed over. The parts' results ([`Part::finish`], bytes) are
//! absorbed by the first in file order ([`Session::absorb`]), and the analysis runs
//! once ([`Session::finish_parts`]). The Report is a single pass's, byte for byte;
//! where the parts cannot promise that (a cut inside a quoted field, an encoding
//! decided differently, a row continuing an order from the part before, an error in
//! a later part) the answer is `None`: read the file again in one pass.

use crate::error::Error;
use crate::ingest::encoding::Encoding;
use crate::ingest::split::{Handover, PartIngest, PartInput, Span};
use crate::ingest::{Account, Skip, Warning, LINES_KEPT};
use crate::ledger::{Absorbing, Ledger};
use crate::options::Options;
use crate::report::Report;
use crate::wire::{Reader, Writer};
use crate::Session;

/// Below this a file is read by one worker: starting another (its wasm, its
/// slices) costs tens of milliseconds, which a file this small does not win back.
pub const MIN_SPLIT_BYTES: u64 = 16 << 20;
/// Each part gets at least this much, so a part's fixed costs stay small against
/// its reading.
const MIN_PART_BYTES: u64 = 4 << 20;

/// Where to cut a file of `total` bytes among `workers` (the first part has read
/// `read` bytes already, and must keep them): the cut offsets, none when one
/// worker should read it all.
pub fn cuts(total: u64, read: u64, workers: usize) -> Vec<u64> {
    if total < MIN_SPLIT_BYTES || workers < 2 {
        return Vec::new();
    }
    let n = (workers as u64).min(total / MIN_PART_BYTES).max(1);
    let share = total / n;
    let cuts: Vec<u64> = (1..n).map(|k| k * share).collect();
    // The first part keeps what it read: the cuts are laid over the rest.
    if cuts.first().is_some_and(|&c| c <= read + 1) {
        let rest = total - read;
        if rest < MIN_SPLIT_BYTES {
            return Vec::new();
        }
        let share = rest / n;
        return (1..n).map(|k| read + 1 + k * share).collect();
    }
    cuts
}

/// Bytes a piece of a part's result holds, about ([`Part::finish`]): the worker
/// that absorbs it copies one piece at a time into its memory.
pub const PIECE: usize = 4 << 20;

/// The split state of the first part's session.
pub(crate) struct Lead {
    pub(crate) span: Span,
    /// What the first part read, once it has closed ([`Session::absorb`]).
    first: Option<PartInput>,
    later: Vec<PartInput>,
    /// The part being absorbed, while its pieces come in.
    absorbing: Option<(PartInput, Absorbing)>,
    /// Line ends before the next part to absorb.
    lines: u64,
    /// A part cannot be merged exactly: read the file again in one pass.
    broken: bool,
}

impl Session {
    /// The dialect and conventions a later part needs, once settled; `None` for a
    /// file that one worker reads (not delimited text, an encoding that cannot be
    /// cut, or not settled yet).
    pub fn handover(&self) -> Option<Handover> {
        self.ingest.handover()
    }

    /// Makes this session the first part, ending where the part cut at `end`
    /// begins. `false` when it has read past there already.
    pub fn end_at(&mut self, end: u64) -> bool {
        let mut span = Span::first();
        span.pushed(self.pushed);
        if !span.end_at(end) {
            return false;
        }
        self.lead =
            Some(Box::new(Lead { span, first: None, later: Vec::new(), absorbing: None, lines: 0, broken: false }));
        true
    }

    /// The first part has all its bytes: the rest of the file is for the others.
    pub fn part_done(&self) -> bool {
        self.lead.as_ref().is_some_and(|l| l.span.done())
    }

    /// Adds the next piece of the later parts' results ([`Part::finish`]): each
    /// part's pieces in their order, the parts in file order.
    pub fn absorb(&mut self, piece: &[u8]) -> Result<(), Error> {
        let Some(lead) = self.lead.as_mut() else {
            return Err(Error::BadOptions { detail: "absorb: the session was not made a first part (end_at)".into() });
        };
        if lead.first.is_none() {
            let first = self.ingest.close_first(&mut self.ledger, false)?;
            lead.lines = first.lines;
            lead.broken |= !first.clean_end;
            lead.first = Some(first);
        }
        if lead.broken {
            return Ok(());
        }
        let r = &mut Reader(piece);
        let ledger = &mut self.ledger;
        let merged = match lead.absorbing.take() {
            // A part's first piece: what it read, and its ledger's head.
            None => read_input(r).and_then(|input| Some((input, ledger.absorb_head(r, lead.lines)?))),
            Some(going) => Some(going),
        }
        .and_then(|(input, mut a)| {
            ledger.absorb_clients(r, &mut a)?;
            r.0.is_empty().then_some((input, a))
        });
        match merged {
            Some((input, a)) if a.left > 0 => lead.absorbing = Some((input, a)),
            Some((input, a)) => {
                lead.broken |= self.ledger.absorb_end(a).is_none() || input.leans_on_previous_order;
                lead.lines += input.lines;
                lead.later.push(input);
            }
            None => lead.broken = true,
        }
        Ok(())
    }

    /// The Report of the whole file from the parts absorbed; `Ok(None)` when it
    /// would not be a single pass's (read the file again in one pass).
    pub fn finish_parts(mut self) -> Result<Option<Report>, Error> {
        let Some(lead) = self.lead.take() else { return self.finish().map(Some) };
        let Lead { first, later, broken, absorbing, .. } = *lead;
        // A part whose pieces did not all come.
        let broken = broken || absorbing.is_some();
        // No later part was absorbed: nothing says the first ended between records.
        let Some(first) = first else { return Ok(None) };
        // The last part read the file's end; every part before it ended between records.
        let mut parts: Vec<PartInput> = std::iter::once(first).chain(later).collect();
        if broken || parts.iter().rev().skip(1).any(|p| !p.clean_end) {
            return Ok(None);
        }
        let Some(encoding) = agreed_encoding(&parts) else { return Ok(None) };
        let Ok(mut input) = self.ingest.finish(&mut self.ledger) else { return Ok(None) };
        if let Some(enc) = encoding {
            input.encoding = Some(enc.name().to_string());
        }
        // Records' warnings come first in `input.warnings` (see `Ingest::finish`).
        let mut offset = parts.first().map_or(0, |p| p.lines);
        let mut mixed = take_warning(&mut input.warnings, "mixed_encoding");
        let mut broken_quote = take_warning(&mut input.warnings, "broken_quote");
        for p in parts.iter_mut().skip(1) {
            add_account(&mut input.account, &p.account, offset);
            add_warning(&mut mixed, p.mixed_encoding.take(), offset, true);
            add_warning(&mut broken_quote, p.broken_quote.take(), offset, false);
            offset += p.lines;
        }
        let front: Vec<Warning> = mixed.into_iter().chain(broken_quote).collect();
        input.warnings.splice(0..0, front);
        crate::report(input, self.ledger, &self.options).map(Some)
    }
}

/// The encoding every part read with: the first one decided (on its whole evidence),
/// which each later decision must match; `Some(None)` when none was decided.
fn agreed_encoding(parts: &[PartInput]) -> Option<Option<Encoding>> {
    let mut decided = parts.iter().filter_map(|p| p.decided);
    let Some((first, whole)) = decided.next() else { return Some(None) };
    (whole && decided.all(|(e, _)| e == first)).then_some(Some(first))
}

fn take_warning(warnings: &mut Vec<Warning>, code: &str) -> Option<Warning> {
    let i = warnings.iter().position(|w| w.code == code)?;
    Some(warnings.remove(i))
}

fn add_warning(kept: &mut Option<Warning>, later: Option<Warning>, offset: u64, listed: bool) {
    let Some(mut w) = later else { return };
    w.first_line += offset;
    w.lines.iter_mut().for_each(|l| *l += offset);
    match kept {
        None => *kept = Some(w),
        Some(k) => {
            k.count += w.count;
            if listed {
                let room = LINES_KEPT.saturating_sub(k.lines.len());
                k.lines.extend(w.lines.into_iter().take(room));
            }
        }
    }
}

fn add_account(a: &mut Account, later: &Account, offset: u64) {
    a.rows_read += later.rows_read;
    a.rows_used += later.rows_used;
    a.rows_skipped += later.rows_skipped;
    for (reason, s) in &later.skipped {
        let k = a.skipped.entry(reason).or_default();
        k.count += s.count;
        let room = LINES_KEPT.saturating_sub(k.lines.len());
        k.lines.extend(s.lines.iter().take(room).map(|l| l + offset));
    }
}

/// A later part of the file: its range, its rows typed with the conventions handed
/// over, its own ledger.
pub struct Part {
    span: Span,
    ingest: PartIngest,
    ledger: Ledger,
    at_eof: bool,
}

impl Part {
    /// The part cut at `cut`, up to the next cut `end` (`None`: to the file's end).
    pub fn new(handover: &Handover, options: &Options, cut: u64, end: Option<u64>) -> Result<Part, Error> {
        options.validate()?;
        let ingest = PartIngest::new(handover)
            .ok_or(Error::BadOptions { detail: "the handover names an encoding that cannot be split".into() })?;
        let ledger = Ledger::narrowed(options.manager.clone());
        Ok(Part { span: Span::part(cut, end), ingest, ledger, at_eof: end.is_none() })
    }

    /// The file offset its bytes are to be pushed from.
    pub fn read_from(&self) -> u64 {
        self.span.read_from()
    }

    /// The next bytes of the file; the part keeps what is its own.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        let bytes = self.span.take(chunk);
        self.ingest.push(bytes, &mut self.ledger)
    }

    /// The part has all its bytes.
    pub fn done(&self) -> bool {
        self.span.done()
    }

    /// What the part read and its ledger, as pieces of about [`PIECE`] bytes for
    /// [`Session::absorb`], made one at a time as they are taken.
    pub fn finish(self) -> Result<Pieces, Error> {
        self.finish_in(PIECE)
    }

    /// As [`Part::finish`], in pieces of about `bytes` bytes.
    pub fn finish_in(mut self, bytes: usize) -> Result<Pieces, Error> {
        let input = self.ingest.finish(&mut self.ledger, self.at_eof)?;
        Ok(Pieces { input: Some(input), ledger: self.ledger, next: 0, bytes })
    }
}

/// A part's result, piece by piece ([`Part::finish`]).
pub struct Pieces {
    /// What the part read: the first piece's head, with the ledger's.
    input: Option<PartInput>,
    ledger: Ledger,
    /// The next client to hand over.
    next: usize,
    /// About how many bytes a piece holds.
    bytes: usize,
}

impl Iterator for Pieces {
    type Item = Vec<u8>;

    fn next(&mut self) -> Option<Vec<u8>> {
        let mut w = Writer(Vec::with_capacity(self.bytes.min(PIECE) + (PIECE >> 4)));
        match self.input.take() {
            Some(input) => {
                write_input(&mut w, &input);
                self.ledger.export_head(&mut w);
            }
            None if self.next >= self.ledger.export_len() => return None,
            None => {}
        }
        self.next = self.ledger.export_clients(&mut w, self.next, self.bytes);
        Some(w.0)
    }
}

const REASONS: [&str; 6] = {
    use crate::ingest::reason::*;
    [BLANK, TOTALS_ROW, NO_CLIENT, BAD_DATE, BAD_AMOUNT, BAD_COUNT]
};

fn write_warning(w: &mut Writer, warning: &Option<Warning>) {
    w.u8(u8::from(warning.is_some()));
    if let Some(x) = warning {
        w.u64(x.count);
        w.u64(x.first_line);
        w.count(x.lines.len());
        x.lines.iter().for_each(|&l| w.u64(l));
    }
}

fn read_warning(r: &mut Reader<'_>, code: &'static str) -> Option<Option<Warning>> {
    if r.u8()? == 0 {
        return Some(None);
    }
    let (count, first_line) = (r.u64()?, r.u64()?);
    let lines = (0..r.count()?).map(|_| r.u64()).collect::<Option<Vec<u64>>>()?;
    Some(Some(Warning { code, count, first_line, lines }))
}

fn write_input(w: &mut Writer, p: &PartInput) {
    let a = &p.account;
    for n in [a.rows_read, a.rows_used, a.rows_skipped] {
        w.u64(n);
    }
    w.count(a.skipped.len());
    for (reason, s) in &a.skipped {
        w.str(reason);
        w.u64(s.count);
        w.count(s.lines.len());
        s.lines.iter().for_each(|&l| w.u64(l));
    }
    write_warning(w, &p.mixed_encoding);
    write_warning(w, &p.broken_quote);
    w.u64(p.lines);
    w.opt_str(p.decided.map(|(e, _)| e.name()));
    w.u8(u8::from(p.decided.is_some_and(|(_, whole)| whole)));
    w.u8(u8::from(p.clean_end));
    w.u8(u8::from(p.leans_on_previous_order));
}

fn read_input(r: &mut Reader<'_>) -> Option<PartInput> {
    let mut a = Account { rows_read: r.u64()?, rows_used: r.u64()?, rows_skipped: r.u64()?, ..Account::default() };
    for _ in 0..r.count()? {
        let name = r.str()?;
        let reason = *REASONS.iter().find(|&&x| x == name)?;
        let count = r.u64()?;
        let lines = (0..r.count()?).map(|_| r.u64()).collect::<Option<Vec<u64>>>()?;
        a.skipped.insert(reason, Skip { count, lines });
    }
    let mixed_encoding = read_warning(r, "mixed_encoding")?;
    let broken_quote = read_warning(r, "broken_quote")?;
    let lines = r.u64()?;
    let enc = match r.opt_str()? {
        Some(label) => Some(Encoding::for_label(label.as_bytes())?),
        None => None,
    };
    let whole = r.u8()? == 1;
    Some(PartInput {
        account: a,
        mixed_encoding,
        broken_quote,
        lines,
        decided: enc.map(|e| (e, whole)),
        clean_end: r.u8()? == 1,
        leans_on_previous_order: r.u8()? == 1,
    })
}

/// What [`analyze_split`] did.
pub struct SplitRun {
    /// `None`: the parts could not promise a single pass's Report.
    pub report: Option<Report>,
    /// Parts the file was read in (1: not split).
    pub parts: usize,
}

/// The whole file read as the page reads a large one: the first part until it
/// settles (in `chunk`-byte reads), then cut at `at` (offsets; `None`: by
/// [`cuts`] for `workers`), each part read and absorbed in turn. For tests and
/// tools: the page runs the parts in workers at once.
pub fn analyze_split(
    bytes: &[u8],
    options: &Options,
    chunk: usize,
    at: Option<&[u64]>,
    workers: usize,
) -> Result<SplitRun, Error> {
    let mut s = Session::new(options.clone())?;
    let chunk = chunk.max(1);
    let mut off = 0;
    let mut handover = None;
    while off < bytes.len() && handover.is_none() {
        let end = (off + chunk).min(bytes.len());
        s.push(&bytes[off..end])?;
        off = end;
        handover = s.handover();
    }
    let total = bytes.len() as u64;
    let cut_at: Vec<u64> = match (handover.as_ref(), at) {
        (None, _) => Vec::new(),
        (Some(_), Some(at)) => at.iter().copied().filter(|&c| c > off as u64 && c < total).collect(),
        (Some(_), None) => cuts(total, off as u64, workers),
    };
    let Some(handover) = handover.filter(|_| !cut_at.is_empty()) else {
        s.push(&bytes[off..])?;
        return s.finish().map(|r| SplitRun { report: Some(r), parts: 1 });
    };
    let parts = cut_at.len() + 1;
    let fallback = Ok(SplitRun { report: None, parts });
    if !s.end_at(cut_at[0]) {
        return fallback;
    }
    while off < bytes.len() && !s.part_done() {
        let end = (off + chunk).min(bytes.len());
        s.push(&bytes[off..end])?;
        off = end;
    }
    for (k, &cut) in cut_at.iter().enumerate() {
        let mut part = Part::new(&handover, options, cut, cut_at.get(k + 1).copied())?;
        let mut off = part.read_from() as usize;
        while off < bytes.len() && !part.done() {
            let end = (off + chunk).min(bytes.len());
            if part.push(&bytes[off..end]).is_err() {
                return fallback;
            }
            off = end;
        }
        // Pieces the size of the chunks: small chunks test a part absorbed in many.
        match part.finish_in(chunk) {
            Ok(pieces) => {
                for piece in pieces {
                    s.absorb(&piece)?;
                }
            }
            Err(_) => return fallback,
        }
    }
    Ok(SplitRun { report: s.finish_parts()?, parts })
}
