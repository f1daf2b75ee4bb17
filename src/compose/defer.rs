//! Figures deferred to the next page of a continued module. A figure in
//! the flow that fits no column left on the page would move the cursor to
//! the next page with it, and the rest of the page would stand white over
//! the jump line: a hole in a made-up page (a 12 × 5 and a 13 × 28 ems one
//! on 40 generated pages with figures). A compositor lets the text run on
//! to the cut and sets the figure at the head of the continuation: the
//! figure waits, the text fills the page, and the next page (the
//! continuation, when the module is cut there) begins with it.

use super::columns::{Composer, FlowInput};
use crate::model::LineRules;
use crate::resolve::Figure;
use crate::shape::{ShapedBlock, ShapedPara};

/// Where a continued module breaks off: the block and line its second
/// page begins with, and the figure deferred to that page's head, if one
/// was (the rest sets it first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cut {
    pub block: usize,
    pub line: u32,
    pub figure: Option<usize>,
}

/// A deferred figure: its flow block, as the flow gives it.
#[derive(Debug, Clone)]
struct Waiting {
    block: usize,
    figure: Figure,
    caption: Option<ShapedPara>,
    rules: LineRules,
}

/// The figures a layout deferred (kept, so that a page laid out again
/// finds them) and the one waiting for the next page's head.
#[derive(Debug, Clone, Default)]
pub(super) struct Deferred {
    known: Vec<Waiting>,
    pub(super) pending: Option<usize>,
}

impl Deferred {
    /// Block `block` of `flow` (a figure) waits for the next page.
    pub(super) fn wait(&mut self, block: usize, flow: &FlowInput) {
        if let ShapedBlock::Figure { figure, caption } = &flow.shaped.flow[block]
            && !self.known.iter().any(|w| w.block == block)
        {
            self.known.push(Waiting {
                block,
                figure: (**figure).clone(),
                caption: caption.clone(),
                rules: flow.rules,
            });
        }
        self.pending = Some(block);
    }

    /// The figure `block` waits with.
    fn waiting(&self, block: usize) -> Waiting {
        // `wait` records a figure before it is pending.
        (self.known.iter())
            .find(|w| w.block == block)
            .cloned()
            .expect("a waiting figure is known")
    }
}

impl Composer<'_> {
    /// Whether the figure of flow block `block` waits for the next page
    /// instead of being set now: in a continued module's layout (room kept
    /// for its jump lines), where no column left on this page holds it and
    /// text follows it to fill the page. One figure waits at a time.
    pub(super) fn defers(&mut self, block: usize, flow: &FlowInput) -> bool {
        let ShapedBlock::Figure { figure, caption } = &flow.shaped.flow[block] else {
            return false;
        };
        let text_follows =
            (flow.shaped.flow[block + 1..].iter()).any(|b| matches!(b, ShapedBlock::Para(_)));
        if self.reserve.foot == 0 || self.deferred.pending.is_some() || !text_follows {
            return false;
        }
        if self.room_on_page(figure, caption.as_ref(), &flow.rules) {
            return false;
        }
        self.deferred.wait(block, flow);
        true
    }

    /// Sets the waiting figure, if any, at the cursor (a page's head),
    /// the text going on beside or under it.
    pub(super) fn place_waiting(&mut self) {
        let Some(block) = self.deferred.pending.take() else {
            return;
        };
        let w = self.deferred.waiting(block);
        let cur = std::mem::replace(&mut self.cur, (block, 0));
        self.place_figure(&w.figure, w.caption.as_ref(), &w.rules);
        self.cur = cur;
    }

    /// The flow (of `end` blocks) ended with a figure still waiting: it
    /// goes here if the page holds it, else at the next page's head, that
    /// page beginning past the flow's end (a rest cut there sets the
    /// figure alone: the text after it is all on this page).
    pub(super) fn place_waiting_at_end(&mut self, end: usize) {
        let Some(block) = self.deferred.pending else {
            return;
        };
        let w = self.deferred.waiting(block);
        self.cur = (end, 0);
        match self.room_on_page(&w.figure, w.caption.as_ref(), &w.rules) {
            true => self.place_waiting(),
            false => self.new_page(),
        }
    }
}
