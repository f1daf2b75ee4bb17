//! A shaped paragraph at another size: CJK and Latin glyphs scale with
//! their size, so a heading stepped down (compose's size step-down) needs
//! no second shaping — every length is multiplied, nothing else changes.

use super::{Glyph, ShapedPara};
use crate::model::{Gap, Item};

impl ShapedPara {
    /// The paragraph set at `factor` times its size.
    pub fn scaled(&self, factor: f64) -> ShapedPara {
        let mut p = self.clone();
        p.style.size = p.style.size * factor;
        p.items.iter_mut().for_each(|i| scale_item(i, factor));
        p.glyphs.iter_mut().for_each(|g| scale_glyph(g, factor));
        for info in &mut p.info {
            if let Some(h) = &mut info.hyphen {
                scale_glyph(h, factor);
            }
        }
        p
    }
}

fn scale_item(i: &mut Item, k: f64) {
    i.width = i.width * k;
    i.blank_before = i.blank_before * k;
    i.blank_after = i.blank_after * k;
    i.end_blank = i.end_blank * k;
    i.hang_before = i.hang_before * k;
    scale_gap(&mut i.gap, k);
}

fn scale_gap(g: &mut Gap, k: f64) {
    g.natural = g.natural * k;
    g.stretch = g.stretch * k;
    g.shrink = g.shrink * k;
    g.hyphen = g.hyphen * k;
}

fn scale_glyph(g: &mut Glyph, k: f64) {
    g.advance = g.advance * k;
    g.dx = g.dx * k;
    g.dy = g.dy * k;
}
