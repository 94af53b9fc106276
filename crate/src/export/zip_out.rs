//! The zip container of a workbook, written by hand: each part is deflated straight
//! into the output as it is produced (the workbook is never held twice), then the
//! central directory. Only what an XLSX needs: deflate, ASCII names, no zip64 (a
//! file past 4 GiB is an error, and the page's memory ends well before that).
//! The crate's own zip writer brought every compressor it knows (zopfli among
//! them) into the page's wasm; see docs/decisions.md.

use flate2::{write::DeflateEncoder, Compression, Crc};
use std::io::{self, Write};

/// zlib's default level: what the zip crate used for the workbook before.
const LEVEL: u32 = 6;
/// 1980-01-01 00:00, the earliest DOS time: the same bytes on every run.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;
/// "Version needed to extract" 2.0: deflate.
const VERSION: u16 = 20;
const DEFLATE: u16 = 8;

struct Entry {
    name: String,
    crc: u32,
    packed: u32,
    size: u32,
    offset: u32,
}

#[derive(Default)]
pub struct Zip {
    out: Vec<u8>,
    entries: Vec<Entry>,
}

/// Past what a zip without zip64 holds.
fn too_big(what: &str) -> io::Error {
    io::Error::other(format!("{what} is past the 4 GiB a zip without zip64 holds"))
}

fn u32_of(n: usize, what: &str) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| too_big(what))
}

/// Counts and checksums what goes through it into the compressor.
struct Summed<W: Write> {
    crc: Crc,
    size: usize,
    inner: W,
}

impl<W: Write> Write for Summed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.size += n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl Zip {
    /// Adds the part `name`, its bytes written by `fill` (buffered: small writes are fine).
    pub fn part(&mut self, name: &str, fill: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let offset = u32_of(self.out.len(), "the workbook")?;
        // The local header; its checksum and sizes are filled in once the data is written.
        let name_len = u16::try_from(name.len()).map_err(|_| too_big("a part name"))?;
        self.out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        for v in [VERSION, 0, DEFLATE, DOS_TIME, DOS_DATE] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&[0; 12]);
        self.out.extend_from_slice(&name_len.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        self.out.extend_from_slice(name.as_bytes());
        let start = self.out.len();
        let mut sink = Summed {
            crc: Crc::new(),
            size: 0,
            inner: DeflateEncoder::new(std::mem::take(&mut self.out), Compression::new(LEVEL)),
        };
        {
            let mut buffered = io::BufWriter::with_capacity(1 << 16, &mut sink);
            fill(&mut buffered)?;
            buffered.flush()?;
        }
        let Summed { crc, size, inner } = sink;
        self.out = inner.finish()?;
        let crc = crc.sum();
        let packed = u32_of(self.out.len() - start, name)?;
        let size = u32_of(size, name)?;
        let at = offset as usize + 14;
        self.out[at..at + 4].copy_from_slice(&crc.to_le_bytes());
        self.out[at + 4..at + 8].copy_from_slice(&packed.to_le_bytes());
        self.out[at + 8..at + 12].copy_from_slice(&size.to_le_bytes());
        self.entries.push(Entry { name: name.to_string(), crc, packed, size, offset });
        Ok(())
    }

    /// The central directory and its end record; the finished file.
    pub fn finish(mut self) -> io::Result<Vec<u8>> {
        let start = u32_of(self.out.len(), "the workbook")?;
        for e in &self.entries {
            self.out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            for v in [VERSION, VERSION, 0, DEFLATE, DOS_TIME, DOS_DATE] {
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            for v in [e.crc, e.packed, e.size] {
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            // Name length (checked when the part was added), extra, comment, disk, attributes.
            for v in [e.name.len() as u16, 0, 0, 0, 0] {
                self.out.extend_from_slice(&v.to_le_bytes());
            }
            self.out.extend_from_slice(&0u32.to_le_bytes());
            self.out.extend_from_slice(&e.offset.to_le_bytes());
            self.out.extend_from_slice(e.name.as_bytes());
        }
        let size = u32_of(self.out.len() - start as usize, "the zip directory")?;
        let count = u16::try_from(self.entries.len()).map_err(|_| too_big("the number of parts"))?;
        self.out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        for v in [0, 0, count, count] {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
        self.out.extend_from_slice(&size.to_le_bytes());
        self.out.extend_from_slice(&start.to_le_bytes());
        self.out.extend_from_slice(&0u16.to_le_bytes());
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_zip_crate_reads_back_every_part_with_its_checksum() {
        let mut zip = Zip::default();
        zip.part("a.xml", |w| w.write_all(b"<a/>")).unwrap();
        let big: Vec<u8> = (0..300_000u32).flat_map(|i| (i % 251).to_le_bytes()).collect();
        zip.part("dir/big.bin", |w| {
            // Many small writes, as the sheet writer makes them.
            big.chunks(7).try_for_each(|c| w.write_all(c))
        })
        .unwrap();
        zip.part("empty", |_| Ok(())).unwrap();
        let bytes = zip.finish().unwrap();
        let mut archive = ::zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(archive.file_names().collect::<Vec<_>>().len(), 3);
        let mut read = |name: &str| {
            let mut out = Vec::new();
            // read_to_end checks the CRC-32 against the directory's.
            archive.by_name(name).unwrap().read_to_end(&mut out).unwrap();
            out
        };
        assert_eq!(read("a.xml"), b"<a/>");
        assert_eq!(read("dir/big.bin"), big);
        assert_eq!(read("empty"), b"");
    }
}
