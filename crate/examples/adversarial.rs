//! Throughput on adversarial inputs next to the ordinary bench file, in one run:
//! each file is generated in memory at about the same size, pushed through a
//! `Session` in 4 MiB chunks (as the page's worker does) and analysed; the table
//! gives MB per CPU second of the analysing thread (a shared machine does not skew
//! it) and how many times slower per MB than the ordinary file each is.
//! Target (issue 19): none more than 3x slower per MB.
//!
//! Usage: cargo run --release --example adversarial -- [MB] [HTML_MB]
//! (default 20 MB each; the tag-heavy HTML file can be sized apart, since a
//! quadratic reader makes it the slow one).

#[path = "common/cpu.rs"]
mod cpu;

use std::fmt::Write as _;

/// The ordinary bench file: 1C-style lines, 100 000 clients, dates `dd.mm.yyyy`.
fn ordinary(bytes: usize) -> Vec<u8> {
    let rows = bytes as u64 / 125;
    let mut out = Vec::with_capacity(bytes + (1 << 20));
    clientscope::benchdata::write(&mut out, rows, 100_000).expect("in memory");
    out
}

/// The same lines with every date written `dd/mm/yyyy`, day 1..12: no date tells
/// day from month, so the reader holds rows until it must assume an order.
fn ambiguous_dates(ordinary: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ordinary.len());
    for (i, line) in ordinary.split_inclusive(|&b| b == b'\n').enumerate() {
        if i == 0 || line.len() < 11 || line[2] != b'.' {
            out.extend_from_slice(line);
            continue;
        }
        let day = (line[0] - b'0') * 10 + (line[1] - b'0');
        let day = (day - 1) % 12 + 1;
        out.extend_from_slice(format!("{day:02}/").as_bytes());
        out.extend_from_slice(&line[3..5]);
        out.push(b'/');
        out.extend_from_slice(&line[6..]);
    }
    out
}

/// An HTML table saved as `.xls` (Bitrix24, 1C) with a `<script>` after each row
/// and markup inside the cells: many tags per byte of data.
fn tag_heavy_html(bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("<html><head><meta charset=\"utf-8\"></head><body><table>\n");
    out.push_str("<tr><th>Дата</th><th>Клиент</th><th>Сумма</th></tr>\n");
    let mut i = 0u64;
    while out.len() < bytes {
        let _ = writeln!(
            out,
            "<tr><td><span>{:02}.{:02}.2024</span></td><td><b>ООО Клиент {}</b></td><td><font>{},{:02}</font></td></tr>\
             <script>r({i})</script>",
            i % 28 + 1,
            i / 28 % 12 + 1,
            i % 20_000,
            i % 9_000 + 10,
            i % 100
        );
        i += 1;
    }
    out.push_str("</table></body></html>\n");
    out.into_bytes()
}

/// Every row its own client, each buying once.
fn one_row_per_client(bytes: usize) -> Vec<u8> {
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("Дата;Контрагент;Сумма\n");
    let mut i = 0u64;
    while out.len() < bytes {
        let _ = writeln!(
            out,
            "{:02}.{:02}.{};Клиент {i:07};{},{:02}",
            i % 28 + 1,
            i / 28 % 12 + 1,
            2022 + i % 3,
            i % 9_000 + 10,
            i % 100
        );
        i += 1;
    }
    out.into_bytes()
}

/// CPU seconds to analyse `bytes` pushed in 4 MiB chunks (see common/cpu.rs).
fn time(bytes: &[u8]) -> f64 {
    let start = cpu::seconds();
    let mut s = clientscope::Session::new(clientscope::Options::default()).expect("default options");
    for chunk in bytes.chunks(4 << 20) {
        s.push(chunk).expect("push");
    }
    let report = s.finish().expect("analysis");
    std::hint::black_box(&report);
    cpu::seconds() - start
}

/// The median of three runs, so one noisy run does not decide.
fn median_time(bytes: &[u8]) -> f64 {
    let mut t = [time(bytes), time(bytes), time(bytes)];
    t.sort_by(f64::total_cmp);
    t[1]
}

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("sizes in MB"));
    let mb = args.next().unwrap_or(20);
    let html_mb = args.next().unwrap_or(mb);
    let base = ordinary(mb << 20);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("all dates ambiguous (dd/mm, day <= 12)", ambiguous_dates(&base)),
        ("tag-heavy HTML .xls (<script> per row)", tag_heavy_html(html_mb << 20)),
        ("one row per client", one_row_per_client(mb << 20)),
    ];
    let rate = |bytes: &[u8], secs: f64| bytes.len() as f64 / 1e6 / secs;
    let base_rate = rate(&base, median_time(&base));
    println!("{:<42} {:>8} {:>9} {:>14}", "file", "MB", "MB/s", "x slower/MB");
    println!(
        "{:<42} {:>8.1} {:>9.1} {:>14}",
        "ordinary bench file (1C-style)",
        base.len() as f64 / 1e6,
        base_rate,
        "1.00 (base)"
    );
    let mut worst: f64 = 0.0;
    for (name, bytes) in &cases {
        let r = rate(bytes, median_time(bytes));
        let slower = base_rate / r;
        worst = worst.max(slower);
        println!("{name:<42} {:>8.1} {r:>9.1} {slower:>14.2}", bytes.len() as f64 / 1e6);
    }
    println!("worst: {worst:.2}x slower per MB than the ordinary file (target: at most 3x)");
}
