//! What to do about each segment: catalogue keys (crate/texts.json) of its title,
//! goal and actions, in Russian, Ukrainian and English there.
//!
//! The methods come from the source articles (seeds 000-004: the monthly ABC-XYZ
//! review, ABCDX with win-back and "change the terms or part ways", the pool that
//! must not leak, loyalty x profitability); the wording is ours. The keys travel
//! inside the Report so the page and the CLI show the same advice.

use serde::Serialize;

/// A text of the catalogue (crate/texts.json) by its key: the Report carries the
/// code and each view looks up the words in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Text(pub &'static str);

impl Text {
    pub fn get(self, lang: crate::lang::Lang) -> &'static str {
        lang.t(self.0)
    }
}

/// A catalogue key.
pub type Key = &'static str;

pub fn text(t: Key) -> Text {
    Text(t)
}

/// A segment's name, the goal of working with it and the first actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Playbook {
    pub title: Text,
    pub goal: Text,
    pub actions: Vec<Text>,
}

struct Entry {
    title: Key,
    goal: Key,
    actions: &'static [Key],
}

fn build(e: &Entry) -> Playbook {
    Playbook { title: text(e.title), goal: text(e.goal), actions: e.actions.iter().copied().map(text).collect() }
}

/// ABC-XYZ matrix cells, row by row: AX AY AZ BX BY BZ CX CY CZ.
const MATRIX: [Entry; 9] = [
    Entry {
        title: "playbook.matrix.AX.title",
        goal: "playbook.matrix.AX.goal",
        actions: &[
            "playbook.matrix.AX.action1",
            "playbook.matrix.AX.action2",
            "playbook.matrix.AX.action3",
            "playbook.matrix.AX.action4",
        ],
    },
    Entry {
        title: "playbook.matrix.AY.title",
        goal: "playbook.matrix.AY.goal",
        actions: &["playbook.matrix.AY.action1", "playbook.matrix.AY.action2", "playbook.matrix.AY.action3"],
    },
    Entry {
        title: "playbook.matrix.AZ.title",
        goal: "playbook.matrix.AZ.goal",
        actions: &["playbook.matrix.AZ.action1", "playbook.matrix.AZ.action2", "playbook.matrix.AZ.action3"],
    },
    Entry {
        title: "playbook.matrix.BX.title",
        goal: "playbook.matrix.BX.goal",
        actions: &["playbook.matrix.BX.action1", "playbook.matrix.BX.action2", "playbook.matrix.BX.action3"],
    },
    Entry {
        title: "playbook.matrix.BY.title",
        goal: "playbook.matrix.BY.goal",
        actions: &["playbook.matrix.BY.action1", "playbook.matrix.BY.action2", "playbook.matrix.BY.action3"],
    },
    Entry {
        title: "playbook.matrix.BZ.title",
        goal: "playbook.matrix.BZ.goal",
        actions: &["playbook.matrix.BZ.action1", "playbook.matrix.BZ.action2", "playbook.matrix.BZ.action3"],
    },
    Entry {
        title: "playbook.matrix.CX.title",
        goal: "playbook.matrix.CX.goal",
        actions: &["playbook.matrix.CX.action1", "playbook.matrix.CX.action2", "playbook.matrix.CX.action3"],
    },
    Entry {
        title: "playbook.matrix.CY.title",
        goal: "playbook.matrix.CY.goal",
        actions: &["playbook.matrix.CY.action1", "playbook.matrix.CY.action2"],
    },
    Entry {
        title: "playbook.matrix.CZ.title",
        goal: "playbook.matrix.CZ.goal",
        actions: &["playbook.matrix.CZ.action1", "playbook.matrix.CZ.action2", "playbook.matrix.CZ.action3"],
    },
];

pub fn matrix_cell(index: usize) -> Playbook {
    build(&MATRIX[index.min(MATRIX.len() - 1)])
}

/// ABCDX groups: A, B, C, AD, BD, CD, X.
const ABCDX: [Entry; 7] = [
    Entry {
        title: "playbook.abcdx.A.title",
        goal: "playbook.abcdx.A.goal",
        actions: &["playbook.abcdx.A.action1", "playbook.abcdx.A.action2"],
    },
    Entry {
        title: "playbook.abcdx.B.title",
        goal: "playbook.abcdx.B.goal",
        actions: &["playbook.abcdx.B.action1", "playbook.abcdx.B.action2"],
    },
    Entry {
        title: "playbook.abcdx.C.title",
        goal: "playbook.abcdx.C.goal",
        actions: &["playbook.abcdx.C.action1", "playbook.abcdx.C.action2"],
    },
    Entry {
        title: "playbook.abcdx.AD.title",
        goal: "playbook.abcdx.AD.goal",
        actions: &["playbook.abcdx.AD.action1", "playbook.abcdx.AD.action2", "playbook.abcdx.AD.action3"],
    },
    Entry {
        title: "playbook.abcdx.BD.title",
        goal: "playbook.abcdx.BD.goal",
        actions: &["playbook.abcdx.BD.action1", "playbook.abcdx.BD.action2"],
    },
    Entry {
        title: "playbook.abcdx.CD.title",
        goal: "playbook.abcdx.CD.goal",
        actions: &["playbook.abcdx.CD.action1", "playbook.abcdx.CD.action2"],
    },
    Entry {
        title: "playbook.abcdx.X.title",
        goal: "playbook.abcdx.X.goal",
        actions: &["playbook.abcdx.X.action1", "playbook.abcdx.X.action2", "playbook.abcdx.X.action3"],
    },
];

pub fn abcdx_group(index: usize) -> Playbook {
    build(&ABCDX[index.min(ABCDX.len() - 1)])
}

const POTENTIAL: Entry = Entry {
    title: "playbook.potential.title",
    goal: "playbook.potential.goal",
    actions: &["playbook.potential.action1", "playbook.potential.action2"],
};

pub fn potential_gap() -> Playbook {
    build(&POTENTIAL)
}

/// Loyalty x profitability quadrants I..IV.
const QUADRANTS: [Entry; 4] = [
    Entry {
        title: "playbook.quadrant.I.title",
        goal: "playbook.quadrant.I.goal",
        actions: &["playbook.quadrant.I.action1", "playbook.quadrant.I.action2", "playbook.quadrant.I.action3"],
    },
    Entry {
        title: "playbook.quadrant.II.title",
        goal: "playbook.quadrant.II.goal",
        actions: &["playbook.quadrant.II.action1", "playbook.quadrant.II.action2"],
    },
    Entry {
        title: "playbook.quadrant.III.title",
        goal: "playbook.quadrant.III.goal",
        actions: &["playbook.quadrant.III.action1", "playbook.quadrant.III.action2", "playbook.quadrant.III.action3"],
    },
    Entry {
        title: "playbook.quadrant.IV.title",
        goal: "playbook.quadrant.IV.goal",
        actions: &["playbook.quadrant.IV.action1", "playbook.quadrant.IV.action2", "playbook.quadrant.IV.action3"],
    },
];

pub fn quadrant(index: usize) -> Playbook {
    build(&QUADRANTS[index.min(QUADRANTS.len() - 1)])
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::lang::Lang;

    #[test]
    fn every_text_exists_in_three_languages() {
        let all: Vec<Playbook> = (0..9)
            .map(matrix_cell)
            .chain((0..7).map(abcdx_group))
            .chain((0..4).map(quadrant))
            .chain([potential_gap()])
            .collect();
        for p in &all {
            let texts = [&p.title, &p.goal].into_iter().chain(&p.actions);
            for t in texts {
                let (ru, uk, en) = (t.get(Lang::Ru), t.get(Lang::Uk), t.get(Lang::En));
                assert!(!ru.is_empty() && !uk.is_empty() && !en.is_empty());
                assert_ne!(ru, uk, "{en}");
                assert!(en.is_ascii(), "{en}");
            }
            assert!(p.actions.len() >= 2, "{}", p.title.get(Lang::En));
        }
        assert!(matrix_cell(0).title.get(Lang::En).starts_with("Core"));
        assert!(quadrant(1).goal.get(Lang::En).contains("golden reserve"));
    }
}
