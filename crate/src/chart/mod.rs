//! Charts as SVG, drawn by plotters' SVG backend in the core, so the page, the
//! HTML report and the CLI get the same bytes.
//!
//! Each chart is a pure function from a plain input struct and a [`Lang`] to an
//! SVG string; [`from_report`] builds the inputs the Report has today. Text is
//! left to the viewer: plotters writes `<text>` elements with an anchor and the
//! browser lays them out (see docs/decisions.md, "Charts leave text to the
//! viewer"). Layout that depends on text length uses [`canvas::text_width`], an
//! estimate that is the same on every target.
//!
//! Colours: Okabe-Ito for categories, a viridis scale for heatmaps. Colours that
//! carry the theme (background, text, grid) are written with their light values
//! and switched by a `<style>` inside the SVG under `prefers-color-scheme: dark`
//! (screens only, so print stays light).

mod adapt;
pub mod bars;
pub mod canvas;
pub mod flows;
pub mod fmt;
pub mod gauge;
pub mod heatmap;
pub mod holdout;
pub mod pareto;
pub mod pool;
pub mod scatter;

pub use adapt::{for_phone, from_report, MAX_SCATTER_POINTS};

use serde::Serialize;

/// One drawn chart: a stable key (`pareto`, `abc-xyz`, ...), its title in the
/// report's language, and the SVG document.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chart {
    pub name: &'static str,
    pub title: String,
    pub svg: String,
    /// To be read at its own size, scrolling sideways in its box, rather than
    /// shrunk to the column: a phone's 10 x 10 moves grid, whose figures no
    /// cell of a phone's width holds legibly.
    pub scroll: bool,
}

#[cfg(test)]
mod report_tests;
#[cfg(test)]
mod tests;
