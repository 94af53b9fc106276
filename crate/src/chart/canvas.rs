//! The drawing surface every chart shares: plotters' SVG backend, the palette,
//! text and shape helpers in pixel coordinates, and the finishing touches (a
//! `<title>`, the theme `<style>`).
//!
//! Everything here is integer pixels or IEEE-exact arithmetic, so a chart is the
//! same bytes natively and in wasm.

use plotters::backend::SVGBackend;
use plotters::coord::Shift;
use plotters::drawing::{DrawingArea, DrawingAreaErrorKind, IntoDrawingArea};
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, FontTransform, RGBColor, ShapeStyle, TextStyle};

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
pub type Res = Result<(), DrawingAreaErrorKind<std::io::Error>>;
pub type Pt = (i32, i32);

pub use plotters::style::text_anchor::{HPos as H, VPos as V};

// Theme colours, written with their light values; the `<style>` switches them on
// dark screens. No data colour below may equal one of these.
pub const BG: RGBColor = RGBColor(0xFF, 0xFF, 0xFF);
pub const INK: RGBColor = RGBColor(0x1C, 0x24, 0x30);
pub const MUTED: RGBColor = RGBColor(0x5B, 0x66, 0x75);
pub const GRID: RGBColor = RGBColor(0xDD, 0xE2, 0xE8);
pub const AXIS: RGBColor = RGBColor(0x8A, 0x94, 0xA3);

/// (light, dark) pairs for the theme colours.
const THEME: [(RGBColor, RGBColor); 5] = [
    (BG, RGBColor(0x16, 0x1B, 0x22)),
    (INK, RGBColor(0xE6, 0xE9, 0xEE)),
    (MUTED, RGBColor(0xA4, 0xAF, 0xBD)),
    (GRID, RGBColor(0x31, 0x3A, 0x46)),
    (AXIS, RGBColor(0x6E, 0x7A, 0x89)),
];

// Okabe-Ito: distinguishable with every common colour-vision deficiency.
pub const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
pub const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
pub const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
pub const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
pub const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
pub const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);

/// Text on a filled cell: fixed, not theme colours, because the cell keeps its
/// colour in both themes.
pub const ON_LIGHT: RGBColor = RGBColor(0x11, 0x11, 0x11);
pub const ON_DARK: RGBColor = RGBColor(0xFA, 0xFA, 0xFA);

/// ABC groups: blue, orange, bluish green.
pub fn group_colour(i: usize) -> RGBColor {
    [BLUE, ORANGE, GREEN, PURPLE, SKY, VERMILLION, YELLOW][i % 7]
}

/// Viridis, ten stops from dark purple to yellow.
const VIRIDIS: [(u8, u8, u8); 10] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x28, 0x78),
    (0x3E, 0x4A, 0x89),
    (0x31, 0x68, 0x8E),
    (0x26, 0x82, 0x8E),
    (0x1F, 0x9E, 0x89),
    (0x35, 0xB7, 0x79),
    (0x6D, 0xCD, 0x59),
    (0xB4, 0xDE, 0x2C),
    (0xFD, 0xE7, 0x25),
];

/// The sequential colour for `t` in 0..1 (clamped), interpolated between stops.
pub fn sequential(t: f64) -> RGBColor {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let x = t * (VIRIDIS.len() - 1) as f64;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let f = x - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |p: u8, q: u8| (p as f64 + (q as f64 - p as f64) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The text colour that reads on the sequential colour for `t`.
pub fn on_sequential(t: f64) -> RGBColor {
    if t < 0.55 {
        ON_DARK
    } else {
        ON_LIGHT
    }
}

/// Draws a chart of `w` x `h` pixels under its title and returns the finished SVG
/// document. A title too long for one line (a phone's width, a long language)
/// wraps: the canvas grows by a line and `draw` gets an area moved down by it, so
/// no chart lays out its own title.
pub fn render(w: u32, h: u32, title: &str, draw: impl FnOnce(&Area) -> Res) -> String {
    let px = title_px();
    let lines = wrap(title, px, w as i32 - 2 * TITLE_X);
    let line_h = (px * text_scale() * 1.25).round() as i32;
    let extra = line_h * lines.len().saturating_sub(1) as i32;
    let mut buf = String::with_capacity(16 * 1024);
    {
        let root = SVGBackend::with_string(&mut buf, (w, h + extra as u32)).into_drawing_area();
        let area = root.margin(extra, 0, 0, 0);
        let head = Txt::new(px, INK).bold();
        let done = root
            .fill(&BG)
            .and_then(|_| {
                lines.iter().enumerate().try_for_each(|(k, s)| text(&root, s, (TITLE_X, 20 + k as i32 * line_h), &head))
            })
            .and_then(|_| draw(&area))
            .and_then(|_| root.present());
        // The backend writes into a String: it cannot fail.
        debug_assert!(done.is_ok(), "{done:?}");
    }
    finish(buf, title)
}

/// Adds a class and role to the root, then a `<title>` and the theme `<style>`.
fn finish(svg: String, title: &str) -> String {
    let svg = round_font_sizes(&svg);
    let body = svg.strip_prefix("<svg ").unwrap_or(&svg);
    let mut out = String::with_capacity(svg.len() + 1024);
    out.push_str("<svg class=\"cs-chart\" role=\"img\" ");
    match body.find(">\n") {
        Some(end) => {
            out.push_str(&body[..end + 2]);
            out.push_str("<title>");
            out.push_str(&escape(title));
            out.push_str("</title>\n<style>");
            out.push_str(&style());
            out.push_str("</style>\n");
            out.push_str(&body[end + 2..]);
        }
        None => out.push_str(body),
    }
    out
}

/// Dark screens swap the theme colours; print keeps the light ones.
fn style() -> String {
    let hex = |c: RGBColor| format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2);
    let mut s = String::from("@media screen and (prefers-color-scheme:dark){");
    for (light, dark) in THEME {
        for attr in ["fill", "stroke"] {
            s.push_str(&format!(".cs-chart [{attr}=\"{}\"]{{{attr}:{}}}", hex(light), hex(dark)));
        }
    }
    s.push('}');
    s
}

/// XML escape for text we write ourselves (plotters escapes what it writes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text from the data made safe for XML (no control characters, which XML 1.0
/// forbids) and cut to `max` characters with an ellipsis.
pub fn label(s: &str, max: usize) -> String {
    let s = clean(s);
    if s.chars().count() <= max {
        return s;
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn clean(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Estimated width of `s` at `px` pixels: the average sans-serif glyph, a little
/// generous so Cyrillic fits. Used only to leave room, never to place glyphs.
pub fn text_width(s: &str, px: f64) -> i32 {
    (s.chars().count() as f64 * px * text_scale() * 0.6).ceil() as i32
}

/// Text style at `px` CSS pixels (plotters writes `font-size` as size / 1.24;
/// [`finish`] rounds what that division leaves, e.g. 13.000000000000002).
fn font(px: f64, bold: bool) -> FontDesc<'static> {
    let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
    FontDesc::new(FontFamily::SansSerif, px * text_scale() * 1.24, style)
}

/// Rewrites every `font-size="..."` to at most two decimals.
fn round_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let (head, tail) = rest.split_at(i + KEY.len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(tail.len());
        match tail[..end].parse::<f64>() {
            Ok(v) => out.push_str(&format!("{}", (v * 100.0).round() / 100.0)),
            Err(_) => out.push_str(&tail[..end]),
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[derive(Clone, Copy)]
pub struct Txt {
    pub px: f64,
    pub colour: RGBColor,
    pub h: HPos,
    pub v: VPos,
    pub bold: bool,
    pub vertical: bool,
}

impl Txt {
    pub fn new(px: f64, colour: RGBColor) -> Txt {
        Txt { px, colour, h: HPos::Left, v: VPos::Center, bold: false, vertical: false }
    }
    pub fn at(mut self, h: HPos, v: VPos) -> Txt {
        self.h = h;
        self.v = v;
        self
    }
    pub fn bold(mut self) -> Txt {
        self.bold = true;
        self
    }
    pub fn vertical(mut self) -> Txt {
        self.vertical = true;
        self
    }
}

pub fn text(area: &Area, s: &str, at: Pt, t: &Txt) -> Res {
    let mut style: TextStyle = TextStyle::from(font(t.px, t.bold)).color(&t.colour).pos(Pos::new(t.h, t.v));
    if t.vertical {
        style = style.transform(FontTransform::Rotate270);
    }
    area.draw(&Text::new(clean(s), at, style))
}

/// The left edge of the title (and its margin on the right when it wraps).
const TITLE_X: i32 = 16;

/// The chart title's size; on a phone no larger than the other text.
fn title_px() -> f64 {
    if is_narrow() {
        12.0
    } else {
        16.0
    }
}

/// `s` in lines of at most `width` pixels at `px` (by [`text_width`]), broken at
/// spaces; a word longer than the width keeps a line of its own.
pub fn wrap(s: &str, px: f64, width: i32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let next = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if !line.is_empty() && text_width(&next, px) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = next;
        }
    }
    lines.push(line);
    lines
}

pub fn rect(area: &Area, a: Pt, b: Pt, colour: RGBColor) -> Res {
    area.draw(&Rectangle::new([a, b], colour.filled()))
}

pub fn line(area: &Area, pts: Vec<Pt>, colour: RGBColor, width: u32) -> Res {
    area.draw(&PathElement::new(pts, ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: width }))
}

pub fn dashed(area: &Area, pts: Vec<Pt>, colour: RGBColor, width: u32) -> Res {
    let style = ShapeStyle { color: colour.to_rgba(), filled: false, stroke_width: width };
    area.draw(&DashedPathElement::new(pts, 6, 4, style))
}

pub fn polygon(area: &Area, pts: Vec<Pt>, colour: RGBColor, opacity: f64) -> Res {
    area.draw(&Polygon::new(pts, colour.mix(opacity).filled()))
}

pub fn dot(area: &Area, c: Pt, r: i32, colour: RGBColor, opacity: f64) -> Res {
    area.draw(&Circle::new(c, r, colour.mix(opacity).filled()))
}

/// A legend: coloured squares with names, in a row from `at`.
pub fn legend(area: &Area, at: Pt, items: &[(String, RGBColor)]) -> Res {
    let mut x = at.0;
    for (name, colour) in items {
        rect(area, (x, at.1 - 6), (x + 12, at.1 + 6), *colour)?;
        text(area, name, (x + 17, at.1), &Txt::new(12.0, INK))?;
        x += 17 + text_width(name, 12.0) + 16;
    }
    Ok(())
}

/// Linear map from a value range onto a pixel range (either direction).
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub from: i32,
    pub to: i32,
}

impl Scale {
    pub fn new(lo: f64, hi: f64, from: i32, to: i32) -> Scale {
        let hi = if hi > lo { hi } else { lo + 1.0 };
        Scale { lo, hi, from, to }
    }
    pub fn px(&self, v: f64) -> i32 {
        let t = ((v - self.lo) / (self.hi - self.lo)).clamp(0.0, 1.0);
        self.from + (t * (self.to - self.from) as f64).round() as i32
    }
}

/// About `n` round tick values covering lo..hi: steps of 1, 2 or 5 x 10^k.
pub fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) || n == 0 {
        return vec![lo];
    }
    let raw = (hi - lo) / n as f64;
    let mut p = 1.0;
    while p * 10.0 <= raw {
        p *= 10.0;
    }
    while p > raw {
        p /= 10.0;
    }
    let step = [1.0, 2.0, 5.0, 10.0].iter().map(|m| m * p).find(|s| *s >= raw).unwrap_or(10.0 * p);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    (first..=last).map(|k| k as f64 * step).collect()
}

/// The plot rectangle of an x-y chart: left, top, right, bottom.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
}

/// The frame most charts use on a 720 x 420 canvas.
pub const W: u32 = 720;
pub const H: u32 = 420;
pub const FRAME: Frame = Frame { left: 84, top: 56, right: 696, bottom: 350 };

/// A phone's charts: a canvas of this width with text [`NARROW_TEXT`] times larger,
/// so that scaled down to a 390 px screen's card (about 340 px) the 12 px of a tick
/// label still read as 11 px (at 720 px they would be 6).
pub const NARROW_W: u32 = 480;
pub const NARROW_TEXT: f64 = 1.35;
const NARROW_FRAME: Frame = Frame { left: 96, top: 56, right: NARROW_W as i32 - 30, bottom: 350 };

thread_local! {
    /// Set while [`narrow`] draws. A setting of the drawing, not a chart's input:
    /// every chart reads the width and the frame through [`w`] and [`frame`], so
    /// one switch lays them all out for a phone without a parameter in each.
    static NARROW: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// What `draw` draws, laid out for a phone (the page asks for it at 640 px and
/// below; the HTML report and the CLI keep the wide layout).
pub fn narrow<T>(draw: impl FnOnce() -> T) -> T {
    let was = NARROW.with(|n| n.replace(true));
    let out = draw();
    NARROW.with(|n| n.set(was));
    out
}

/// What `draw` draws in the wide layout, even for a phone: the 10 x 10 moves grid,
/// whose figures fit no cell of a phone's width at its larger text; the page
/// shows it at its own size, scrolling sideways ([`super::Chart::scroll`]).
pub fn wide<T>(draw: impl FnOnce() -> T) -> T {
    let was = NARROW.with(|n| n.replace(false));
    let out = draw();
    NARROW.with(|n| n.set(was));
    out
}

pub fn is_narrow() -> bool {
    NARROW.with(|n| n.get())
}

/// The canvas width of the layout being drawn.
pub fn w() -> u32 {
    if is_narrow() {
        NARROW_W
    } else {
        W
    }
}

/// The plot frame of the layout being drawn.
pub fn frame() -> Frame {
    if is_narrow() {
        NARROW_FRAME
    } else {
        FRAME
    }
}

/// How much larger text is drawn in this layout (1 wide).
pub fn text_scale() -> f64 {
    if is_narrow() {
        NARROW_TEXT
    } else {
        1.0
    }
}

/// Grid lines with their labels, and the two axis captions. `x` and `y` are
/// (pixel, label) pairs.
pub fn axes(area: &Area, f: Frame, x: &[(i32, String)], y: &[(i32, String)], caps: (&str, &str)) -> Res {
    let small = Txt::new(12.0, MUTED);
    for (py, s) in y {
        line(area, vec![(f.left, *py), (f.right, *py)], GRID, 1)?;
        text(area, s, (f.left - 8, *py), &Txt { h: H::Right, ..small })?;
    }
    for (px, s) in x {
        line(area, vec![(*px, f.top), (*px, f.bottom)], GRID, 1)?;
        text(area, s, (*px, f.bottom + 8), &Txt { h: H::Center, v: V::Top, ..small })?;
    }
    line(area, vec![(f.left, f.top), (f.left, f.bottom), (f.right, f.bottom)], AXIS, 1)?;
    let cap = Txt::new(13.0, INK);
    text(area, caps.0, ((f.left + f.right) / 2, f.bottom + 38), &Txt { h: H::Center, ..cap })?;
    text(area, caps.1, (20, (f.top + f.bottom) / 2), &Txt { h: H::Center, vertical: true, ..cap })
}
