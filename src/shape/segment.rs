//! Splitting a paragraph into items: CJK characters one by one, Latin words
//! whole (split only at UAX #14 opportunities and hyphenation points), the
//! right gap between neighbours (CLREQ §5), and the punctuation scheme with
//! pair compression (CLREQ §3).

use super::cache::{Scratch, Shaper};
use super::marks::{
    INK_CLEARANCE_EM, fallback_blanks, full_in_kaiming, hung_end, line_end_blank, may_hang,
};
use super::pairs::{compress_centred_pairs, compress_pairs, vertical_room};
use super::words::{HYPHEN_PENALTY, word_breaks};
use super::{Glyph, ItemInfo, Orient, ShapedPara};
use crate::model::Scheme;
use crate::model::item::INTER_CHAR_STRETCH_EM;
use crate::model::punct::{PunctClass, punct_class};
use crate::model::{Gap, GapKind, Item};
use crate::resolve::Para;

/// A mark's blanks: before and after its glyph, after it at a line's end
/// ([`Item::end_blank`]) and before it when hung ([`Item::hang_before`]);
/// and after it when it hangs in part ([`Item::hang_end`]).
type Blanks = (Pt, Pt, Pt, Pt, Pt);
use crate::script::{is_ideographic, is_wide_in};
use crate::units::{Em, Pt};

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Cjk,
    Latin,
}

pub(super) struct Builder {
    pub(super) items: Vec<Item>,
    pub(super) info: Vec<ItemInfo>,
    pub(super) glyphs: Vec<Glyph>,
    /// The last item's kind (CJK before the first).
    last_kind: Kind,
    size: Pt,
    /// How far a Han–Latin gap may stretch past its natural ¼ em.
    han_latin_stretch: Pt,
}

/// ASCII brackets take no Han–Latin gap inside or beside them: `[通“事”]`,
/// not `[ 通“事”]`.
fn ascii_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>')
}

impl Builder {
    /// Sets the gap after the last item, now that its successor is known.
    fn link(&mut self, next: Kind, next_first: char, space: bool) {
        let Some(prev) = self.items.last_mut() else {
            return;
        };
        let prev_kind = self.last_kind;
        let em = |k: f64| Em(k).at(self.size);
        let inter = em(INTER_CHAR_STRETCH_EM);
        let punct_side = punct_class(prev.last).is_some()
            || punct_class(next_first).is_some()
            || ascii_bracket(prev.last)
            || ascii_bracket(next_first);
        let gap = |natural: Pt, stretch: Pt, shrink: Pt, kind: GapKind| Gap {
            natural,
            stretch,
            shrink,
            kind,
            breakable: true,
            penalty: 0.0,
            hyphen: Pt::ZERO,
        };
        prev.gap = match (prev_kind, next) {
            (Kind::Cjk, Kind::Cjk) if space => gap(em(0.5), em(0.25), em(0.25), GapKind::WordSpace),
            (Kind::Cjk, Kind::Cjk) => gap(Pt::ZERO, inter, Pt::ZERO, GapKind::InterChar),
            // Word spaces: a quarter em (about a serif face's own space),
            // shrinking to a sixth and stretching to half an em before a
            // line counts as loose (CLREQ §4; Typst's limits are similar).
            (Kind::Latin, Kind::Latin) if space => {
                gap(em(0.25), em(0.25), em(1.0 / 12.0), GapKind::WordSpace)
            }
            (Kind::Latin, Kind::Latin) => Gap::glued(),
            // Han next to Latin: ¼ em, none beside full-width punctuation.
            _ if punct_side => gap(Pt::ZERO, inter, Pt::ZERO, GapKind::InterChar),
            // It may shrink to an eighth of an em when a line must take
            // one more character (JLREQ §3.8: 和欧間 down to 八分).
            _ => gap(
                em(0.25),
                self.han_latin_stretch,
                em(0.125),
                GapKind::CjkLatin,
            ),
        };
    }
}

/// What the writing mode changes in shaping, decided in one place.
#[derive(Clone, Copy)]
struct ModeRules {
    /// Latin words and numbers short enough stand upright on the grid
    /// (single characters, short words, numbers across one em).
    upright_short_words: bool,
    /// How the other Latin words stand in the line.
    latin_orient: Orient,
    /// Centred marks also move to the em's middle across the line (Taiwan
    /// and Hong Kong style). Horizontally, moving a mark off the baseline
    /// would also move it off the line for every text extractor, so that is
    /// left to fonts whose marks are drawn that way.
    centre_across: bool,
    /// ：；！？ the font says nothing about stand centred in their em (their
    /// upright vertical forms), not in its first half.
    pauses_centred: bool,
}

impl ModeRules {
    fn new(vertical: bool) -> ModeRules {
        ModeRules {
            upright_short_words: vertical,
            latin_orient: if vertical {
                Orient::Sideways
            } else {
                Orient::Upright
            },
            centre_across: vertical,
            pauses_centred: vertical,
        }
    }
}

/// One paragraph being shaped: its characters (with their run), the text
/// and items made so far.
struct ParaShaping<'p, 's, 'f> {
    shaper: &'s mut Shaper<'f>,
    para: &'p Para,
    /// All characters with their run index ([`Scratch::chars`]).
    chars: Vec<(char, usize)>,
    text: String,
    b: Builder,
    mode: ModeRules,
    pending_space: bool,
    /// The shaper's buffers, lent for this paragraph.
    scratch: Scratch,
}

/// Shapes a paragraph into items.
pub fn shape_para(shaper: &mut Shaper, para: &Para) -> ShapedPara {
    let vertical = shaper.is_vertical();
    let total: usize = para.runs.iter().map(|r| r.text.len()).sum();
    let mut scratch = std::mem::take(&mut shaper.scratch);
    let mut chars = std::mem::take(&mut scratch.chars);
    chars.clear();
    chars.extend(
        (para.runs.iter().enumerate()).flat_map(|(ri, r)| r.text.chars().map(move |c| (c, ri))),
    );
    let mut s = ParaShaping {
        shaper,
        para,
        chars,
        text: String::with_capacity(total),
        b: Builder {
            items: Vec::with_capacity(total / 3 + 1),
            info: Vec::with_capacity(total / 3 + 1),
            glyphs: Vec::with_capacity(total / 3 + 1),
            last_kind: Kind::Cjk,
            size: para.style.size,
            // Never narrower than the natural ¼ em.
            han_latin_stretch: Em((para.style.han_latin_max - 0.25).max(0.0)).at(para.style.size),
        },
        mode: ModeRules::new(vertical),
        pending_space: false,
        scratch,
    };
    let mut i = 0;
    while i < s.chars.len() {
        let c = s.chars[i].0;
        if c.is_whitespace() && c != '\u{3000}' || c.is_control() {
            s.pending_space = true;
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| s.chars[k].0);
        let next = s.chars.get(i + 1).map(|x| x.0);
        i = if is_wide_in(prev, c, next) {
            s.wide(i)
        } else {
            s.latin(i)
        };
        s.pending_space = false;
    }
    let mut b = s.b;
    match para.style.scheme {
        Scheme::Quanjiao | Scheme::Kaiming => {
            let size = vertical.then_some(para.style.size);
            vertical_room(&mut *s.shaper, &mut s.scratch.room, &b, size, false);
            compress_pairs(&mut b, &s.scratch.room)
        }
        Scheme::Centred => {
            // ？！ stand upright in vertical text, as tall as the em.
            let tall = &mut s.scratch.tall;
            tall.clear();
            tall.extend(
                b.info
                    .iter()
                    .map(|i| vertical && s.text[i.text.start as usize..].starts_with(['？', '！'])),
            );
            let size = vertical.then_some(para.style.size);
            vertical_room(&mut *s.shaper, &mut s.scratch.room, &b, size, true);
            compress_centred_pairs(&mut b, tall, &s.scratch.room);
        }
        Scheme::Banjiao => {}
    }
    let mut shaped = ShapedPara {
        style: para.style.clone(),
        vertical,
        loc: para.runs.first().map(|r| r.loc).unwrap_or_default(),
        text: s.text,
        items: b.items,
        info: b.info,
        glyphs: b.glyphs,
    };
    shaped.split_wide_items();
    s.scratch.chars = s.chars;
    s.shaper.scratch = s.scratch;
    shaped
}

impl ParaShaping<'_, '_, '_> {
    /// The font a run's CJK or Latin text asks for.
    fn style_font(&self, ri: usize, latin: bool) -> crate::model::FontId {
        let (st, strong) = (&self.para.style, self.para.runs[ri].strong);
        match (latin, strong) {
            (false, false) => st.font,
            (false, true) => st.strong_font,
            (true, false) => st.latin_font,
            (true, true) => st.strong_latin_font,
        }
    }

    /// A wide character (or ——) at `i`, on the grid; returns the next index.
    fn wide(&mut self, i: usize) -> usize {
        let (c, ri) = self.chars[i];
        let size = self.para.style.size;
        let start = self.text.len() as u32;
        let g0 = self.b.glyphs.len() as u32;
        self.b.link(Kind::Cjk, c, self.pending_space);
        let (font, missing) = self.shaper.font_for(self.style_font(ri, false), c);
        // 破折号: two em dashes are one unbroken rule two ems long, set with
        // the font's two-em dash centred in two ems, in both modes (its
        // vertical form in vertical text): two em dashes leave a gap. The
        // glyph extracts as the two dashes, the same read either way.
        let two_em = (c == '—' && self.chars.get(i + 1).is_some_and(|x| *x == ('—', ri)))
            .then(|| self.shaper.cjk_glyph(font, '\u{2E3A}', size))
            .filter(|g| g.id != 0 && !missing);
        let (g, width, consumed) = match two_em {
            Some(mut g) => {
                let width = size * 2.0;
                g.dx = (width - g.advance) / 2.0;
                (g, width, 2)
            }
            None => {
                let g = self.shaper.cjk_glyph(font, c, size);
                let width = if g.advance.0 > 0.0 { g.advance } else { size };
                (g, width, 1)
            }
        };
        // Only a full-width mark has blank halves to adjust.
        let punct = punct_class(c).filter(|_| width.0 >= size.0 * 0.9);
        let (g, width, (before, after, end, hang, half)) =
            self.scheme(font, c, punct, consumed, g, width);
        self.b.glyphs.push(g);
        for _ in 0..consumed {
            self.text.push(c);
        }
        self.b.items.push(Item {
            width,
            first: c,
            last: c,
            punct,
            blank_before: before,
            blank_after: after,
            end_blank: end,
            hang_before: hang,
            ideographic: is_ideographic(c),
            may_hang: half.0 > 0.0 || may_hang(c, before, after, width),
            hang_end: half,
            letter_slots: 0,
            gap: Gap::glued(),
        });
        self.b.last_kind = Kind::Cjk;
        self.b.info.push(ItemInfo {
            glyphs: g0..self.b.glyphs.len() as u32,
            text: start..self.text.len() as u32,
            dots: self.para.runs[ri].emphasis && is_ideographic(c),
            oblique: false,
            missing,
            hyphen: None,
            orient: Orient::Upright,
        });
        i + consumed
    }

    /// The punctuation scheme on one mark: its blanks (before, after,
    /// after at a line end, and before when hung), and its width and glyph
    /// offset once the scheme has removed or centred them.
    fn scheme(
        &mut self,
        font: crate::model::FontId,
        c: char,
        punct: Option<PunctClass>,
        consumed: usize,
        mut g: Glyph,
        mut width: Pt,
    ) -> (Glyph, Pt, Blanks) {
        let size = self.para.style.size;
        let Some(class) = punct else {
            return (g, width, (Pt::ZERO, Pt::ZERO, Pt::ZERO, Pt::ZERO, Pt::ZERO));
        };
        let halt = (consumed == 1)
            .then(|| self.shaper.halt_blanks(font, c, size))
            .flatten();
        let (mut before, mut after) = match consumed {
            1 => halt.unwrap_or_else(|| fallback_blanks(class, width, self.mode.pauses_centred)),
            _ => (Pt::ZERO, Pt::ZERO),
        };
        let remove = match self.para.style.scheme {
            Scheme::Quanjiao => false,
            Scheme::Kaiming => !full_in_kaiming(c),
            Scheme::Banjiao => true,
            Scheme::Centred => {
                // Centred across the em (and, where the mode says, to its
                // middle across the line too), with a quarter em either
                // side that compression (推入) may take: its ink stays
                // centred in whatever is left. Brackets and quotes keep
                // their blank half, as in the other schemes.
                if matches!(class, PunctClass::Stop | PunctClass::Pause) {
                    let (across, up) = self.shaper.centring(font, g.id, width, size);
                    if self.mode.centre_across {
                        // Vertical offsets run down and across.
                        g.dy += across;
                        g.dx -= up;
                    } else {
                        g.dx += across;
                    }
                    before = width / 4.0;
                    after = width / 4.0;
                }
                false
            }
        };
        let mut end = after;
        let mut hang = before;
        let mut half = Pt::ZERO;
        if self.mode.pauses_centred
            && (halt.is_none() || self.para.style.scheme == Scheme::Centred)
            && let Some(((b, a), below)) = self.ink_room(font, &g, width)
        {
            // Blanks the font's vhal did not give are a model: a tall mark
            // (？！；： upright, 0.7–0.8 em high) has less room than a
            // quarter em on one side or both, and cutting more ran its ink
            // into its neighbour's (measured: 0.18 em into the character
            // above a compressed ？ or ！ in Noto Serif SC).
            before = before.min(b);
            after = after.min(a);
            end = line_end_blank(class, after, below, width, size);
            // Hung, nothing follows it in the line: its ink may come as
            // near the measure as the clearance allows.
            let middle = self.para.style.scheme == Scheme::Centred
                && matches!(class, PunctClass::Stop | PunctClass::Pause);
            hang = if middle { hang.max(b) } else { before };
            half = hung_end(c, end, below, width, size);
        }
        if remove {
            width -= before + after;
            g.dx -= before;
            before = Pt::ZERO;
            after = Pt::ZERO;
            end = Pt::ZERO;
            hang = Pt::ZERO;
            half = Pt::ZERO;
        }
        (g, width, (before, after, end, hang, half))
    }

    /// In a vertical line, the blanks a mark's glyph `g` (shifted by the
    /// scheme) can lose before and after its ink comes within
    /// [`INK_CLEARANCE_EM`] of its em's edge; and the whole room below
    /// its ink.
    fn ink_room(
        &mut self,
        font: crate::model::FontId,
        g: &Glyph,
        width: Pt,
    ) -> Option<((Pt, Pt), Pt)> {
        let size = self.para.style.size;
        let (b, a) = self.shaper.ink_room_vertical(font, g.id, size)?;
        // A glyph moved to its em's middle (the centred scheme) has its
        // room shared out evenly.
        let (b, a) = if g.dx.0 != 0.0 {
            ((b + a) / 2.0, (b + a) / 2.0)
        } else {
            (b, a)
        };
        let keep = size * INK_CLEARANCE_EM;
        let room = |r: Pt| (r - keep).max(Pt::ZERO).min(width / 2.0);
        Some(((room(b), room(a)), a))
    }

    /// A Latin word from `i`: up to whitespace, a wide character, the end
    /// of the run, or a change of font. Returns the next index.
    fn latin(&mut self, i: usize) -> usize {
        let (c, ri) = self.chars[i];
        let latin_font = self.style_font(ri, true);
        let (font, _) = self.shaper.font_for(latin_font, c);
        let start = self.text.len();
        let mut j = i;
        let mut missing = false;
        while j < self.chars.len() {
            let (cj, rj) = self.chars[j];
            if rj != ri || cj.is_whitespace() || cj.is_control() {
                break;
            }
            let pj = j.checked_sub(1).map(|k| self.chars[k].0);
            let nj = self.chars.get(j + 1).map(|x| x.0);
            if is_wide_in(pj, cj, nj) {
                break;
            }
            let (fj, mj) = self.shaper.font_for(latin_font, cj);
            if fj != font {
                break;
            }
            missing |= mj;
            self.text.push(cj);
            j += 1;
        }
        let mut word = std::mem::take(&mut self.scratch.word);
        word.clear();
        word.push_str(&self.text[start..]);
        let n = word.chars().count();
        let digits = word.bytes().all(|b| b.is_ascii_digit());
        let st = &self.para.style;
        let upright = !digits && n <= st.upright_max as usize;
        let short = n == 1 || digits && n <= st.tate_chu_yoko as usize || upright;
        if self.mode.upright_short_words && short {
            self.upright_word(font, &word, start as u32, digits, missing);
        } else {
            self.b.link(Kind::Latin, c, self.pending_space);
            self.word(font, &word, start as u32, ri, missing);
        }
        self.scratch.word = word;
        j
    }

    /// Upright in a vertical line: single characters and short words
    /// letter by letter, a short number across one em; all sit on the grid
    /// like Han.
    fn upright_word(
        &mut self,
        font: crate::model::FontId,
        word: &str,
        start: u32,
        digits: bool,
        missing: bool,
    ) {
        let size = self.para.style.size;
        let first = word.chars().next().unwrap_or(' ');
        self.b.link(Kind::Cjk, first, self.pending_space);
        let g0 = self.b.glyphs.len() as u32;
        if digits && word.len() > 1 {
            let mut gs = Vec::new();
            self.shaper.digits_across(font, word, size, &mut gs);
            self.b.glyphs.extend(gs);
            let last = word.chars().last().unwrap_or(first);
            let text = start..self.text.len() as u32;
            push_upright(
                &mut self.b,
                first,
                last,
                size,
                g0,
                text,
                missing,
                Orient::Combined,
            );
            return;
        }
        let mut at = start;
        for (k, ch) in word.chars().enumerate() {
            if k > 0 {
                self.b.link(Kind::Cjk, ch, false);
            }
            let gk = self.b.glyphs.len() as u32;
            self.b.glyphs.push(self.shaper.cjk_glyph(font, ch, size));
            let end = at + ch.len_utf8() as u32;
            push_upright(
                &mut self.b,
                ch,
                ch,
                size,
                gk,
                at..end,
                missing,
                Orient::Upright,
            );
            at = end;
        }
    }

    /// A Latin word along the line: one item per fragment between its
    /// break points, hyphenated ones carrying the hyphen to draw.
    fn word(
        &mut self,
        font: crate::model::FontId,
        word: &str,
        start: u32,
        ri: usize,
        missing: bool,
    ) {
        let size = self.para.style.size;
        let mut glyphs = std::mem::take(&mut self.scratch.word_glyphs);
        glyphs.clear();
        self.shaper.word(font, word, size, &mut glyphs);
        // Break only between glyph clusters: a point inside a ligature
        // (ef|fective under an ff glyph) would print the whole ligature
        // before the hyphen.
        let mut breaks = word_breaks(word);
        breaks.retain(|&(at, _)| glyphs.iter().any(|g| g.cluster as usize == at));
        let hyphen_glyph = if breaks.iter().any(|p| p.1) {
            let mut h = Vec::with_capacity(1);
            self.shaper.word(font, "-", size, &mut h);
            h.first().copied()
        } else {
            None
        };
        let mut bounds: Vec<(usize, bool)> = breaks;
        bounds.push((word.len(), false));
        let (mut from, mut gi) = (0usize, 0usize);
        let b = &mut self.b;
        for (k, &(to, _)) in bounds.iter().enumerate() {
            if k > 0 && bounds[k - 1].1 {
                // A hyphenation point between the previous fragment and
                // this one.
                let last = b.items.last_mut().expect("a fragment was pushed");
                last.gap = Gap {
                    breakable: true,
                    penalty: HYPHEN_PENALTY,
                    hyphen: hyphen_glyph.map_or(Pt::ZERO, |h| h.advance),
                    ..Gap::glued()
                };
                b.info.last_mut().expect("a fragment was pushed").hyphen = hyphen_glyph;
            } else if k > 0 {
                // A UAX #14 opportunity inside the word.
                let last = b.items.last_mut().expect("a fragment was pushed");
                last.gap = Gap {
                    breakable: true,
                    ..Gap::glued()
                };
            }
            let fg0 = b.glyphs.len() as u32;
            let mut width = Pt::ZERO;
            while gi < glyphs.len() && (glyphs[gi].cluster as usize) < to {
                let mut g = glyphs[gi];
                g.cluster -= from as u32;
                width += g.advance;
                b.glyphs.push(g);
                gi += 1;
            }
            let frag = &word[from..to];
            b.items.push(Item {
                width,
                first: frag.chars().next().unwrap_or(' '),
                last: frag.chars().last().unwrap_or(' '),
                punct: None,
                blank_before: Pt::ZERO,
                blank_after: Pt::ZERO,
                end_blank: Pt::ZERO,
                hang_before: Pt::ZERO,
                ideographic: false,
                may_hang: false,
                hang_end: Pt::ZERO,
                letter_slots: frag.chars().count().saturating_sub(1) as u16,
                gap: Gap::glued(),
            });
            b.last_kind = Kind::Latin;
            b.info.push(ItemInfo {
                glyphs: fg0..b.glyphs.len() as u32,
                text: start + from as u32..start + to as u32,
                dots: false,
                oblique: self.para.runs[ri].emphasis,
                missing,
                hyphen: None,
                orient: self.mode.latin_orient,
            });
            from = to;
        }
        self.scratch.word_glyphs = glyphs;
    }
}

/// An upright item of one em in vertical text.
#[allow(clippy::too_many_arguments)]
fn push_upright(
    b: &mut Builder,
    first: char,
    last: char,
    size: Pt,
    g0: u32,
    text: std::ops::Range<u32>,
    missing: bool,
    orient: Orient,
) {
    b.items.push(Item {
        width: size,
        first,
        last,
        punct: None,
        blank_before: Pt::ZERO,
        blank_after: Pt::ZERO,
        end_blank: Pt::ZERO,
        hang_before: Pt::ZERO,
        ideographic: false,
        may_hang: false,
        hang_end: Pt::ZERO,
        letter_slots: 0,
        gap: Gap::glued(),
    });
    b.last_kind = Kind::Cjk;
    b.info.push(ItemInfo {
        glyphs: g0..b.glyphs.len() as u32,
        text,
        dots: false,
        oblique: false,
        missing,
        hyphen: None,
        orient,
    });
}
