//! The slots figures, leads and headline blocks take or narrow in a
//! module's columns ([`SlotShape`]), in the order recorded and indexed by
//! page and column: the composer looks them up for every line it sets,
//! and a linear scan over a page's hundreds of shapes made layout
//! quadratic.

use std::ops::Deref;

use super::columns::SlotShape;
use super::wrap::SlotKind;

/// The shapes as recorded, and per page, column and slot its kind: the
/// last recorded for a slot holds, except over a slot blocked whole. Dense: a module has a few pages of
/// some columns of at most a page's slots.
#[derive(Debug, Clone, Default)]
pub(super) struct SlotShapes {
    list: Vec<SlotShape>,
    index: Vec<Vec<Vec<Option<SlotKind>>>>,
}

impl SlotShapes {
    pub fn push(&mut self, s: SlotShape) {
        self.list.push(s);
        self.note(s);
    }

    /// Back to the first `n` shapes recorded (a page laid out again).
    pub fn truncate(&mut self, n: usize) {
        if n < self.list.len() {
            self.list.truncate(n);
            self.reindex();
        }
    }

    /// Keeps the shapes `keep` says.
    pub fn retain(&mut self, keep: impl FnMut(&SlotShape) -> bool) {
        self.list.retain(keep);
        self.reindex();
    }

    /// The kind of `slot` in `column` of `page`, if a shape changes it.
    pub fn kind(&self, page: usize, column: u32, slot: u32) -> Option<SlotKind> {
        *self.column(page, column)?.get(slot as usize)?
    }

    /// The first slot from `slot` on in `column` of `page` a shape changes.
    pub fn next_from(&self, page: usize, column: u32, slot: u32) -> Option<u32> {
        let slots = self.column(page, column)?;
        let from = (slot as usize).min(slots.len());
        (slots[from..].iter().position(Option::is_some)).map(|k| slot + k as u32)
    }

    fn column(&self, page: usize, column: u32) -> Option<&Vec<Option<SlotKind>>> {
        self.index.get(page)?.get(column as usize)
    }

    fn note(&mut self, s: SlotShape) {
        let grow = |n: usize, len: usize| n.max(len + 1);
        let (p, c, k) = (s.page, s.column as usize, s.slot as usize);
        if self.index.len() <= p {
            self.index.resize(grow(self.index.len(), p), Vec::new());
        }
        let page = &mut self.index[p];
        if page.len() <= c {
            page.resize(grow(page.len(), c), Vec::new());
        }
        let column = &mut page[c];
        if column.len() <= k {
            column.resize(grow(column.len(), k), None);
        }
        // A slot a title block, a lead or a continuation head takes stays
        // taken: a figure's wrap recorded later (its gap reaching a slot
        // up into the block) does not open it to a line.
        if column[k] != Some(SlotKind::Blocked) {
            column[k] = Some(s.kind);
        }
    }

    fn reindex(&mut self) {
        self.index.clear();
        for i in 0..self.list.len() {
            self.note(self.list[i]);
        }
    }
}

impl Deref for SlotShapes {
    type Target = [SlotShape];

    fn deref(&self) -> &[SlotShape] {
        &self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Pt;

    /// A round figure's wrap gap reaching a slot up into a title block
    /// (recorded after the block) gave that slot a line beside the figure,
    /// set over the block's deck (edition-12 set vertically: a body line
    /// 6 pt from the deck's middle). The block's slot stays taken; the
    /// wrap holds below it.
    #[test]
    fn a_figures_wrap_does_not_open_a_slot_the_title_block_takes() {
        let mut shapes = SlotShapes::default();
        let at = |slot, kind| SlotShape {
            page: 0,
            column: 3,
            slot,
            kind,
        };
        let narrow = SlotKind::Narrow {
            offset: Pt::ZERO,
            measure: Pt(90.0),
            toward_end: false,
        };
        shapes.push(at(63, SlotKind::Blocked));
        shapes.push(at(63, narrow));
        shapes.push(at(64, narrow));
        assert_eq!(shapes.kind(0, 3, 63), Some(SlotKind::Blocked));
        assert_eq!(shapes.kind(0, 3, 64), Some(narrow));
        // Laid out again from the first shape: the same.
        shapes.truncate(2);
        assert_eq!(shapes.kind(0, 3, 63), Some(SlotKind::Blocked));
    }
}
