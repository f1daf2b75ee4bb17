//! The shaper: rustybuzz faces for every loaded font and caches of shaped
//! characters and words.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;
use rustybuzz::{Direction, Face, Feature, UnicodeBuffer};

use super::Glyph;
use crate::error::Warning;
use crate::model::FontId;
use crate::model::{Lang, LangFamily};
use crate::resolve::{Doc, FontBook, Para};
use crate::units::Pt;

/// How far (in ems, either way) a mark's ink may sit from the middle of its
/// em box and still count as drawn centred by its face.
const CENTRED_ALREADY: f64 = 0.12;

/// For (style font, character) pairs the style font lacks: the font that
/// has it, or `None` when no font does.
#[derive(Debug, Default, Clone)]
pub struct Fallbacks {
    /// Looked up for every character shaped: a fast hash.
    map: FxHashMap<(FontId, char), Option<FontId>>,
}

impl Fallbacks {
    /// Adds another document's fallbacks (a book shapes all its chapters
    /// with one shaper, so that each character is shaped once).
    pub fn merge(&mut self, other: Fallbacks) {
        self.map.extend(other.map);
    }

    /// Every entry, in order (what a cache key hashes).
    pub fn sorted(&self) -> Vec<((FontId, char), Option<FontId>)> {
        let mut all: Vec<_> = self.map.iter().map(|(k, v)| (*k, *v)).collect();
        all.sort_by_key(|(k, _)| (k.0.0, k.1));
        all
    }
}

pub fn find_fallbacks<'a>(
    paras: impl Iterator<Item = &'a Para>,
    book: &mut FontBook,
    doc: &Doc,
    covered: &mut Covered,
    warnings: &mut Vec<Warning>,
) -> Fallbacks {
    let missing = missing_chars(paras, book, covered);
    fallbacks_for(missing, book, doc, warnings)
}

/// The (style font, character) pairs of `paras` whose font lacks the
/// character, each with its first place. Reads the faces only, so that a
/// book's installments can be looked at in parallel.
pub type Missing = BTreeMap<(FontId, char), crate::source::Loc>;

/// [`Missing`] of `paras`, `covered` remembering the pairs found present.
pub fn missing_chars<'a>(
    paras: impl Iterator<Item = &'a Para>,
    book: &FontBook,
    covered: &mut Covered,
) -> Missing {
    let mut missing = Missing::new();
    {
        let mut seen = SeenChars::default();
        for p in paras {
            for r in &p.runs {
                let font = if r.strong {
                    p.style.strong_font
                } else {
                    p.style.font
                };
                for (k, c) in r.text.chars().enumerate() {
                    if c.is_whitespace() || c.is_control() || !seen.insert(font, c) {
                        continue;
                    }
                    let has = covered.0.contains(font, c)
                        || (book.font(font).face().glyph_index(c).is_some()
                            && covered.0.insert(font, c));
                    if !has {
                        // A run is one text event on one source line: the
                        // column is the run's plus the character's index.
                        let loc = crate::source::Loc {
                            line: r.loc.line,
                            col: r.loc.col + k as u32,
                        };
                        missing.insert((font, c), loc);
                    }
                }
            }
        }
    }
    missing
}

/// A font found (and loaded into `book`) for each pair of `missing`, in
/// their order; a warning, placed in `doc`, for each character no font
/// has.
pub fn fallbacks_for(
    missing: Missing,
    book: &mut FontBook,
    doc: &Doc,
    warnings: &mut Vec<Warning>,
) -> Fallbacks {
    let mut fb = Fallbacks::default();
    let mut warned = BTreeSet::new();
    for ((font, c), loc) in missing {
        let found = book.fallback(c);
        if found.is_none() && warned.insert(c) {
            warnings.push(Warning {
                location: Some(doc.located(loc)),
                message: format!(
                    "no font has the character '{c}' (U+{:04X}); it prints as an empty box but stays in the text layer",
                    c as u32
                ),
            });
        }
        fb.map.insert((font, c), found);
    }
    fb
}

/// The (font, character) pairs found to have a glyph, kept across the
/// documents of a run (or of one thread's share of them): a book's
/// installments share most of their characters, and a cmap lookup for
/// each of them in every installment was most of the run's serial start.
#[derive(Default)]
pub struct Covered(SeenChars);

/// The (font, character) pairs `find_fallbacks` has looked at: a bit per
/// BMP character for each font, a set for the rest. A set insert for every
/// character of the text was the function's whole cost; Han text repeats
/// its few thousand characters, so almost every lookup is a bit test.
#[derive(Default)]
struct SeenChars {
    bmp: Vec<(FontId, Vec<u64>)>,
    astral: BTreeSet<(FontId, char)>,
}

impl SeenChars {
    /// Has (font, c) been offered?
    fn contains(&self, font: FontId, c: char) -> bool {
        let u = c as u32;
        if u > 0xFFFF {
            return self.astral.contains(&(font, c));
        }
        self.bmp
            .iter()
            .find(|(f, _)| *f == font)
            .is_some_and(|(_, bits)| bits[(u / 64) as usize] & (1u64 << (u % 64)) != 0)
    }

    /// True the first time (font, c) is offered.
    fn insert(&mut self, font: FontId, c: char) -> bool {
        let u = c as u32;
        if u > 0xFFFF {
            return self.astral.insert((font, c));
        }
        let k = match self.bmp.iter().position(|(f, _)| *f == font) {
            Some(k) => k,
            None => {
                self.bmp.push((font, vec![0; 0x10000 / 64]));
                self.bmp.len() - 1
            }
        };
        let (word, bit) = ((u / 64) as usize, 1u64 << (u % 64));
        let bits = &mut self.bmp[k].1;
        let fresh = bits[word] & bit == 0;
        bits[word] |= bit;
        fresh
    }
}

/// A shaped glyph in font units, before scaling to a size.
#[derive(Debug, Clone, Copy)]
struct RawGlyph {
    id: u16,
    cluster: u32,
    advance: i32,
    dx: i32,
    dy: i32,
}

/// Shapes text with rustybuzz, caching every distinct character and word.
/// The faces are the book's, parsed when each font was loaded.
pub struct Shaper<'f> {
    book: &'f FontBook,
    fallbacks: Fallbacks,
    language: rustybuzz::Language,
    family: LangFamily,
    /// Looked up for every character: a fast hash (the keys are ours).
    chars: FxHashMap<(FontId, char), RawGlyph>,
    /// By font, then by word: looked up by `&str`, without a key to
    /// allocate.
    words: HashMap<FontId, HashMap<Box<str>, Box<[RawGlyph]>>>,
    /// The same for numbers set across a vertical line, in half-width
    /// forms.
    across: HashMap<FontId, HashMap<Box<str>, Box<[RawGlyph]>>>,
    /// Blank before and after the glyph of a full-width mark, in font units.
    blanks: FxHashMap<(FontId, char), (i32, i32)>,
    /// Vertical text: CJK characters are shaped top to bottom (the font's
    /// `vert`/`vrt2` forms, vertical advances) and blanks come from `vhal`.
    vertical: bool,
    /// Each glyph's ink box in font units (`None` without ink), for
    /// [`Shaper::centring`] and [`Shaper::ink_room_vertical`]: a CFF
    /// glyph's box is found by running its charstring, once.
    ink: FxHashMap<(FontId, u16), Option<ttf_parser::Rect>>,
    /// The shape plans of CJK text, by font and features: making a plan
    /// is most of the cost of shaping one character.
    plans: Vec<((FontId, CjkFeature), rustybuzz::ShapePlan)>,
    /// The shape plans of Latin words and numbers, by font and what
    /// `rustybuzz::shape` makes a plan from (a book's text sets thousands
    /// of distinct numbers, each a plan made anew there).
    word_plans: Vec<(WordPlanKey, rustybuzz::ShapePlan)>,
    /// Buffers shaping a paragraph reuses.
    pub(super) scratch: Scratch,
}

/// A Latin word's shape plan: font, direction, script, language.
type WordPlanKey = (
    FontId,
    Direction,
    Option<rustybuzz::Script>,
    Option<rustybuzz::Language>,
    bool,
);

/// Buffers a paragraph's shaping (segment.rs) needs only while it runs,
/// kept by the shaper from paragraph to paragraph: shaping a paragraph
/// allocates what it returns and, once warm, nothing else.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The paragraph's characters with their run index, so that context
    /// (an apostrophe between letters) can look across run boundaries.
    pub(super) chars: Vec<(char, usize)>,
    /// The Latin word being set.
    pub(super) word: String,
    pub(super) word_glyphs: Vec<Glyph>,
    /// Per item: a ？ or ！ standing upright (centred scheme).
    pub(super) tall: Vec<bool>,
    /// Room above each vertical bracket's ink ([`super::pairs::compress_pairs`]).
    pub(super) room: Vec<Pt>,
}

/// The one feature a CJK character is shaped with, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CjkFeature {
    None,
    /// Full-width forms of curly quotes, dashes and the middle dot.
    Fwid,
    /// `halt` (horizontal) or `vhal` (vertical): alternate half widths.
    HalfWidth,
}

impl<'f> Shaper<'f> {
    pub fn new(book: &'f FontBook, lang: &Lang, fallbacks: Fallbacks) -> Shaper<'f> {
        let tag = match lang.family {
            LangFamily::ZhHans => "zh-Hans",
            LangFamily::ZhHant => "zh-Hant",
            LangFamily::Ja => "ja",
            LangFamily::En => "en",
        };
        Shaper {
            book,
            fallbacks,
            // A fixed, valid tag: parsing cannot fail.
            language: tag.parse().expect("valid language tag"),
            family: lang.family,
            chars: FxHashMap::default(),
            words: HashMap::new(),
            across: HashMap::new(),
            blanks: FxHashMap::default(),
            vertical: false,
            ink: FxHashMap::default(),
            plans: Vec::new(),
            word_plans: Vec::new(),
            scratch: Default::default(),
        }
    }

    /// A shaper for vertical text.
    pub fn vertical(mut self, vertical: bool) -> Self {
        self.vertical = vertical;
        self
    }

    pub fn is_vertical(&self) -> bool {
        self.vertical
    }

    /// Distinct words shaped so far (for tests of the cache).
    pub fn cached_words(&self) -> usize {
        self.words.values().map(HashMap::len).sum()
    }

    fn face(&self, font: FontId) -> &'f Face<'f> {
        self.book.font(font).shaping_face()
    }

    pub fn units_per_em(&self, font: FontId) -> f64 {
        self.book.font(font).units_per_em as f64
    }

    /// The font that sets `c` in a run styled with `font`.
    pub fn font_for(&self, font: FontId, c: char) -> (FontId, bool) {
        match self.fallbacks.map.get(&(font, c)) {
            None => (font, false),
            Some(Some(f)) => (*f, false),
            Some(None) => (font, true),
        }
    }

    fn buffer(&self, text: &str, cjk: bool) -> UnicodeBuffer {
        let mut buf = UnicodeBuffer::new();
        buf.push_str(text);
        buf.set_direction(if cjk && self.vertical {
            Direction::TopToBottom
        } else {
            Direction::LeftToRight
        });
        if cjk {
            buf.set_language(self.language.clone());
            buf.set_script(rustybuzz::script::HAN);
        } else {
            buf.guess_segment_properties();
        }
        buf
    }

    /// One CJK character (ideograph, kana or full-width mark) as a glyph,
    /// shaped with the language so that `locl` picks regional forms. Curly
    /// quotes in CJK text take their full-width forms (`fwid`).
    pub fn cjk_glyph(&mut self, font: FontId, c: char, size: Pt) -> Glyph {
        let raw = match self.chars.get(&(font, c)) {
            Some(g) => *g,
            None => {
                let g = self.shape_char(font, c);
                self.chars.insert((font, c), g);
                g
            }
        };
        self.scale(font, raw, size)
    }

    /// The blank space before and after a full-width mark's glyph, from the
    /// font's `halt` feature (alternate half widths) where it has one:
    /// `halt` moves an opening mark left by its blank and halves the
    /// advance. Without it, `None`: the caller uses the mark's class.
    pub fn halt_blanks(&mut self, font: FontId, c: char, size: Pt) -> Option<(Pt, Pt)> {
        let key = (font, c);
        let (before, after) = match self.blanks.get(&key) {
            Some(b) => *b,
            None => {
                let b = self.shape_halt(font, c);
                self.blanks.insert(key, b);
                b
            }
        };
        if before == 0 && after == 0 {
            return None;
        }
        let k = size.0 / self.units_per_em(font);
        Some((Pt(before as f64 * k), Pt(after as f64 * k)))
    }

    fn shape_halt(&mut self, font: FontId, c: char) -> (i32, i32) {
        let full = self.shape_char(font, c);
        let mut tmp = [0u8; 4];
        let s = c.encode_utf8(&mut tmp);
        let out = self.shape_cjk(font, CjkFeature::HalfWidth, s);
        let Some(p) = out.glyph_positions().first() else {
            return (0, 0);
        };
        if self.vertical {
            // vhal shortens the vertical advance and moves a mark whose
            // glyph sits low in the em (an opening bracket) up by its blank.
            let saved = full.advance + p.y_advance;
            if saved <= 0 {
                return (0, 0);
            }
            let plain = self.shape_cjk(font, CjkFeature::None, s);
            let y0 = plain.glyph_positions().first().map_or(0, |q| q.y_offset);
            let before = (p.y_offset - y0).clamp(0, saved);
            return (before, saved - before);
        }
        let saved = full.advance - p.x_advance;
        if saved <= 0 {
            return (0, 0);
        }
        let before = (full.dx - p.x_offset).clamp(0, saved);
        (before, saved - before)
    }

    /// In a vertical line, the room between a glyph's ink and the top and
    /// foot of its em (before, after), in points: its vertical origin
    /// (VORG, as the PDF places it) is the em's top.
    pub fn ink_room_vertical(&mut self, font: FontId, glyph: u16, size: Pt) -> Option<(Pt, Pt)> {
        let bb = self.ink_box(font, glyph)?;
        let f = self.book.font(font);
        let id = ttf_parser::GlyphId(glyph);
        let top = f64::from(f.face().glyph_y_origin(id).unwrap_or(f.ascender));
        let k = size.0 / f.units_per_em as f64;
        let before = (top - f64::from(bb.y_max)) * k;
        let after = size.0 - (top - f64::from(bb.y_min)) * k;
        Some((Pt(before), Pt(after)))
    }

    /// A glyph's ink box in font units, found once per font and glyph
    /// (a vertical book asks it for every mark it sets).
    fn ink_box(&mut self, font: FontId, glyph: u16) -> Option<ttf_parser::Rect> {
        let book = self.book;
        *(self.ink.entry((font, glyph))).or_insert_with(|| {
            book.font(font)
                .face()
                .glyph_bounding_box(ttf_parser::GlyphId(glyph))
        })
    }

    /// The horizontal and vertical shift that centres a glyph's ink in its
    /// em box (the centred punctuation scheme), in points.
    pub fn centring(&mut self, font: FontId, glyph: u16, advance: Pt, size: Pt) -> (Pt, Pt) {
        let ink = self.ink_box(font, glyph).map(|bb| {
            (
                bb.x_min as i32 + bb.x_max as i32,
                bb.y_min as i32 + bb.y_max as i32,
            )
        });
        let Some((sum_x, sum_y)) = ink else {
            return (Pt::ZERO, Pt::ZERO);
        };
        let f = self.book.font(font);
        let k = size.0 / f.units_per_em as f64;
        // Sums of two i16s are exact in f64, as the sum of their f64s was.
        let ink_x = sum_x as f64 / 2.0 * k;
        let ink_y = sum_y as f64 / 2.0 * k;
        // The ideographic em box spans -0.12 em to 0.88 em.
        let (across, up) = (advance.0 / 2.0 - ink_x, size.0 * 0.38 - ink_y);
        // A face that draws its marks centred (the TC faces, or a `locl`
        // form) is left as drawn: its ink is off the middle by design
        // (a comma's tail), and a shifted glyph overlaps its neighbour for
        // text extractors, which then break the line and add spaces.
        if across.abs().max(up.abs()) < size.0 * CENTRED_ALREADY {
            return (Pt::ZERO, Pt::ZERO);
        }
        (Pt(across), Pt(up))
    }

    fn shape_char(&mut self, font: FontId, c: char) -> RawGlyph {
        let mut tmp = [0u8; 4];
        let s = c.encode_utf8(&mut tmp);
        let fwid =
            matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·') && self.family != LangFamily::En;
        let feature = if fwid {
            CjkFeature::Fwid
        } else {
            CjkFeature::None
        };
        let out = self.shape_cjk(font, feature, s);
        let info = out.glyph_infos();
        let pos = out.glyph_positions();
        match (info.first(), pos.first()) {
            // Vertical: the advance runs down the column; the glyph is placed
            // by its vertical origin (the PDF's W2 metrics), so the shaper's
            // offsets, which move the horizontal origin there, are not used.
            (Some(i), Some(_)) if self.vertical => RawGlyph {
                id: i.glyph_id as u16,
                cluster: 0,
                advance: -pos.iter().map(|p| p.y_advance).sum::<i32>(),
                dx: 0,
                dy: 0,
            },
            (Some(i), Some(p)) => RawGlyph {
                id: i.glyph_id as u16,
                cluster: 0,
                advance: pos.iter().map(|p| p.x_advance).sum(),
                dx: p.x_offset,
                dy: p.y_offset,
            },
            _ => RawGlyph {
                id: 0,
                cluster: 0,
                advance: 0,
                dx: 0,
                dy: 0,
            },
        }
    }

    /// CJK text shaped as [`Shaper::buffer`] sets it up, with one feature
    /// or none, by a plan made once per font and feature: the same glyphs
    /// as `rustybuzz::shape`, which makes the same plan for every call.
    fn shape_cjk(&mut self, font: FontId, feature: CjkFeature, s: &str) -> rustybuzz::GlyphBuffer {
        let face = self.face(font);
        let buf = self.buffer(s, true);
        let key = (font, feature);
        let k = match self.plans.iter().position(|(k, _)| *k == key) {
            Some(k) => k,
            None => {
                let tag: Option<&[u8; 4]> = match feature {
                    CjkFeature::None => None,
                    CjkFeature::Fwid => Some(b"fwid"),
                    CjkFeature::HalfWidth if self.vertical => Some(b"vhal"),
                    CjkFeature::HalfWidth => Some(b"halt"),
                };
                let features: Vec<Feature> = (tag.into_iter())
                    .map(|t| Feature::new(ttf_parser::Tag::from_bytes(t), 1, ..))
                    .collect();
                // As rustybuzz::shape makes it from the buffer.
                let plan = rustybuzz::ShapePlan::new(
                    face,
                    buf.direction(),
                    Some(buf.script()),
                    buf.language().as_ref(),
                    &features,
                );
                self.plans.push((key, plan));
                self.plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(face, &self.plans[k].1, buf)
    }

    /// A Latin word or number, shaped whole (kerning, ligatures), appended to
    /// `out`; returns the word's advance.
    pub fn word(&mut self, font: FontId, text: &str, size: Pt, out: &mut Vec<Glyph>) -> Pt {
        self.cached_word(font, text, size, false, out)
    }

    /// A number set across a vertical line (tate-chu-yoko), in the font's
    /// half-width digits (`hwid`) where it has them: the CJK faces draw
    /// those to stand two to the em, so two digits fill it at the body
    /// size, unsqueezed, as a reader's text layer then sizes them too.
    pub fn digits_across(
        &mut self,
        font: FontId,
        text: &str,
        size: Pt,
        out: &mut Vec<Glyph>,
    ) -> Pt {
        self.cached_word(font, text, size, true, out)
    }

    fn cached_word(
        &mut self,
        font: FontId,
        text: &str,
        size: Pt,
        half: bool,
        out: &mut Vec<Glyph>,
    ) -> Pt {
        let cache = if half { &self.across } else { &self.words };
        if !cache.get(&font).is_some_and(|w| w.contains_key(text)) {
            let shaped = self.shape_word(font, text, half);
            let cache = if half {
                &mut self.across
            } else {
                &mut self.words
            };
            cache.entry(font).or_default().insert(text.into(), shaped);
        }
        let cache = if half { &self.across } else { &self.words };
        let upem = self.units_per_em(font);
        let scale = size.0 / upem;
        let mut total = Pt::ZERO;
        // Inserted just above.
        for g in cache[&font][text].iter() {
            let glyph = Glyph {
                font,
                id: g.id,
                cluster: g.cluster,
                advance: Pt(g.advance as f64 * scale),
                dx: Pt(g.dx as f64 * scale),
                dy: Pt(g.dy as f64 * scale),
            };
            total += glyph.advance;
            out.push(glyph);
        }
        total
    }

    fn shape_word(&mut self, font: FontId, text: &str, half: bool) -> Box<[RawGlyph]> {
        let face = self.face(font);
        let buf = self.buffer(text, false);
        // What rustybuzz::shape makes its plan from: the buffer's guessed
        // direction and script (none when no character has a script of
        // its own: the accessor's UNKNOWN, which guessing never sets) and
        // its language; and the features: half-width digits for a number
        // set across a vertical line (a face without hwid ignores it: its
        // proportional digits), else none.
        let script = Some(buf.script()).filter(|&s| s != rustybuzz::script::UNKNOWN);
        let key = (font, buf.direction(), script, buf.language(), half);
        let k = match self.word_plans.iter().position(|(k, _)| *k == key) {
            Some(k) => k,
            None => {
                let hwid = [Feature::new(ttf_parser::Tag::from_bytes(b"hwid"), 1, ..)];
                let features: &[Feature] = if half { &hwid } else { &[] };
                let plan = rustybuzz::ShapePlan::new(face, key.1, key.2, key.3.as_ref(), features);
                self.word_plans.push((key, plan));
                self.word_plans.len() - 1
            }
        };
        let out = rustybuzz::shape_with_plan(face, &self.word_plans[k].1, buf);
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(i, p)| RawGlyph {
                id: i.glyph_id as u16,
                cluster: i.cluster,
                advance: p.x_advance,
                dx: p.x_offset,
                dy: p.y_offset,
            })
            .collect()
    }

    fn scale(&self, font: FontId, g: RawGlyph, size: Pt) -> Glyph {
        let k = size.0 / self.units_per_em(font);
        Glyph {
            font,
            id: g.id,
            cluster: g.cluster,
            advance: Pt(g.advance as f64 * k),
            dx: Pt(g.dx as f64 * k),
            dy: Pt(g.dy as f64 * k),
        }
    }
}

#[cfg(test)]
mod seen_tests {
    use super::*;

    #[test]
    fn seen_chars_reports_each_font_and_character_once() {
        let mut seen = SeenChars::default();
        for c in ['字', 'A', '\u{FFFF}', '𠀀'] {
            assert!(seen.insert(FontId(0), c), "{c} is new for font 0");
            assert!(!seen.insert(FontId(0), c), "{c} was seen for font 0");
            assert!(seen.insert(FontId(3), c), "{c} is new for font 3");
        }
        // Neighbouring bits stay apart.
        assert!(seen.insert(FontId(0), 'B'));
        assert!(seen.insert(FontId(0), '𠀁'));
    }
}
