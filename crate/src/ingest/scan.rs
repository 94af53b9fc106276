//! The bytes that end a field or a record, found a block at a time: the record
//! splitter's search for the delimiter, a quote, CR and LF.
//!
//! Like `simd-csv`, the search classifies a whole block of bytes at once and then
//! walks the set bits of the block's mask, so the dozen separators of a line cost
//! one compare per block rather than four per byte. In the page's wasm (built with
//! `+simd128`, see .cargo/config.toml) a block is 16 bytes compared in one vector
//! instruction each; elsewhere a block is 8 bytes compared as one `u64` (SWAR).

/// Positions of the special bytes of `bytes`, in order.
pub struct Specials<'a> {
    bytes: &'a [u8],
    /// Start of the block `mask` describes.
    base: usize,
    /// Bit `i << SHIFT` set when `bytes[base + i]` is special and not yet returned.
    mask: u64,
    delimiter: u8,
}

impl<'a> Specials<'a> {
    pub fn new(bytes: &'a [u8], delimiter: u8) -> Specials<'a> {
        let mut s = Specials { bytes, base: 0, mask: 0, delimiter };
        s.mask = s.block_mask();
        s
    }

    /// The mask of the block at `base` (zero past the end).
    fn block_mask(&self) -> u64 {
        let rest = self.bytes.get(self.base..).unwrap_or(&[]);
        match rest.first_chunk::<BLOCK>() {
            Some(block) => block_mask(block, self.delimiter),
            None => {
                let mut block = [0u8; BLOCK];
                block[..rest.len()].copy_from_slice(rest);
                // The padding is no separator, whatever the delimiter.
                block_mask(&block, self.delimiter) & ((1u64 << (rest.len() << SHIFT)) - 1)
            }
        }
    }
}

impl Iterator for Specials<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.mask == 0 {
            self.base += BLOCK;
            if self.base >= self.bytes.len() {
                return None;
            }
            self.mask = self.block_mask();
        }
        let at = self.base + (self.mask.trailing_zeros() >> SHIFT) as usize;
        self.mask &= self.mask - 1;
        Some(at)
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
const BLOCK: usize = 16;
/// A byte's bit in the mask is at `index << SHIFT`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
const SHIFT: u32 = 0;

/// One bit per byte from wasm's `i8x16.bitmask`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn block_mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    use core::arch::wasm32::{u64x2, u8x16_bitmask, u8x16_eq, u8x16_splat, v128_or};
    let half = |i: usize| u64::from_le_bytes(block[i..i + 8].try_into().unwrap_or_default());
    let v = u64x2(half(0), half(8));
    let eq = |b: u8| u8x16_eq(v, u8x16_splat(b));
    let any = v128_or(v128_or(eq(delimiter), eq(b'"')), v128_or(eq(b'\n'), eq(b'\r')));
    u64::from(u8x16_bitmask(any))
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const BLOCK: usize = 8;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
const SHIFT: u32 = 3;

/// The high bit of each byte of the block that is special (SWAR, exact: no carry
/// crosses a byte, so a byte after a match is never taken for one).
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline]
fn block_mask(block: &[u8; BLOCK], delimiter: u8) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const SPLAT: u64 = 0x0101_0101_0101_0101;
    let x = u64::from_le_bytes(*block);
    // High bit set in each byte of `v` that is zero.
    let zero = |v: u64| !(((v & LOW7) + LOW7) | v) & !LOW7;
    let eq = |b: u8| zero(x ^ (SPLAT * u64::from(b)));
    eq(delimiter) | eq(b'"') | eq(b'\n') | eq(b'\r')
}

#[cfg(test)]
mod tests {
    use super::Specials;
    use proptest::prelude::*;

    fn naive(bytes: &[u8], d: u8) -> Vec<usize> {
        (0..bytes.len()).filter(|&i| matches!(bytes[i], b'"' | b'\n' | b'\r') || bytes[i] == d).collect()
    }

    #[test]
    fn finds_every_separator_once_in_order() {
        let line = b"2025-10-19;C0008805;\"517,32\"\r\n\xd0\x9e\xd0\x9e\xd0\x9e;x\n";
        assert_eq!(Specials::new(line, b';').collect::<Vec<_>>(), vec![10, 19, 20, 27, 28, 29, 36, 38]);
        assert_eq!(Specials::new(b"", b';').count(), 0);
    }

    proptest! {
        #[test]
        fn same_positions_as_a_byte_by_byte_search(
            bytes in prop::collection::vec(prop::sample::select(vec![b'a', b';', b',', b'"', b'\r', b'\n', 0, 0x80, 0xff, 0x7f]), 0..80),
            d in prop::sample::select(vec![b';', b',', b'\t', 0u8, 0xff]),
        ) {
            prop_assert_eq!(Specials::new(&bytes, d).collect::<Vec<_>>(), naive(&bytes, d));
        }
    }
}
