//! The slots figures, leads and headline blocks take or narrow in a
//! module's columns ([`SlotShape`]), in the order recorded and indexed by
//! page and column: the composer looks them up for every line it sets,
//! and a linear scan over a page's hundreds of shapes made layout
//! quadratic.

use std::ops::Deref;

use super::columns::SlotShape;
use super::wrap::SlotKind;

/// The shapes as recorded, and per page, column and slot its kind: the
/// last recorded for a slot holds. Dense: a module has a few pages of
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
        column[k] = Some(s.kind);
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
