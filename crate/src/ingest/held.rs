//! Rows held while a column's conventions are still open (up to 200 000 of them when
//! no date tells day from month), in one text buffer: no allocation per row or cell.

#[derive(Default)]
pub struct Held {
    text: String,
    /// End of each cell in `text`, row after row.
    ends: Vec<usize>,
    /// Each row's line and the index of its first cell in `ends`.
    rows: Vec<(u64, usize)>,
}

impl Held {
    pub fn push<'a>(&mut self, line: u64, fields: impl IntoIterator<Item = &'a str>) {
        self.rows.push((line, self.ends.len()));
        for f in fields {
            self.text.push_str(f);
            self.ends.push(self.text.len());
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn line(&self, row: usize) -> u64 {
        self.rows[row].0
    }

    /// The cells of row `row`.
    pub fn fields(&self, row: usize) -> impl Iterator<Item = &str> {
        let first = self.rows[row].1;
        let last = self.rows.get(row + 1).map_or(self.ends.len(), |r| r.1);
        (first..last).map(move |i| {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            &self.text[start..self.ends[i]]
        })
    }

    /// Cell `col` of every row ("" where a row is shorter).
    pub fn column(&self, col: usize) -> impl Iterator<Item = &str> {
        (0..self.len()).map(move |r| self.fields(r).nth(col).unwrap_or(""))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_come_back_as_pushed() {
        let mut h = super::Held::default();
        h.push(3, ["a", "", "ccc"]);
        h.push(5, ["d"]);
        h.push(6, []);
        assert_eq!(h.len(), 3);
        assert_eq!((h.line(1), h.fields(0).collect::<Vec<_>>()), (5, vec!["a", "", "ccc"]));
        assert_eq!(h.column(2).collect::<Vec<_>>(), vec!["ccc", "", ""]);
        assert_eq!(h.fields(2).count(), 0);
    }
}
