//! Guessing the delimiter from the first lines of a file.

const CANDIDATES: [u8; 4] = [b';', b',', b'\t', b'|'];

/// Lines looked at; preamble lines (report titles) have no delimiters and do not vote.
const SAMPLE_LINES: usize = 50;

pub enum Dialect {
    Delimited(u8),
    /// Columns aligned with runs of spaces, no delimiter character.
    Whitespace,
}

/// The delimiter, or space-aligned columns when no delimiter is consistent but the
/// lines split into the same number of space-separated tokens.
pub fn sniff(sample: &[u8]) -> Dialect {
    // Old Mac exports end lines with a CR alone: read those as line ends too.
    let unified: Vec<u8>;
    let sample = if sample.contains(&b'\r') {
        unified = sample
            .iter()
            .enumerate()
            .filter(|&(i, &b)| !(b == b'\n' && i > 0 && sample[i - 1] == b'\r'))
            .map(|(_, &b)| if b == b'\r' { b'\n' } else { b })
            .collect();
        &unified[..]
    } else {
        sample
    };
    let (score, d) = best_delimiter(sample);
    if score >= 2 || score_whitespace(sample) < 2 {
        return Dialect::Delimited(d);
    }
    Dialect::Whitespace
}

fn score_whitespace(sample: &[u8]) -> usize {
    let mut freq: Vec<(usize, usize)> = Vec::new();
    for line in sample.split(|&b| b == b'\n').take(SAMPLE_LINES) {
        let n = line.split(|b| b.is_ascii_whitespace()).filter(|t| !t.is_empty()).count();
        if n < 2 {
            continue;
        }
        match freq.iter_mut().find(|(k, _)| *k == n) {
            Some((_, c)) => *c += 1,
            None => freq.push((n, 1)),
        }
    }
    freq.iter().map(|&(_, c)| c).max().unwrap_or(0)
}

/// Picks the delimiter whose per-line count (outside quotes) is the most consistent
/// across the sample: for each candidate, the most common non-zero count times how
/// many lines share it. Ties go to the earlier candidate (`;` first: Russian Excel).
#[cfg(test)]
fn sniff_delimiter(sample: &[u8]) -> u8 {
    best_delimiter(sample).1
}

fn best_delimiter(sample: &[u8]) -> (usize, u8) {
    let mut best = (0usize, b';');
    for &d in &CANDIDATES {
        let counts = line_counts(sample, d);
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for c in counts.into_iter().filter(|&c| c > 0) {
            match freq.iter_mut().find(|(k, _)| *k == c) {
                Some((_, n)) => *n += 1,
                None => freq.push((c, 1)),
            }
        }
        let score = freq.iter().map(|&(_, n)| n).max().unwrap_or(0);
        if score > best.0 {
            best = (score, d);
        }
    }
    best
}

/// Delimiter count of each line, quotes respected (a quoted field may span lines).
fn line_counts(sample: &[u8], delim: u8) -> Vec<usize> {
    let mut counts = Vec::new();
    let mut in_quotes = false;
    let mut n = 0;
    for &b in sample {
        match b {
            b'"' => in_quotes = !in_quotes,
            b'\n' if !in_quotes => {
                counts.push(n);
                n = 0;
                if counts.len() == SAMPLE_LINES {
                    return counts;
                }
            }
            _ if b == delim && !in_quotes => n += 1,
            _ => {}
        }
    }
    if n > 0 {
        counts.push(n);
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_consistent_delimiter() {
        let cases: &[(&str, u8)] = &[
            ("a;b;c\n1;2,5;3\n4;5,5;6\n", b';'),
            ("a,b,c\n1,\"2;5\",3\n4,5,6\n", b','),
            ("a\tb\n1\t2\n", b'\t'),
            ("a|b|c\n1|2|3\n", b'|'),
            // A title line with commas must not outvote the data.
            ("Report, 2024, all branches\n\nDate;Client;Sum\n1;2;3\n4;5;6\n", b';'),
            ("", b';'),
        ];
        for (text, want) in cases {
            assert_eq!(sniff_delimiter(text.as_bytes()), *want, "{text:?}");
        }
        let cdnow = b"00001 19970101 1 11.77\n00002 19970112 1 12.00\n00002 19970112 5 77.00\n";
        assert!(matches!(sniff(cdnow), Dialect::Whitespace));
        assert!(matches!(sniff(b"a;b\n1;2\n3;4\n"), Dialect::Delimited(b';')));
        assert!(matches!(sniff(b"a,b,c\r1,2,3\r4,5,6\r"), Dialect::Delimited(b',')));
        assert!(matches!(sniff(b"a b c\r1 2 3\r4 5 6\r"), Dialect::Whitespace));
        // One column of text with spaces is not a space-aligned table.
        assert!(matches!(sniff(b"client\nACME Ltd\n"), Dialect::Delimited(_)));
    }
}
