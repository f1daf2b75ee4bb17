//! 标点挤压 of adjacent punctuation marks (CLREQ §3.1.6): the blank where
//! two marks meet goes, per punctuation scheme.

use super::segment::Builder;
use crate::model::GapKind;
use crate::model::punct::PunctClass;
use crate::units::Pt;

/// Removes an item's blank before its glyph (the glyph moves back).
pub(super) fn cut_before(b: &mut Builder, k: usize) {
    let cut = b.items[k].blank_before;
    if cut.0 > 0.0 {
        b.items[k].width -= cut;
        b.items[k].blank_before = Pt::ZERO;
        b.items[k].hang_before = (b.items[k].hang_before - cut).max(Pt::ZERO);
        let g = b.info[k].glyphs.start as usize;
        b.glyphs[g].dx -= cut;
    }
}

pub(super) fn cut_after(b: &mut Builder, k: usize) {
    let cut = b.items[k].blank_after;
    b.items[k].width -= cut;
    b.items[k].blank_after = Pt::ZERO;
    b.items[k].end_blank = Pt::ZERO;
}

/// The gap after item `k`, between two marks that lost `cut` where they
/// meet, may give it back when the line must stretch.
fn reopen(b: &mut Builder, k: usize, cut: Pt) {
    let gap = &mut b.items[k].gap;
    if gap.kind == GapKind::InterChar && cut.0 > 0.0 {
        gap.kind = GapKind::PairBlank;
        gap.stretch = cut;
    }
}

/// 标点挤压 of adjacent marks (CLREQ §3): the blank between two marks goes,
/// so 。」 and ，“ take one and a half ems, not two. The wider of the two
/// blanks that meet is cut: in a vertical line an upright ： keeps all
/// but a quarter em of its em (its ink runs down most of it), so in ：「
/// the bracket gives up its blank half instead, and the pair takes one
/// and a half ems there too, not one and three quarters.
///
/// A tall vertical mark before an opening bracket (upright ：「, whose
/// colon stands in the em's top half) keeps most of its blank after its
/// ink, so the pair could not shrink to one em as it does horizontally
/// (：「 took 1.2 em at least): the room the two inks leave beyond their
/// blanks (`room`, per item, the side a partner meets: Noto Serif SC's
/// vertical ： ends 0.63 em down its em, its 「 starts 0.66 em down)
/// goes to the mark's blank after, up to a pair of one em; the two inks
/// stay at least [`super::marks::INK_CLEARANCE_EM`] apart.
pub(super) fn compress_pairs(b: &mut Builder, room: &[Pt]) {
    for k in 0..b.items.len().saturating_sub(1) {
        let (l, r) = (&b.items[k], &b.items[k + 1]);
        let adjacent = l.gap.natural.0 == 0.0 && l.punct.is_some() && r.punct.is_some();
        let pair = adjacent
            && l.punct != Some(PunctClass::Inseparable)
            && r.punct != Some(PunctClass::Inseparable);
        if !pair {
            continue;
        }
        let cut = l.blank_after.max(r.blank_before);
        if r.blank_before.0 > l.blank_after.0 {
            cut_before_into_room(b, k, room);
        } else if l.blank_after.0 > 0.0 {
            cut_after(b, k);
        }
        reopen(b, k, cut);
    }
}

/// The bracket after mark `k` gives up its blank before; the room the
/// two inks leave beyond their blanks ([`compress_pairs`]) goes to the
/// mark's blank after, up to a pair of one em.
fn cut_before_into_room(b: &mut Builder, k: usize, room: &[Pt]) {
    let (l, r) = (&b.items[k], &b.items[k + 1]);
    let half = (l.width + r.width) / 2.0;
    // What the pair keeps past one em once the mark's blanks go.
    let over = half - r.blank_before - l.blank_before - l.blank_after;
    let beyond = |i: usize| room.get(i).copied().unwrap_or(Pt::ZERO);
    let extra = (beyond(k) + beyond(k + 1)).min(over).max(Pt::ZERO);
    cut_before(b, k + 1);
    b.items[k].blank_after += extra;
}

/// 标点挤压 of adjacent marks in the centred scheme (CLREQ §3.1.6.2): the
/// pair gives up half an em where the two meet. A bracket or quote loses
/// the blank half that faces the other mark (：「 and 」，); a centred stop
/// before a closing bracket (。」) gives up its quarter on either side and
/// stays centred in half an em, unless it is `tall` (upright ？！ in
/// vertical text fill the em: halved, the bracket ran into them). Two
/// centred marks (？！) stay full. An upright vertical mark before an
/// opening bracket (Traditional ：「, the colon's ink 0.62 em tall in the
/// middle of its em) gives the room the two inks leave, as in
/// [`compress_pairs`]: the pair took 1.22 em at least, and 1.06 with the
/// inks [`super::marks::INK_CLEARANCE_EM`] apart.
pub(super) fn compress_centred_pairs(b: &mut Builder, tall: &[bool], room: &[Pt]) {
    use PunctClass::*;
    for k in 0..b.items.len().saturating_sub(1) {
        let (l, r) = (&b.items[k], &b.items[k + 1]);
        if l.gap.natural.0 != 0.0 {
            continue;
        }
        match (l.punct, r.punct) {
            (Some(Inseparable), _) | (_, Some(Inseparable)) | (None, _) | (_, None) => {}
            (_, Some(Opening)) => {
                let cut = r.blank_before;
                cut_before_into_room(b, k, room);
                reopen(b, k, cut);
            }
            (Some(Closing), _) => {
                let cut = l.blank_after;
                cut_after(b, k);
                reopen(b, k, cut);
            }
            (Some(Stop | Pause), Some(Closing)) if tall.get(k) != Some(&true) => {
                cut_before(b, k);
                cut_after(b, k);
            }
            _ => {}
        }
    }
}

/// Room beside each vertical mark's ink beyond its blank, on the side a
/// pair's partner meets ([`compress_pairs`]): below a stop or pause
/// (less the clearance its ink keeps), above an opening bracket's ink.
/// Empty for a horizontal line (`vertical`: the body size when the
/// line is vertical). A mark the scheme moved along the line
/// (`moved_none`: the centred scheme centres an SC mark) is given none,
/// its ink no longer where the font draws it.
pub(super) fn vertical_room(
    shaper: &mut super::cache::Shaper,
    room: &mut Vec<Pt>,
    b: &Builder,
    vertical: Option<Pt>,
    moved_none: bool,
) {
    room.clear();
    let Some(size) = vertical else {
        return;
    };
    let keep = size * super::marks::INK_CLEARANCE_EM;
    room.extend(b.items.iter().zip(&b.info).map(|(it, info)| {
        let g = &b.glyphs[info.glyphs.start as usize];
        let ink = it
            .punct
            .filter(|_| !(moved_none && g.dx.0 != 0.0))
            .and_then(|_| shaper.ink_room_vertical(g.font, g.id, size));
        let beyond = match (it.punct, ink) {
            (Some(PunctClass::Opening), Some((above, _))) => above - it.blank_before,
            (Some(_), Some((_, below))) => below - keep - it.blank_after,
            _ => Pt::ZERO,
        };
        beyond.max(Pt::ZERO)
    }));
}
