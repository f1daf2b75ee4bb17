//! What the line breaker sees: items with widths along the inline axis and
//! the glue after each. No glyphs, no x/y: the same items serve horizontal
//! and vertical lines.

use crate::units::Pt;

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
    /// Inside a unit that must not break (a style change within a word).
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
}

impl Gap {
    pub fn glued() -> Gap {
        Gap {
            natural: Pt::ZERO,
            stretch: Pt::ZERO,
            shrink: Pt::ZERO,
            kind: GapKind::Glued,
            breakable: false,
        }
    }
}

/// One unbreakable piece of a paragraph: a CJK character, a punctuation
/// mark, or a Latin word or number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Item {
    pub width: Pt,
    pub first: char,
    pub last: char,
    /// Blank space inside the item's advance that may be removed where the
    /// item ends a line (the empty half of a closing mark, 标点挤压).
    pub end_compress: Pt,
    /// Blank space before the glyph (the empty half of an opening mark).
    pub start_compress: Pt,
    /// An ideograph or kana: counts as a character for the lone-character
    /// rule.
    pub ideographic: bool,
    pub gap: Gap,
}
