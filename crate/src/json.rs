//! JSON text of the Report handed out in pieces.
//!
//! The page's Report is 50 MB of JSON for 100 000 clients. Written into one
//! `String`, it needs one contiguous block at the top of wasm memory (the ledger's
//! freed memory is in small pieces), and a doubling `String` briefly holds two;
//! wasm memory never shrinks, so that moment would set the page's peak. Pieces of
//! about a megabyte go to the caller as they are written instead.

use serde::Serialize;
use std::io::{self, Write};

pub const PIECE: usize = 1 << 20;

/// Buffers serde_json's writes and passes on whole writes only. serde_json cuts
/// strings at ASCII escapes, so each write, and so each piece, is valid UTF-8.
struct Pieces<F: FnMut(&str)> {
    buf: Vec<u8>,
    sink: F,
}

impl<F: FnMut(&str)> Pieces<F> {
    fn flush_buf(&mut self) {
        if !self.buf.is_empty() {
            (self.sink)(std::str::from_utf8(&self.buf).unwrap_or_default());
            self.buf.clear();
        }
    }
}

impl<F: FnMut(&str)> Write for Pieces<F> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len() + data.len() > self.buf.capacity() {
            self.flush_buf();
        }
        if data.len() > self.buf.capacity() {
            (self.sink)(std::str::from_utf8(data).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?);
        } else {
            self.buf.extend_from_slice(data);
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes `value` as compact JSON, calling `sink` with consecutive pieces of
/// at most `piece` bytes (longer only for a single longer write).
pub fn write_pieces<T: Serialize>(value: &T, piece: usize, sink: impl FnMut(&str)) -> serde_json::Result<()> {
    let mut w = Pieces { buf: Vec::with_capacity(piece), sink };
    serde_json::to_writer(&mut w, value)?;
    w.flush_buf();
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn pieces_join_to_serde_json_text() {
        let r = crate::analyze(crate::demo::demo().csv.as_bytes(), &crate::Options::default()).unwrap();
        let whole = serde_json::to_string(&r).unwrap();
        for piece in [7, 4096, super::PIECE] {
            let mut parts = Vec::new();
            super::write_pieces(&r, piece, |s| parts.push(s.to_string())).unwrap();
            assert!(parts.len() > 1 || piece == super::PIECE && whole.len() <= piece);
            assert_eq!(parts.concat(), whole, "piece {piece}");
        }
    }
}
