//! The flow's paragraphs broken at the column measure, shared by the
//! layouts of one article's modules: the make-up lays an article out at
//! every span and in every variant, and its paragraphs and column measure
//! are the same in most of them.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use super::heads::break_heading;
use super::lines::break_lines;
use crate::linebreak::Line;
use crate::model::{Align, Grid, Item, LineRules, ParaStyle, Role};
use crate::shape::{ShapedBlock, ShapedDoc, ShapedPara};
use crate::units::Pt;

/// A paragraph's lines and what they were broken from: its items and
/// style, compared with the paragraph asked for (a heading stepped down
/// to fit a narrower module is another paragraph in the same block).
#[derive(Debug)]
struct Broken {
    items: Vec<Item>,
    style: ParaStyle,
    lines: Vec<Line>,
}

/// The lines of one article's flow paragraphs, by block, measure and
/// rules; filled by the layouts of its modules, in parallel (a paragraph
/// broken twice at once is kept once: the breaks are the same).
#[derive(Debug, Default)]
pub struct FlowBreaks(Mutex<HashMap<(usize, u64, LineRules), Vec<Broken>>>);

impl FlowBreaks {
    fn lines(
        &self,
        (block, p): (usize, &ShapedPara),
        measure: Pt,
        rules: &LineRules,
        f: impl FnOnce() -> Vec<Line>,
    ) -> Vec<Line> {
        let key = (block, measure.0.to_bits(), *rules);
        let same = |b: &&Broken| b.style == p.style && b.items == p.items;
        if let Some(b) = self.map().get(&key).and_then(|v| v.iter().find(same)) {
            return b.lines.clone();
        }
        let lines = f();
        let mut map = self.map();
        let list = map.entry(key).or_default();
        if !list.iter().any(|b| same(&b)) {
            list.push(Broken {
                items: p.items.clone(),
                style: p.style.clone(),
                lines: lines.clone(),
            });
        }
        lines
    }

    fn map(&self) -> MutexGuard<'_, HashMap<(usize, u64, LineRules), Vec<Broken>>> {
        // A layout that panicked while holding the lock left the map as
        // it was before or after one whole insertion: still good.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Every flow paragraph broken at the column measure: all columns share
/// one measure, and the keep rules look ahead at the next block's line
/// count. With `memo`, each paragraph broken before is taken from it.
pub(super) fn break_flow(
    shaped: &ShapedDoc,
    grid: &Grid,
    rules: &LineRules,
    memo: Option<&FlowBreaks>,
) -> Vec<Option<Vec<Line>>> {
    (shaped.flow.iter().enumerate())
        .map(|(i, b)| match b {
            ShapedBlock::Para(p) => {
                let f = || break_para(p, grid.column_width, rules);
                Some(match memo {
                    Some(m) => m.lines((i, p), grid.column_width, rules, f),
                    None => f(),
                })
            }
            ShapedBlock::Figure { .. } => None,
        })
        .collect()
}

/// A heading broken between its phrases, other paragraphs as text.
fn break_para(p: &ShapedPara, measure: Pt, rules: &LineRules) -> Vec<Line> {
    match p.style.role {
        Role::Heading | Role::MinorHeading => break_heading(p, measure, rules),
        _ => break_lines(p, measure, p.style.align == Align::Justify, rules),
    }
}
