//! Items too wide for any column (a 100,000-digit number, a 100 KB URL, a
//! very long word) cut into one item per glyph cluster, glued together:
//! the line breaker then sets them as before, and its last resort
//! ([`crate::linebreak`]'s cut of an overfull line) may break between any
//! two clusters. rustybuzz's default cluster level keeps a base character
//! and its marks in one cluster, so a cut never falls inside a grapheme.

use crate::model::{Gap, Item};
use crate::units::Pt;

use super::{ItemInfo, ShapedPara};

/// Items wider than this many ems are cut. Wider than the longest words
/// of running text, so ordinary words keep their single item (and their
/// letter spacing on a line of their own).
pub const WIDE_ITEM_EMS: f64 = 10.0;

impl ShapedPara {
    /// Cuts every item wider than [`WIDE_ITEM_EMS`] into its clusters.
    pub(super) fn split_wide_items(&mut self) {
        let limit = self.style.size * WIDE_ITEM_EMS;
        if !self.items.iter().any(|i| i.width.0 > limit.0) {
            return;
        }
        let old_items = std::mem::take(&mut self.items);
        let old_info = std::mem::take(&mut self.info);
        let mut items = Vec::with_capacity(old_items.len());
        let mut info = Vec::with_capacity(old_info.len());
        for (item, inf) in old_items.iter().zip(&old_info) {
            if item.width.0 > limit.0 {
                self.cut(item, inf, &mut items, &mut info);
            } else {
                items.push(*item);
                info.push(inf.clone());
            }
        }
        self.items = items;
        self.info = info;
    }

    /// One item per glyph cluster of `item`, each as wide as its glyphs'
    /// advances (as they are drawn); the last takes what the item's width
    /// differs from their sum, so the pieces sum to the item.
    fn cut(
        &mut self,
        item: &Item,
        inf: &ItemInfo,
        items: &mut Vec<Item>,
        info: &mut Vec<ItemInfo>,
    ) {
        let (g0, g1) = (inf.glyphs.start as usize, inf.glyphs.end as usize);
        // Glyph indices where a new cluster starts.
        let starts: Vec<usize> = (g0..g1)
            .filter(|&g| g == g0 || self.glyphs[g].cluster != self.glyphs[g - 1].cluster)
            .collect();
        let clusters_rise = starts
            .windows(2)
            .all(|w| self.glyphs[w[0]].cluster < self.glyphs[w[1]].cluster);
        if starts.len() < 2 || !clusters_rise {
            items.push(*item);
            info.push(inf.clone());
            return;
        }
        let total: f64 = self.glyphs[g0..g1].iter().map(|g| g.advance.0).sum();
        let rest = item.width.0 - total;
        let text_end = inf.text.end;
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).copied().unwrap_or(g1);
            let base = self.glyphs[s].cluster;
            let from = inf.text.start + base;
            let to = starts
                .get(k + 1)
                .map_or(text_end, |&n| inf.text.start + self.glyphs[n].cluster);
            for g in &mut self.glyphs[s..e] {
                g.cluster -= base;
            }
            let text = &self.text[from as usize..to as usize];
            let first = k == 0;
            let last = k + 1 == starts.len();
            let advance: f64 = self.glyphs[s..e].iter().map(|g| g.advance.0).sum();
            items.push(Item {
                width: Pt(advance + if last { rest } else { 0.0 }),
                first: text.chars().next().unwrap_or(item.first),
                last: text.chars().last().unwrap_or(item.last),
                blank_before: if first { item.blank_before } else { Pt::ZERO },
                blank_after: if last { item.blank_after } else { Pt::ZERO },
                end_blank: if last { item.end_blank } else { Pt::ZERO },
                hang_before: if last { item.hang_before } else { Pt::ZERO },
                may_hang: last && item.may_hang,
                hang_end: if last { item.hang_end } else { Pt::ZERO },
                letter_slots: text.chars().count().saturating_sub(1) as u16,
                gap: if last { item.gap } else { Gap::glued() },
                ..*item
            });
            info.push(ItemInfo {
                glyphs: s as u32..e as u32,
                text: from..to,
                hyphen: if last { inf.hyphen } else { None },
                ..inf.clone()
            });
        }
    }
}
