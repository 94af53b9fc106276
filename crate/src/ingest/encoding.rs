//! The text encodings a table comes in, and their decoders to UTF-8.
//!
//! The users' files come from 1C, Bitrix24 and Excel in Russian and Ukrainian:
//! UTF-8, UTF-16 (Excel's "Unicode text"), Windows-1251, KOI8-R/U, IBM866 (DOS),
//! Windows-1252, ISO-8859-5 and Mac Cyrillic. Every one but UTF-8 and UTF-16 is a
//! single-byte encoding: ASCII below 0x80 and a 128-entry table above it. Names,
//! labels and tables are the WHATWG Encoding Standard's (the tables were generated
//! from encoding_rs, and a test compares every byte with it). Chinese, Japanese and
//! Korean legacy encodings are not read (docs/decisions.md): their tables would be
//! most of the page's data.

use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1251,
    Koi8R,
    Koi8U,
    Ibm866,
    Windows1252,
    Iso8859_5,
    MacCyrillic,
}

/// Every encoding, for tests and tools.
pub const ALL: [Encoding; 10] = [
    Encoding::Utf8,
    Encoding::Utf16Le,
    Encoding::Utf16Be,
    Encoding::Windows1251,
    Encoding::Koi8R,
    Encoding::Koi8U,
    Encoding::Ibm866,
    Encoding::Windows1252,
    Encoding::Iso8859_5,
    Encoding::MacCyrillic,
];

/// The WHATWG labels of the encodings read here (lower case).
const LABELS: [(&str, Encoding); 56] = [
    ("unicode-1-1-utf-8", Encoding::Utf8),
    ("unicode11utf8", Encoding::Utf8),
    ("unicode20utf8", Encoding::Utf8),
    ("utf-8", Encoding::Utf8),
    ("utf8", Encoding::Utf8),
    ("x-unicode20utf8", Encoding::Utf8),
    ("csunicode", Encoding::Utf16Le),
    ("iso-10646-ucs-2", Encoding::Utf16Le),
    ("ucs-2", Encoding::Utf16Le),
    ("unicode", Encoding::Utf16Le),
    ("unicodefeff", Encoding::Utf16Le),
    ("utf-16", Encoding::Utf16Le),
    ("utf-16le", Encoding::Utf16Le),
    ("unicodefffe", Encoding::Utf16Be),
    ("utf-16be", Encoding::Utf16Be),
    ("cp1251", Encoding::Windows1251),
    ("windows-1251", Encoding::Windows1251),
    ("x-cp1251", Encoding::Windows1251),
    ("cskoi8r", Encoding::Koi8R),
    ("koi", Encoding::Koi8R),
    ("koi8", Encoding::Koi8R),
    ("koi8-r", Encoding::Koi8R),
    ("koi8_r", Encoding::Koi8R),
    ("koi8-ru", Encoding::Koi8U),
    ("koi8-u", Encoding::Koi8U),
    ("866", Encoding::Ibm866),
    ("cp866", Encoding::Ibm866),
    ("csibm866", Encoding::Ibm866),
    ("ibm866", Encoding::Ibm866),
    ("ansi_x3.4-1968", Encoding::Windows1252),
    ("ascii", Encoding::Windows1252),
    ("cp1252", Encoding::Windows1252),
    ("cp819", Encoding::Windows1252),
    ("csisolatin1", Encoding::Windows1252),
    ("ibm819", Encoding::Windows1252),
    ("iso-8859-1", Encoding::Windows1252),
    ("iso-ir-100", Encoding::Windows1252),
    ("iso8859-1", Encoding::Windows1252),
    ("iso88591", Encoding::Windows1252),
    ("iso_8859-1", Encoding::Windows1252),
    ("iso_8859-1:1987", Encoding::Windows1252),
    ("l1", Encoding::Windows1252),
    ("latin1", Encoding::Windows1252),
    ("us-ascii", Encoding::Windows1252),
    ("windows-1252", Encoding::Windows1252),
    ("x-cp1252", Encoding::Windows1252),
    ("csisolatincyrillic", Encoding::Iso8859_5),
    ("cyrillic", Encoding::Iso8859_5),
    ("iso-8859-5", Encoding::Iso8859_5),
    ("iso-ir-144", Encoding::Iso8859_5),
    ("iso8859-5", Encoding::Iso8859_5),
    ("iso88595", Encoding::Iso8859_5),
    ("iso_8859-5", Encoding::Iso8859_5),
    ("iso_8859-5:1988", Encoding::Iso8859_5),
    ("x-mac-cyrillic", Encoding::MacCyrillic),
    ("x-mac-ukrainian", Encoding::MacCyrillic),
];

impl Encoding {
    /// The WHATWG name, as the Report shows it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1251 => "windows-1251",
            Encoding::Koi8R => "KOI8-R",
            Encoding::Koi8U => "KOI8-U",
            Encoding::Ibm866 => "IBM866",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Iso8859_5 => "ISO-8859-5",
            Encoding::MacCyrillic => "x-mac-cyrillic",
        }
    }

    /// The encoding a label names: ASCII whitespace around it ignored, any case.
    pub fn for_label(label: &[u8]) -> Option<Encoding> {
        let label = label.trim_ascii();
        LABELS.iter().find(|(l, _)| l.as_bytes().eq_ignore_ascii_case(label)).map(|&(_, e)| e)
    }

    /// The encoding a byte-order mark at the start of `bytes` announces, and its length.
    pub fn for_bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
        match bytes {
            [0xEF, 0xBB, 0xBF, ..] => Some((Encoding::Utf8, 3)),
            [0xFF, 0xFE, ..] => Some((Encoding::Utf16Le, 2)),
            [0xFE, 0xFF, ..] => Some((Encoding::Utf16Be, 2)),
            _ => None,
        }
    }

    fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            _ => b"",
        }
    }

    /// The table of the bytes 0x80-0xFF, for a single-byte encoding.
    fn table(self) -> Option<&'static [u16; 128]> {
        match self {
            Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be => None,
            Encoding::Windows1251 => Some(&WINDOWS_1251),
            Encoding::Koi8R => Some(&KOI8_R),
            Encoding::Koi8U => Some(&KOI8_U),
            Encoding::Ibm866 => Some(&IBM866),
            Encoding::Windows1252 => Some(&WINDOWS_1252),
            Encoding::Iso8859_5 => Some(&ISO_8859_5),
            Encoding::MacCyrillic => Some(&X_MAC_CYRILLIC),
        }
    }

    pub fn is_single_byte(self) -> bool {
        self.table().is_some()
    }

    /// ASCII bytes mean ASCII characters (every encoding here but UTF-16).
    pub fn is_ascii_compatible(self) -> bool {
        !matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }

    /// The character a single-byte encoding gives `b` (`None`: not single-byte).
    pub fn char_of(self, b: u8) -> Option<char> {
        match (b.is_ascii(), self.table()) {
            (_, None) => None,
            (true, Some(_)) => Some(char::from(b)),
            (false, Some(t)) => char::from_u32(u32::from(t[usize::from(b - 0x80)])),
        }
    }

    /// `bytes` as text, a byte-order mark overriding this encoding (and left out).
    pub fn decode(self, bytes: &[u8]) -> Cow<'_, str> {
        match Encoding::for_bom(bytes) {
            Some((enc, n)) => enc.decode_without_bom_handling(&bytes[n..]),
            None => self.decode_without_bom_handling(bytes),
        }
    }

    /// `bytes` as text, this encoding's own byte-order mark left out.
    pub fn decode_with_bom_removal(self, bytes: &[u8]) -> Cow<'_, str> {
        self.decode_without_bom_handling(bytes.strip_prefix(self.bom()).unwrap_or(bytes))
    }

    /// `bytes` as text; what cannot be decoded becomes U+FFFD.
    pub fn decode_without_bom_handling(self, bytes: &[u8]) -> Cow<'_, str> {
        if self == Encoding::Utf8 || (self.is_ascii_compatible() && bytes.is_ascii()) {
            return String::from_utf8_lossy(bytes);
        }
        let mut out = Vec::new();
        Decoder::new(self, false).decode(bytes, &mut out, true);
        // The decoder writes UTF-8 only; the check is the price of no `unsafe`.
        Cow::Owned(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
    }

    /// A streaming decoder; `strip_bom`: leave out this encoding's byte-order mark
    /// at the very start.
    pub fn new_decoder(self, strip_bom: bool) -> Decoder {
        Decoder {
            encoding: self,
            bom: if strip_bom { self.bom() } else { b"" },
            odd: None,
            high: None,
            utf8: Vec::new(),
        }
    }
}

/// Decodes a stream cut anywhere: a UTF-16 code unit or surrogate pair, or a UTF-8
/// character, split between two calls is held until the next.
pub struct Decoder {
    encoding: Encoding,
    /// The byte-order mark still to be left out at the start.
    bom: &'static [u8],
    /// UTF-16: the first byte of a code unit.
    odd: Option<u8>,
    /// UTF-16: a high surrogate waiting for its low one.
    high: Option<u16>,
    /// UTF-8: the start of a character cut by the end of the last call.
    utf8: Vec<u8>,
}

const REPLACEMENT: char = '\u{FFFD}';

impl Decoder {
    fn new(encoding: Encoding, strip_bom: bool) -> Decoder {
        encoding.new_decoder(strip_bom)
    }

    /// Appends the UTF-8 of `src` to `out`; `last`: the stream ends with `src`.
    pub fn decode(&mut self, mut src: &[u8], out: &mut Vec<u8>, last: bool) {
        if !self.bom.is_empty() && !src.is_empty() {
            // The first bytes arrive together (the format sniff holds them).
            src = src.strip_prefix(self.bom).unwrap_or(src);
            self.bom = b"";
        }
        match (self.encoding, self.encoding.table()) {
            (_, Some(table)) => single_byte(table, src, out),
            (Encoding::Utf16Le, None) => self.utf16(src, out, last, u16::from_le_bytes),
            (Encoding::Utf16Be, None) => self.utf16(src, out, last, u16::from_be_bytes),
            _ => self.utf8(src, out, last),
        }
    }

    fn utf16(&mut self, src: &[u8], out: &mut Vec<u8>, last: bool, unit: fn([u8; 2]) -> u16) {
        out.reserve(src.len() / 2 * 3 + 4);
        let mut rest = src;
        if let Some(first) = self.odd {
            if let Some((&second, tail)) = rest.split_first() {
                self.odd = None;
                self.unit(unit([first, second]), out);
                rest = tail;
            }
        }
        let mut pairs = rest.chunks_exact(2);
        for p in &mut pairs {
            self.unit(unit([p[0], p[1]]), out);
        }
        if let [b] = pairs.remainder() {
            self.odd = Some(*b);
        }
        // A stream ending inside a character is one error (the Encoding Standard).
        if last && (self.high.take().is_some() | self.odd.take().is_some()) {
            push(out, REPLACEMENT);
        }
    }

    fn unit(&mut self, u: u16, out: &mut Vec<u8>) {
        let high = self.high.take();
        match (high, u) {
            (Some(h), 0xDC00..=0xDFFF) => {
                let c = 0x10000 + ((u32::from(h) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                push(out, char::from_u32(c).unwrap_or(REPLACEMENT));
                return;
            }
            (Some(_), _) => push(out, REPLACEMENT),
            (None, _) => {}
        }
        match u {
            0xD800..=0xDBFF => self.high = Some(u),
            0xDC00..=0xDFFF => push(out, REPLACEMENT),
            _ => push(out, char::from_u32(u32::from(u)).unwrap_or(REPLACEMENT)),
        }
    }

    /// UTF-8 with the invalid sequences replaced (a user who chose UTF-8 for a file
    /// with a BOM of another encoding, and the like).
    fn utf8(&mut self, src: &[u8], out: &mut Vec<u8>, last: bool) {
        let mut held = std::mem::take(&mut self.utf8);
        held.extend_from_slice(src);
        let keep = if last { 0 } else { incomplete_tail(&held) };
        let (done, tail) = held.split_at(held.len() - keep);
        out.extend_from_slice(String::from_utf8_lossy(done).as_bytes());
        self.utf8 = tail.to_vec();
    }
}

/// Bytes at the end of `bytes` that begin a UTF-8 character not yet complete.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 != 0x80 {
            let need = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 0,
            };
            return if need > back { back } else { 0 };
        }
    }
    0
}

fn single_byte(table: &[u16; 128], src: &[u8], out: &mut Vec<u8>) {
    out.reserve(src.len() * 3);
    let mut rest = src;
    loop {
        let ascii = rest.iter().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        out.extend_from_slice(&rest[..ascii]);
        let Some((&b, tail)) = rest[ascii..].split_first() else { return };
        let c = table[usize::from(b - 0x80)];
        // Every table entry is below U+FFFF and not a surrogate: two or three bytes.
        if c < 0x800 {
            out.extend_from_slice(&[0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]);
        } else {
            out.extend_from_slice(&[0xE0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3F) as u8, 0x80 | (c & 0x3F) as u8]);
        }
        rest = tail;
    }
}

fn push(out: &mut Vec<u8>, c: char) {
    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

const WINDOWS_1251: [u16; 128] = [
    0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C,
    0x040B, 0x040F, 0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122, 0x0459, 0x203A,
    0x045A, 0x045C, 0x045B, 0x045F, 0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9,
    0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, 0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
    0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415,
    0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423,
    0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, 0x0430, 0x0431,
    0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D,
    0x044E, 0x044F,
];

const KOI8_U: [u16; 128] = [
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588,
    0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321,
    0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550, 0x2551, 0x2552, 0x0451, 0x0454, 0x2554, 0x0456, 0x0457, 0x2557, 0x2558,
    0x2559, 0x255A, 0x255B, 0x0491, 0x045E, 0x255E, 0x255F, 0x2560, 0x2561, 0x0401, 0x0404, 0x2563, 0x0406, 0x0407,
    0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x0490, 0x040E, 0x00A9, 0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435,
    0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x044F, 0x0440, 0x0441,
    0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A, 0x042E, 0x0410,
    0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,
    0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429,
    0x0427, 0x042A,
];

const KOI8_R: [u16; 128] = [
    0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588,
    0x258C, 0x2590, 0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321,
    0x00B0, 0x00B2, 0x00B7, 0x00F7, 0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558,
    0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E, 0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565,
    0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9, 0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435,
    0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x044F, 0x0440, 0x0441,
    0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A, 0x042E, 0x0410,
    0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,
    0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429,
    0x0427, 0x042A,
];

const IBM866: [u16; 128] = [
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D,
    0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B,
    0x042C, 0x042D, 0x042E, 0x042F, 0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439,
    0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C,
    0x255E, 0x255F, 0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580, 0x0440, 0x0441,
    0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    0x0401, 0x0451, 0x0404, 0x0454, 0x0407, 0x0457, 0x040E, 0x045E, 0x00B0, 0x2219, 0x00B7, 0x221A, 0x2116, 0x00A4,
    0x25A0, 0x00A0,
];

const WINDOWS_1252: [u16; 128] = [
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D,
    0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x009D, 0x017E, 0x0178, 0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9,
    0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF, 0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF, 0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5,
    0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF, 0x00D0, 0x00D1, 0x00D2, 0x00D3,
    0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF, 0x00E0, 0x00E1,
    0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,
    0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD,
    0x00FE, 0x00FF,
];

const ISO_8859_5: [u16; 128] = [
    0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087, 0x0088, 0x0089, 0x008A, 0x008B, 0x008C, 0x008D,
    0x008E, 0x008F, 0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097, 0x0098, 0x0099, 0x009A, 0x009B,
    0x009C, 0x009D, 0x009E, 0x009F, 0x00A0, 0x0401, 0x0402, 0x0403, 0x0404, 0x0405, 0x0406, 0x0407, 0x0408, 0x0409,
    0x040A, 0x040B, 0x040C, 0x00AD, 0x040E, 0x040F, 0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
    0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425,
    0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, 0x0430, 0x0431, 0x0432, 0x0433,
    0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, 0x0440, 0x0441,
    0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
    0x2116, 0x0451, 0x0452, 0x0453, 0x0454, 0x0455, 0x0456, 0x0457, 0x0458, 0x0459, 0x045A, 0x045B, 0x045C, 0x00A7,
    0x045E, 0x045F,
];

const X_MAC_CYRILLIC: [u16; 128] = [
    0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D,
    0x041E, 0x041F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B,
    0x042C, 0x042D, 0x042E, 0x042F, 0x2020, 0x00B0, 0x0490, 0x00A3, 0x00A7, 0x2022, 0x00B6, 0x0406, 0x00AE, 0x00A9,
    0x2122, 0x0402, 0x0452, 0x2260, 0x0403, 0x0453, 0x221E, 0x00B1, 0x2264, 0x2265, 0x0456, 0x00B5, 0x0491, 0x0408,
    0x0404, 0x0454, 0x0407, 0x0457, 0x0409, 0x0459, 0x040A, 0x045A, 0x0458, 0x0405, 0x00AC, 0x221A, 0x0192, 0x2248,
    0x2206, 0x00AB, 0x00BB, 0x2026, 0x00A0, 0x040B, 0x045B, 0x040C, 0x045C, 0x0455, 0x2013, 0x2014, 0x201C, 0x201D,
    0x2018, 0x2019, 0x00F7, 0x201E, 0x040E, 0x045E, 0x040F, 0x045F, 0x2116, 0x0401, 0x0451, 0x044F, 0x0430, 0x0431,
    0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
    0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D,
    0x044E, 0x20AC,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn theirs(e: Encoding) -> &'static encoding_rs::Encoding {
        encoding_rs::Encoding::for_label(e.name().as_bytes()).unwrap()
    }

    #[test]
    fn names_labels_and_tables_are_the_encoding_standards() {
        for (label, e) in LABELS {
            assert_eq!(theirs(e), encoding_rs::Encoding::for_label(label.as_bytes()).unwrap(), "{label}");
            assert_eq!(Encoding::for_label(format!(" {} ", label.to_uppercase()).as_bytes()), Some(e));
        }
        for e in ALL {
            assert_eq!(theirs(e).name(), e.name());
            let bytes: Vec<u8> = (0..=255).collect();
            assert_eq!(e.decode_without_bom_handling(&bytes), theirs(e).decode_without_bom_handling(&bytes).0, "{e:?}");
        }
        assert_eq!(Encoding::for_label(b"gbk"), None);
    }

    #[test]
    fn a_stream_cut_anywhere_decodes_as_a_whole() {
        let text = "Дата;Клиент 😀;Сумма\r\n01.02.2024;ООО «Ромашка»;1 234,50\n";
        for e in ALL {
            let (mut bytes, _, _) = theirs(e).encode(text);
            let mut bytes = bytes.to_mut().clone();
            if !e.is_ascii_compatible() {
                // encoding_rs encodes UTF-16 as UTF-8 (the Encoding Standard's rule).
                bytes = text
                    .encode_utf16()
                    .flat_map(|u| if e == Encoding::Utf16Le { u.to_le_bytes() } else { u.to_be_bytes() })
                    .collect();
            }
            bytes.extend_from_slice(&[0xD8, 0xD8, 0x41]); // a lone surrogate and an odd byte at the end
            let want = theirs(e).decode_without_bom_handling(&bytes).0.into_owned();
            for cut in 0..bytes.len() {
                let mut out = Vec::new();
                let mut d = e.new_decoder(false);
                d.decode(&bytes[..cut], &mut out, false);
                d.decode(&bytes[cut..], &mut out, true);
                assert_eq!(String::from_utf8(out).unwrap(), want, "{e:?} cut at {cut}");
            }
        }
        let mut d = Encoding::Utf16Le.new_decoder(true);
        let mut out = Vec::new();
        d.decode(b"\xFF\xFEa\0", &mut out, true);
        assert_eq!(out, b"a");
    }
}
