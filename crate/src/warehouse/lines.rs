//! Any export's sale lines as the line reader typed them, written as a plain CSV
//! (ISO dates, `.` decimals, role keys as headers) that any warehouse loads as is.
//! The tests load it into DuckDB and Spark to run the summary query on the same
//! lines the line path read; `clientscope lines FILE` prints it.

use crate::ingest::{Ingest, Row, RowSink};
use crate::money::Money;
use crate::{Error, Options};
use chrono::NaiveDate;

/// One typed sale line, owned.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub client: String,
    pub date: NaiveDate,
    pub amount: Money,
    pub quantity: Option<Money>,
    /// Profit, or amount minus cost, as the reader computed it.
    pub margin: Option<Money>,
    pub order: Option<String>,
    pub is_return: bool,
    pub manager: Option<String>,
    pub branch: Option<String>,
    pub channel: Option<String>,
    pub potential: Option<String>,
    pub reason: Option<String>,
    pub nps: Option<u8>,
    pub cost_to_serve: Option<Money>,
}

struct Collect(Vec<Line>);

impl RowSink for Collect {
    fn add(&mut self, r: &Row<'_>) -> Result<(), Error> {
        let own = |s: Option<&str>| s.map(str::to_string);
        self.0.push(Line {
            client: r.client.to_string(),
            date: r.date,
            amount: r.amount,
            quantity: r.quantity,
            margin: r.margin,
            order: own(r.order),
            is_return: r.is_return,
            manager: own(r.manager),
            branch: own(r.branch),
            channel: own(r.channel),
            potential: own(r.potential),
            reason: own(r.reason),
            nps: r.nps,
            cost_to_serve: r.cost_to_serve,
        });
        Ok(())
    }
}

/// The usable lines of a file, in file order.
pub fn read(bytes: &[u8], options: &Options) -> Result<Vec<Line>, Error> {
    let mut ingest = Ingest::new(options);
    let mut sink = Collect(Vec::new());
    ingest.push(bytes, &mut sink)?;
    ingest.finish(&mut sink)?;
    Ok(sink.0)
}

/// The header of [`write_csv`]: role keys, so ingest and `clientscope sql` know them.
pub const HEADER: &str =
    "client,date,amount,quantity,profit,order,manager,branch,channel,potential,reason,nps,cost_to_serve";

/// A CSV field: quoted when it holds a delimiter, quote or line break.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) || s.trim() != s {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn write_csv(lines: &[Line]) -> String {
    let mut out = String::with_capacity(lines.len() * 64 + HEADER.len() + 1);
    out.push_str(HEADER);
    out.push('\n');
    let text = |s: &Option<String>| s.as_deref().map(field).unwrap_or_default();
    let money = |m: &Option<Money>| m.map(|m| m.to_string()).unwrap_or_default();
    for l in lines {
        let cells = [
            field(&l.client),
            l.date.to_string(),
            l.amount.to_string(),
            money(&l.quantity),
            money(&l.margin),
            text(&l.order),
            text(&l.manager),
            text(&l.branch),
            text(&l.channel),
            text(&l.potential),
            text(&l.reason),
            l.nps.map(|n| n.to_string()).unwrap_or_default(),
            money(&l.cost_to_serve),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}
