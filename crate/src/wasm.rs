//! The wasm-bindgen binding: converts options in, reports and errors out, and
//! nothing else. Every exported function calls one core function.

use crate::error::Misuse;
use crate::{Error, Lang, Options};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    // A panic shows its message in the console instead of "unreachable".
    console_error_panic_hook::set_once();
    crate::trace::set_hook(mark_memory);
}

/// Hands the catalogue of texts (crate/texts.json, as the page's `CATALOGUE`) to
/// the core, which this module does not carry (crate/src/texts.rs). Call it once,
/// right after the module loads.
#[wasm_bindgen]
pub fn set_catalogue(json: &str) -> Result<(), JsError> {
    if crate::texts::install(json) {
        Ok(())
    } else {
        Err(JsError::new("the catalogue did not parse, or came after the first text"))
    }
}

thread_local! {
    /// (phase, linear memory at its end, when it ended) of the last analysis: the
    /// benchmark's split.
    static PHASES: std::cell::RefCell<Vec<(String, f64, f64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

fn mark_memory(phase: &str) {
    PHASES.with(|p| p.borrow_mut().push((phase.to_string(), memory_bytes(), js_sys::Date::now())));
}

/// The linear memory at the end of each phase since the last call, and when the
/// phase ended (ms since the epoch), as `[[phase, bytes, ms], ...]` (the benchmark
/// prints it; wasm memory only grows, so each figure is the peak up to there).
#[wasm_bindgen]
pub fn phase_memory() -> js_sys::Array {
    let out = js_sys::Array::new();
    for (phase, bytes, at) in PHASES.with(|p| std::mem::take(&mut *p.borrow_mut())) {
        out.push(&js_sys::Array::of3(&phase.into(), &bytes.into(), &at.into()));
    }
    out
}

/// `{code, message}`: the shape every thrown error has on the JS side. A
/// missing-columns error also carries the file's `headers`, the first `preview`
/// rows under them and the `missing` role keys, for the page's column panel.
fn js_error(e: &Error, lang: Lang) -> JsValue {
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"code".into(), &e.code().into());
    let _ = js_sys::Reflect::set(&o, &"message".into(), &e.message(lang).into());
    if let Error::MissingColumns { missing, headers, preview, .. } = e {
        let missing: Vec<&str> = missing.iter().map(|r| r.key()).collect();
        for (key, value) in [
            ("headers", serde_wasm_bindgen::to_value(headers)),
            ("preview", serde_wasm_bindgen::to_value(preview)),
            ("missing", serde_wasm_bindgen::to_value(&missing)),
        ] {
            if let Ok(v) = value {
                let _ = js_sys::Reflect::set(&o, &key.into(), &v);
            }
        }
    }
    o.into()
}

/// The `lang` of the options, for the errors about the options themselves.
fn lang_of(options: &JsValue) -> Lang {
    js_sys::Reflect::get(options, &"lang".into())
        .ok()
        .and_then(|v| v.as_string())
        .and_then(|s| Lang::parse(&s))
        .unwrap_or_default()
}

fn options_from(value: JsValue) -> Result<Options, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| Error::BadOptions { detail: e.to_string() })
}

/// A streaming analysis, one per file; after `finish` it keeps the Report for the
/// downloads.
#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on a JS string (js_sys's takes a Rust `&str`, which would copy
    /// the whole text back into wasm memory).
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn parse_json(text: &js_sys::JsString) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen]
pub struct Session {
    inner: Option<crate::Session>,
    report: Option<crate::Report>,
    lang: Lang,
    /// The Report handed out leaves its clients here (`rows_on_request`).
    clients_here: bool,
}

#[wasm_bindgen]
impl Session {
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<Session, JsValue> {
        let lang = lang_of(&options);
        let options = options_from(options).map_err(|e| js_error(&e, lang))?;
        let inner = crate::Session::new(options).map_err(|e| js_error(&e, lang))?;
        Ok(Session { inner: Some(inner), report: None, lang, clients_here: false })
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let lang = self.lang;
        let s = self.inner.as_mut().ok_or_else(|| js_error(&finished(), lang))?;
        s.push(chunk).map_err(|e| js_error(&e, lang))
    }

    /// The Report as a plain object. It crosses as JSON so the page sees exactly
    /// what the CLI prints.
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let lang = self.lang;
        let s = self.inner.take().ok_or_else(|| js_error(&finished(), lang))?;
        let report = s.finish().map_err(|e| js_error(&e, lang))?;
        self.keep(report)
    }

    /// The Report kept for the downloads, as a plain object.
    fn keep(&mut self, report: crate::Report) -> Result<JsValue, JsValue> {
        let lang = self.lang;
        let mut report = report;
        let clients = if self.clients_here { std::mem::take(&mut report.clients) } else { Vec::new() };
        // In pieces, joined on the JS side: see `json`.
        let mut json = js_sys::JsString::from("");
        let written = crate::json::write_pieces(&report, crate::json::PIECE, |piece| json = json.concat(&piece.into()));
        if self.clients_here {
            report.clients = clients;
        }
        written.map_err(|e| js_error(&Error::BadOptions { detail: e.to_string() }, lang))?;
        self.report = Some(report);
        parse_json(&json)
    }

    /// The Report handed out by `finish` has no clients (`clients: []`): they stay
    /// here, and the page asks for the rows it shows (`client_page`, `client_rows`).
    pub fn rows_on_request(&mut self) {
        self.clients_here = true;
    }

    /// One page of the finished Report's clients (`crate::client_list::Query`):
    /// `{total, rows}`, each row as in the Report.
    pub fn client_page(&self, query: JsValue) -> Result<JsValue, JsValue> {
        let lang = self.lang;
        let report = self.report.as_ref().ok_or_else(|| js_error(&Error::Usage { misuse: Misuse::NoReport }, lang))?;
        let query: crate::client_list::Query = serde_wasm_bindgen::from_value(query)
            .map_err(|e| js_error(&Error::BadOptions { detail: e.to_string() }, lang))?;
        json_value(&crate::client_list::page(&report.clients, &query), lang)
    }

    /// The rows of the clients named, in that order (null for a name the Report lacks).
    pub fn client_rows(&self, ids: Vec<String>) -> Result<JsValue, JsValue> {
        let lang = self.lang;
        let report = self.report.as_ref().ok_or_else(|| js_error(&Error::Usage { misuse: Misuse::NoReport }, lang))?;
        json_value(&crate::client_list::by_id(&report.clients, &ids), lang)
    }

    /// The dialect a later part needs (`crate::split`), or null while unsettled
    /// or for a file one worker reads.
    pub fn handover(&self) -> JsValue {
        let h = self.inner.as_ref().and_then(crate::Session::handover);
        h.and_then(|h| serde_wasm_bindgen::to_value(&h).ok()).unwrap_or(JsValue::NULL)
    }

    /// Makes this session the first part, ending where the part cut at `end` begins.
    pub fn end_at(&mut self, end: f64) -> bool {
        self.inner.as_mut().is_some_and(|s| s.end_at(end as u64))
    }

    /// The first part has all its bytes.
    pub fn part_done(&self) -> bool {
        self.inner.as_ref().is_some_and(crate::Session::part_done)
    }

    /// Adds the next piece of the later parts' results (`Part.finish`), in file order.
    pub fn absorb(&mut self, piece: &[u8]) -> Result<(), JsValue> {
        let lang = self.lang;
        let s = self.inner.as_mut().ok_or_else(|| js_error(&finished(), lang))?;
        s.absorb(piece).map_err(|e| js_error(&e, lang))
    }

    /// The Report of the parts absorbed, or null: read the file again in one pass.
    pub fn finish_parts(&mut self) -> Result<JsValue, JsValue> {
        let lang = self.lang;
        let s = self.inner.take().ok_or_else(|| js_error(&finished(), lang))?;
        match s.finish_parts().map_err(|e| js_error(&e, lang))? {
            Some(report) => self.keep(report),
            None => Ok(JsValue::NULL),
        }
    }

    /// The downloads of the finished analysis whose names end with `only` (all for
    /// ""): `[{name, mime, bytes}]`. `csv_delimiter` is ";", "," or "" (the language's).
    pub fn downloads(&self, csv_delimiter: &str, only: &str) -> Result<js_sys::Array, JsValue> {
        let lang = self.lang;
        let report = self.report.as_ref().ok_or_else(|| js_error(&Error::Usage { misuse: Misuse::NoReport }, lang))?;
        let delimiter = match csv_delimiter {
            "," => b',',
            ";" => b';',
            _ => crate::export::csv::default_delimiter(lang),
        };
        let files = crate::export::only(report, lang, delimiter, only).map_err(|e| js_error(&e, lang))?;
        let out = js_sys::Array::new();
        for f in files {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"name".into(), &f.name.into());
            let _ = js_sys::Reflect::set(&o, &"mime".into(), &f.mime.into());
            let _ = js_sys::Reflect::set(&o, &"bytes".into(), &js_sys::Uint8Array::from(f.bytes.as_slice()).into());
            out.push(&o);
        }
        Ok(out)
    }

    /// The charts of the finished analysis as SVG: `[{name, title, svg, scroll}]`; laid
    /// out for a phone's width when `narrow`.
    pub fn charts(&self, narrow: bool) -> Result<js_sys::Array, JsValue> {
        let lang = self.lang;
        let report = self.report.as_ref().ok_or_else(|| js_error(&Error::Usage { misuse: Misuse::NoReport }, lang))?;
        let out = js_sys::Array::new();
        let charts =
            if narrow { crate::chart::for_phone(report, lang) } else { crate::chart::from_report(report, lang) };
        for c in charts {
            let o = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&o, &"name".into(), &c.name.into());
            let _ = js_sys::Reflect::set(&o, &"title".into(), &c.title.into());
            let _ = js_sys::Reflect::set(&o, &"svg".into(), &c.svg.into());
            let _ = js_sys::Reflect::set(&o, &"scroll".into(), &c.scroll.into());
            out.push(&o);
        }
        Ok(out)
    }
}

/// A later part of a file split among workers (`crate::split::Part`).
#[wasm_bindgen]
pub struct Part {
    inner: Option<crate::split::Part>,
    lang: Lang,
}

#[wasm_bindgen]
impl Part {
    /// The part cut at `cut` up to the next cut `end` (undefined: the file's end).
    #[wasm_bindgen(constructor)]
    pub fn new(handover: JsValue, options: JsValue, cut: f64, end: Option<f64>) -> Result<Part, JsValue> {
        let lang = lang_of(&options);
        let options = options_from(options).map_err(|e| js_error(&e, lang))?;
        let handover: crate::ingest::split::Handover = serde_wasm_bindgen::from_value(handover)
            .map_err(|e| js_error(&Error::BadOptions { detail: e.to_string() }, lang))?;
        let part = crate::split::Part::new(&handover, &options, cut as u64, end.map(|e| e as u64))
            .map_err(|e| js_error(&e, lang))?;
        Ok(Part { inner: Some(part), lang })
    }

    /// The file offset to read from.
    pub fn read_from(&self) -> f64 {
        self.inner.as_ref().map_or(0.0, |p| p.read_from() as f64)
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), JsValue> {
        let lang = self.lang;
        let p = self.inner.as_mut().ok_or_else(|| js_error(&finished(), lang))?;
        p.push(chunk).map_err(|e| js_error(&e, lang))
    }

    /// The part has all its bytes.
    pub fn done(&self) -> bool {
        self.inner.as_ref().is_some_and(crate::split::Part::done)
    }

    /// The part's result as pieces (`Uint8Array`s) for the first part's `absorb`,
    /// each copied out as soon as it is made.
    pub fn finish(&mut self) -> Result<js_sys::Array, JsValue> {
        let lang = self.lang;
        let p = self.inner.take().ok_or_else(|| js_error(&finished(), lang))?;
        let out = js_sys::Array::new();
        for piece in p.finish().map_err(|e| js_error(&e, lang))? {
            out.push(&js_sys::Uint8Array::from(piece.as_slice()).into());
        }
        Ok(out)
    }
}

/// Where to cut a file of `total` bytes among `workers`, the first part having read
/// `read` bytes: the cut offsets, none for one worker.
#[wasm_bindgen]
pub fn split_cuts(total: f64, read: f64, workers: u32) -> Vec<f64> {
    crate::split::cuts(total as u64, read as u64, workers as usize).into_iter().map(|c| c as f64).collect()
}

/// A value as the Report's JSON writes it (money as text, dates as ISO days).
fn json_value<T: serde::Serialize>(value: &T, lang: Lang) -> Result<JsValue, JsValue> {
    let text =
        serde_json::to_string(value).map_err(|e| js_error(&Error::BadOptions { detail: e.to_string() }, lang))?;
    parse_json(&text.as_str().into())
}

fn finished() -> Error {
    Error::Usage { misuse: Misuse::Finished }
}

/// The built-in demo dataset as CSV bytes (generated here: no network request).
#[wasm_bindgen]
pub fn demo_csv() -> Vec<u8> {
    crate::demo::demo().csv.into_bytes()
}

/// Bytes of linear memory the module holds now: the benchmark's peak-memory figure
/// (wasm memory only grows, so the value after an analysis is its peak).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .unchecked_into::<js_sys::WebAssembly::Memory>()
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as f64
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
