//! What the line breaker sees: items with widths along the inline axis and
//! the glue after each. No glyphs, no x/y: the same items serve horizontal
//! and vertical lines.

use super::punct::PunctClass;
use crate::units::Pt;

/// The stretch of an inter-character gap, in ems: the breaker reads a
/// line's letter spacing in ems from it.
pub const INTER_CHAR_STRETCH_EM: f64 = 0.25;

/// The kind of space after an item, which decides its justification
/// priority (CLREQ §4: word spaces stretch first, then Han–Latin gaps, then
/// inter-character spacing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapKind {
    /// Between two CJK characters: zero wide, stretched last.
    InterChar,
    /// A space between Latin words.
    WordSpace,
    /// Between Han and Latin text: ¼ em (CLREQ §5).
    CjkLatin,
    /// Between two marks whose meeting blank was cut (标点挤压): stretches
    /// back to their full width, up to the blank cut, before any other
    /// gap stretches, at no cost (全角式 compresses a pair only where
    /// that is needed).
    PairBlank,
    /// Inside a word: a hyphenation point or a UAX #14 opportunity (after a
    /// hyphen or a solidus), or no break at all.
    Glued,
}

/// The space after an item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub natural: Pt,
    pub stretch: Pt,
    pub shrink: Pt,
    pub kind: GapKind,
    /// A break may fall here (before prohibitions are applied).
    pub breakable: bool,
    /// Demerit-like cost of breaking here (hyphenation points cost more).
    pub penalty: f64,
    /// Width of the hyphen added at the line end when the break falls here
    /// (zero: no hyphen).
    pub hyphen: Pt,
}

impl Gap {
    /// No space and no break.
    pub fn glued() -> Gap {
        Gap {
            natural: Pt::ZERO,
            stretch: Pt::ZERO,
            shrink: Pt::ZERO,
            kind: GapKind::Glued,
            breakable: false,
            penalty: 0.0,
            hyphen: Pt::ZERO,
        }
    }

    pub fn is_hyphen(&self) -> bool {
        self.hyphen.0 > 0.0
    }
}

/// One unbreakable piece of a paragraph: a CJK character, a punctuation
/// mark, or a Latin word, word fragment or number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    /// Advance with the punctuation scheme and pair compression applied.
    pub width: Pt,
    pub first: char,
    pub last: char,
    /// For CJK punctuation: its class (which side its blank is on, its
    /// shrink priority, its prohibitions).
    pub punct: Option<PunctClass>,
    /// Blank space left inside the advance before the glyph (an opening
    /// mark's empty half), which line-start and in-line compression may
    /// take (标点挤压, CLREQ §3).
    pub blank_before: Pt,
    /// Blank space after the glyph (a closing mark's empty half), taken at
    /// a line end or when a line must shrink.
    pub blank_after: Pt,
    /// What a line's end may cut after the glyph (GB/T 15834: a line-end
    /// mark set at half width): `blank_after`, or more for a vertical
    /// mark whose in-line blank is held back from its neighbour's ink
    /// ([`crate::shape`]); never less than `blank_after`.
    pub end_blank: Pt,
    /// What a mark hung past the measure loses before its glyph:
    /// `blank_before`, or more for a vertical mark set in its em's middle
    /// (the centred scheme's ，。、), whose ink then starts as near the
    /// measure as a compressed mark's comes to its neighbour, not a
    /// quarter em further into the gap beyond (a column rule there).
    pub hang_before: Pt,
    /// An ideograph or kana: counts as a character for the lone-character
    /// rule.
    pub ideographic: bool,
    /// ，。、 and friends may hang past the measure where the layout allows.
    pub may_hang: bool,
    /// Nonzero for a mark that hangs only in part: what its line's end
    /// cuts after its glyph when it hangs, up to half its em (an upright
    /// vertical ；：？！, whose ink runs most of the em down: hung whole,
    /// it would reach three quarters of an em past the measure). Its ink
    /// then reaches no further past than a hung horizontal mark's
    /// ([`crate::shape`]). More than `end_blank`.
    pub hang_end: Pt,
    /// Places inside the item where letter spacing may go (a Latin word of
    /// n characters has n − 1), the last resort for a line with no gaps.
    pub letter_slots: u16,
    pub gap: Gap,
}
