//! A full-width mark's blanks and what it may do at a line's end: the
//! class rules [`super::segment`] falls back on where the font's
//! halt/vhal says nothing, and which marks hang (CLREQ §3).

use crate::model::punct::PunctClass;
use crate::units::Pt;

/// The blanks of a full-width mark by its class, where the font has no
/// `halt` to say: the glyph sits in one half of the em (mainland style).
pub(super) fn class_blanks(class: PunctClass, width: Pt) -> (Pt, Pt) {
    let half = width / 2.0;
    match class {
        PunctClass::Opening => (half, Pt::ZERO),
        PunctClass::Closing | PunctClass::Stop | PunctClass::Pause => (Pt::ZERO, half),
        PunctClass::Middle => (half / 2.0, half / 2.0),
        PunctClass::Inseparable => (Pt::ZERO, Pt::ZERO),
    }
}

/// Blanks of a mark the font's halt/vhal says nothing about. In vertical
/// text ：；！？ without vhal keep their upright forms centred in the em, so
/// a quarter em either side, not a half em below: cutting that half in a
/// pair ran ？」 five points into each other.
pub(super) fn fallback_blanks(class: PunctClass, width: Pt, pauses_centred: bool) -> (Pt, Pt) {
    if pauses_centred && class == PunctClass::Pause {
        class_blanks(PunctClass::Middle, width)
    } else {
        class_blanks(class, width)
    }
}

/// The least room, in ems, a compressed mark's ink keeps from its em's
/// edge in a vertical line (a Han character's ink stands about as far
/// from its own).
pub(super) const INK_CLEARANCE_EM: f64 = 0.05;

/// How far past the measure a line-end mark's ink may reach when the
/// mark is set at half width in a vertical line, in ems: the column's
/// foot faces a gutter or margin, never a character, and a gutter rule
/// half an em away stays more than a third of an em clear of the ink.
pub(super) const END_INK_PAST_MEASURE_EM: f64 = 0.15;

/// What a line's end may cut after a vertical stop or pause mark whose
/// in-line blank `after` is held back from its neighbour (the centred
/// scheme's ，。、, upright ？！；：): up to half width (GB/T 15834 sets a
/// line-end mark at half width), as far as its ink reaching no more than
/// [`END_INK_PAST_MEASURE_EM`] past the measure allows (`below` is the
/// room between its ink and its em's end). Brackets and quotes keep
/// `after`.
pub(super) fn line_end_blank(class: PunctClass, after: Pt, below: Pt, width: Pt, size: Pt) -> Pt {
    if !matches!(class, PunctClass::Stop | PunctClass::Pause) {
        return after;
    }
    let reach = below + size * END_INK_PAST_MEASURE_EM;
    reach.min(width / 2.0).max(after)
}

/// How far past the measure a hung mark's ink may reach, in ems: as far
/// as a hung horizontal Simplified mark's does (，0.23, ；0.29, 。0.32),
/// so a fifth of an em or more clear of a ruled gutter's middle.
pub(super) const HUNG_INK_PAST_MEASURE_EM: f64 = 0.33;

/// What a line's end cuts after an upright vertical ；：？！ that hangs
/// (zero where it may not): up to half its em, its ink (`below` short of
/// its em's end) reaching no further past the measure than
/// [`HUNG_INK_PAST_MEASURE_EM`]; zero where that is no more than its free
/// line-end blank `end`. Hung whole, as a ，。、 is, its ink would run
/// three quarters of an em past.
pub(super) fn hung_end(c: char, end: Pt, below: Pt, width: Pt, size: Pt) -> Pt {
    let cut = (below + size * HUNG_INK_PAST_MEASURE_EM).min(width / 2.0);
    if matches!(c, '；' | '：' | '？' | '！') && cut.0 > end.0 {
        cut
    } else {
        Pt::ZERO
    }
}

/// Marks that stay full width under 开明 (sentence-ending stops).
pub(super) fn full_in_kaiming(c: char) -> bool {
    matches!(c, '。' | '．' | '？' | '！')
}

/// Whether a mark may hang past the measure at a line end (CLREQ, hanging
/// punctuation at the line end): ，。、 in every scheme; the other pause and
/// stop marks ；：？！ too where the scheme sets their glyph at the start
/// of the em (Simplified Chinese, whose marks all stand there), so that
/// what hangs is the mark's glyph within half an em of the measure (its
/// blank after is half the em: not an upright vertical form, whose ink
/// runs most of the em down).
pub(super) fn may_hang(c: char, before: Pt, after: Pt, width: Pt) -> bool {
    matches!(c, '，' | '。' | '、' | '．')
        || (matches!(c, '；' | '：' | '？' | '！') && before.0 == 0.0 && after.0 >= width.0 * 0.45)
}
