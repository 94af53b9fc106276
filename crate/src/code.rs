//! A short class label ("X", "AD", "545") stored inline. A report row per client
//! carries three of them; as heap strings they cost 100 000 clients tens of
//! megabytes of allocations, more than the labels' meaning is worth.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

/// Up to [`Code::MAX`] ASCII bytes; serialised as a plain JSON string.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code {
    len: u8,
    bytes: [u8; Code::MAX],
}

impl Code {
    pub const MAX: usize = 3;

    /// `None` when `s` is not ASCII or longer than [`Code::MAX`]: labels are ours,
    /// never the user's text, so that is a bug and the caller says so.
    pub fn new(s: &str) -> Option<Code> {
        if !s.is_ascii() || s.len() > Code::MAX {
            return None;
        }
        let mut bytes = [0; Code::MAX];
        bytes[..s.len()].copy_from_slice(s.as_bytes());
        Some(Code { len: s.len() as u8, bytes })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("")
    }
}

impl Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl schemars::JsonSchema for Code {
    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        String::json_schema(g)
    }
}

/// A label from our own `Debug`/`code()` text (always short ASCII).
pub fn code(s: impl AsRef<str>) -> Code {
    let s = s.as_ref();
    Code::new(s).unwrap_or_else(|| panic!("class label {s:?} is not a short ASCII code"))
}

/// The code a unit enum variant serializes to (`Xyz::X` -> "X", `Label::AD` ->
/// "AD"), written by serde into a few bytes on the stack: the one spelling of a
/// class shared by the JSON, the files and the page (never `Debug`'s).
pub fn of<T: Serialize + ?Sized>(v: &T) -> Code {
    let mut buf = [0u8; Code::MAX + 2];
    let left = {
        let mut w: &mut [u8] = &mut buf;
        match serde_json::to_writer(&mut w, v) {
            Ok(()) => w.len(),
            Err(_) => buf.len() + 1,
        }
    };
    let quoted = buf.get(..buf.len().wrapping_sub(left)).and_then(|b| std::str::from_utf8(b).ok());
    let key = quoted.and_then(|s| s.strip_prefix('"')?.strip_suffix('"'));
    key.map_or_else(|| panic!("class code of more than {} bytes", Code::MAX), code)
}

/// The name any enum variant serializes to, however long (`Level::LikelyLost` ->
/// "likely_lost"); empty for values that are not a string.
pub fn key<T: Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// [`of`] as an owned string, for table cells.
pub fn text_of<T: Serialize + ?Sized>(v: &T) -> String {
    of(v).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_serde_names() {
        use crate::segment::abcdx::Label;
        use crate::segment::xyz::Xyz;
        assert_eq!(of(&Xyz::Y), "Y");
        assert_eq!(of(&Label::CD), "CD");
        assert_eq!(text_of(&crate::dynamics::cells::Cell::BZ), "BZ");
        assert_eq!(text_of(&crate::segment::quadrants::Quadrant::IV), "IV");
    }

    #[test]
    fn codes_read_and_serialise_as_their_text() {
        let c = code("AD");
        assert_eq!(&*c, "AD");
        assert_eq!(c, "AD");
        assert_eq!(serde_json::to_string(&Some(c)).unwrap(), "\"AD\"");
        assert_eq!(format!("{c} {c:?}"), "AD \"AD\"");
        assert_eq!(Code::new("ABCD"), None);
        assert_eq!(Code::new("Я"), None);
        assert_eq!(std::mem::size_of::<Option<Code>>(), 5);
    }
}
