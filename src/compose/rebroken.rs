//! A module's paragraphs broken again during its layout, remembered: the
//! balancing of its last page lays the page out once for every depth it
//! tries, and each time meets the same paragraph from the same item at
//! the same measures (beside a figure, on from a line its first breaking
//! did not start, a caption under its figure). Breaking is a function of
//! the key alone, so a remembered break is the break made anew.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use crate::linebreak::Line;
use crate::model::LineRules;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// How the lines were broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum How {
    /// From an item on, every line at the column's measure.
    Rest,
    /// Beside a figure: each line at its slot's measure, no mark hung,
    /// a short line flush.
    Beside,
    /// The whole paragraph at one measure less its inset (a caption).
    Whole,
}

/// What the lines depend on besides the measures of their lines: the
/// paragraph (by address: a composer lays out one flow, which outlives
/// it), how and with which rules it is broken, the item it starts from,
/// whether it is justified, and the measure of a whole line (in bits).
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct Key {
    para: usize,
    how: How,
    rules: LineRules,
    start: usize,
    justify: bool,
    full: u64,
}

impl Key {
    pub fn new(p: &ShapedPara, how: How, rules: &LineRules, start: usize) -> Key {
        Key {
            para: std::ptr::from_ref(p) as usize,
            how,
            rules: *rules,
            start,
            justify: false,
            full: 0,
        }
    }

    pub fn at(self, full: Pt, justify: bool) -> Key {
        Key {
            full: full.0.to_bits(),
            justify,
            ..self
        }
    }
}

/// Lines broken under one key: the measures of the lines the breaker
/// asked for (in bits, from the first), and the lines. The breaker is a
/// function of the measures it reads: another measure function that
/// gives the same ones breaks the same way.
type Breaks = Vec<(Vec<u64>, Vec<Line>)>;

/// The breaks made during one composer's layout.
#[derive(Debug, Default)]
pub(super) struct Rebroken(RefCell<HashMap<Key, Breaks>>);

impl Rebroken {
    /// The lines under `key`, every line at its full measure, broken by
    /// `f` unless broken before.
    pub fn full_lines(&self, key: Key, f: impl FnOnce() -> Vec<Line>) -> Vec<Line> {
        if let Some(breaks) = self.0.borrow().get(&key)
            && let Some((_, lines)) = breaks.iter().find(|(read, _)| read.is_empty())
        {
            return lines.clone();
        }
        let lines = f();
        (self.0.borrow_mut().entry(key).or_default()).push((Vec::new(), lines.clone()));
        lines
    }

    /// The lines under `key` at the measures `measure` gives line by line,
    /// broken by `f` (given the measures to read) unless broken before.
    pub fn lines(
        &self,
        key: Key,
        measure: &dyn Fn(usize) -> Pt,
        f: impl FnOnce(&dyn Fn(usize) -> Pt) -> Vec<Line>,
    ) -> Vec<Line> {
        let same =
            |read: &[u64]| (read.iter().enumerate()).all(|(k, &m)| measure(k).0.to_bits() == m);
        if let Some(breaks) = self.0.borrow().get(&key)
            && let Some((_, lines)) = breaks.iter().find(|(read, _)| same(read))
        {
            return lines.clone();
        }
        // Every line up to the last the breaker asked for is in the key.
        let asked = Cell::new(0);
        let lines = f(&|k| {
            asked.set(asked.get().max(k + 1));
            measure(k)
        });
        let read = (0..asked.get()).map(|k| measure(k).0.to_bits()).collect();
        (self.0.borrow_mut().entry(key).or_default()).push((read, lines.clone()));
        lines
    }
}
