//! Splitting a paragraph into items: CJK characters one by one, Latin words
//! whole (split only at UAX #14 opportunities and hyphenation points), the
//! right gap between neighbours (CLREQ §5), and the punctuation scheme with
//! pair compression (CLREQ §3).

use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use super::cache::Shaper;
use super::{Glyph, ItemInfo, Orient, ShapedPara};
use crate::linebreak::classes::{PunctClass, punct_class};
use crate::linebreak::{Gap, GapKind, Item};
use crate::resolve::{Para, Scheme};
use crate::script::{is_ideographic, is_wide_in};
use crate::units::{Em, Pt};

/// Cost of breaking at a hyphenation point (TeX's \hyphenpenalty is 50).
const HYPHEN_PENALTY: f64 = 50.0;
/// Shortest word that is hyphenated, and the least letters kept on each side.
const MIN_HYPHENATED_WORD: usize = 6;

/// The embedded US English patterns, loaded once per process.
fn hyphenator() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Cjk,
    Latin,
}

struct Builder {
    items: Vec<Item>,
    info: Vec<ItemInfo>,
    glyphs: Vec<Glyph>,
    kinds: Vec<Kind>,
    size: Pt,
}

impl Builder {
    /// Sets the gap after the last item, now that its successor is known.
    fn link(&mut self, next: Kind, next_first: char, space: bool) {
        let Some(prev) = self.items.last_mut() else {
            return;
        };
        let prev_kind = *self.kinds.last().unwrap_or(&Kind::Cjk);
        let em = |k: f64| Em(k).at(self.size);
        let punct_side = punct_class(prev.last).is_some() || punct_class(next_first).is_some();
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
            (Kind::Cjk, Kind::Cjk) => gap(Pt::ZERO, em(0.25), Pt::ZERO, GapKind::InterChar),
            // Word spaces shrink to ¼ em and stretch to ½ em (CLREQ §4).
            (Kind::Latin, Kind::Latin) if space => gap(
                em(1.0 / 3.0),
                em(1.0 / 6.0),
                em(1.0 / 12.0),
                GapKind::WordSpace,
            ),
            (Kind::Latin, Kind::Latin) => Gap::glued(),
            // Han next to Latin: ¼ em, none beside full-width punctuation.
            _ if punct_side => gap(Pt::ZERO, em(0.25), Pt::ZERO, GapKind::InterChar),
            _ => gap(em(0.25), em(0.25), Pt::ZERO, GapKind::CjkLatin),
        };
    }
}

/// The blanks of a full-width mark by its class, where the font has no
/// `halt` to say: the glyph sits in one half of the em (mainland style).
fn class_blanks(class: PunctClass, width: Pt) -> (Pt, Pt) {
    let half = width / 2.0;
    match class {
        PunctClass::Opening => (half, Pt::ZERO),
        PunctClass::Closing | PunctClass::Stop | PunctClass::Pause => (Pt::ZERO, half),
        PunctClass::Middle => (half / 2.0, half / 2.0),
        PunctClass::Inseparable => (Pt::ZERO, Pt::ZERO),
    }
}

/// Marks that stay full width under 开明 (sentence-ending stops).
fn full_in_kaiming(c: char) -> bool {
    matches!(c, '。' | '．' | '？' | '！')
}

/// Removes an item's blank before its glyph (the glyph moves back).
fn cut_before(b: &mut Builder, k: usize) {
    let cut = b.items[k].blank_before;
    if cut.0 > 0.0 {
        b.items[k].width -= cut;
        b.items[k].blank_before = Pt::ZERO;
        let g = b.info[k].glyphs.start as usize;
        b.glyphs[g].dx -= cut;
    }
}

fn cut_after(b: &mut Builder, k: usize) {
    let cut = b.items[k].blank_after;
    b.items[k].width -= cut;
    b.items[k].blank_after = Pt::ZERO;
}

/// A word that must not be split: a URL, an e-mail address, or anything
/// with digits (numbers, dates, times, versions).
fn keep_whole(word: &str) -> bool {
    word.contains("://")
        || word.starts_with("www.")
        || word.contains('@')
        || word.chars().any(|c| c.is_ascii_digit())
}

/// Break points inside a Latin word, as (byte offset, hyphenated?).
fn word_breaks(word: &str) -> Vec<(usize, bool)> {
    if keep_whole(word) {
        return Vec::new();
    }
    let mut points: Vec<(usize, bool)> = unicode_linebreak::linebreaks(word)
        .map(|(i, _)| i)
        .filter(|&i| i > 0 && i < word.len())
        .map(|i| (i, false))
        .collect();
    // Hyphenate each run of letters long enough to be worth it.
    if let Some(dict) = hyphenator() {
        let bytes = word.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let run = &word[start..i];
            if run.len() >= MIN_HYPHENATED_WORD {
                let lower = run.to_ascii_lowercase();
                for p in dict.hyphenate(&lower).breaks {
                    if p >= 2 && run.len() - p >= 3 {
                        points.push((start + p, true));
                    }
                }
            }
        }
    }
    points.sort_by_key(|p| p.0);
    points.dedup_by_key(|p| p.0);
    points
}

/// Shapes a paragraph into items.
pub fn shape_para(shaper: &mut Shaper, para: &Para) -> ShapedPara {
    let size = para.style.size;
    let scheme = para.style.scheme;
    let vertical = shaper.is_vertical();
    let total: usize = para.runs.iter().map(|r| r.text.len()).sum();
    let mut text = String::with_capacity(total);
    let mut b = Builder {
        items: Vec::with_capacity(total / 3 + 1),
        info: Vec::with_capacity(total / 3 + 1),
        glyphs: Vec::with_capacity(total / 3 + 1),
        kinds: Vec::with_capacity(total / 3 + 1),
        size,
    };
    // All characters with their run index, so that context (an apostrophe
    // between letters) can look across run boundaries.
    let chars: Vec<(char, usize)> = para
        .runs
        .iter()
        .enumerate()
        .flat_map(|(ri, r)| r.text.chars().map(move |c| (c, ri)))
        .collect();
    let mut word_glyphs: Vec<Glyph> = Vec::new();
    let mut pending_space = false;
    let mut i = 0;
    while i < chars.len() {
        let (c, ri) = chars[i];
        let run = &para.runs[ri];
        if c.is_whitespace() && c != '\u{3000}' || c.is_control() {
            pending_space = true;
            i += 1;
            continue;
        }
        let prev = i.checked_sub(1).map(|k| chars[k].0);
        let next = chars.get(i + 1).map(|x| x.0);
        let style_font = if run.strong {
            para.style.strong_font
        } else {
            para.style.font
        };
        let start = text.len() as u32;
        let g0 = b.glyphs.len() as u32;
        if is_wide_in(prev, c, next) {
            b.link(Kind::Cjk, c, pending_space);
            let (font, missing) = shaper.font_for(style_font, c);
            // 破折号: two em dashes are one unbroken rule two ems long, set
            // with the font's two-em dash (U+2E3A) centred in two ems.
            // Vertical text sets two vertical em dashes instead: a glyph
            // standing for two characters is read backwards down a column by
            // some extractors.
            let two_em = (!vertical
                && c == '—'
                && next == Some('—')
                && chars.get(i + 1).is_some_and(|x| x.1 == ri))
            .then(|| shaper.cjk_glyph(font, '\u{2E3A}', size))
            .filter(|g| g.id != 0 && !missing);
            let (mut g, width, consumed) = match two_em {
                Some(mut g) => {
                    let width = size * 2.0;
                    g.dx = (width - g.advance) / 2.0;
                    (g, width, 2)
                }
                None => {
                    let g = shaper.cjk_glyph(font, c, size);
                    let width = if g.advance.0 > 0.0 { g.advance } else { size };
                    (g, width, 1)
                }
            };
            // Only a full-width mark has blank halves to adjust.
            let punct = punct_class(c).filter(|_| width.0 >= size.0 * 0.9);
            let (mut before, mut after) = match punct {
                Some(class) if consumed == 1 => shaper
                    .halt_blanks(font, c, size)
                    .unwrap_or_else(|| class_blanks(class, width)),
                _ => (Pt::ZERO, Pt::ZERO),
            };
            let mut width = width;
            if let Some(class) = punct {
                let remove = match scheme {
                    Scheme::Quanjiao => false,
                    Scheme::Kaiming => !full_in_kaiming(c),
                    Scheme::Banjiao => true,
                    Scheme::Centred => {
                        // Centred across the em; raising the mark to the
                        // em's middle too is left to fonts whose marks are
                        // drawn that way (Traditional Chinese faces), since
                        // moving it off the baseline here would also move
                        // it off the line for every text extractor.
                        if matches!(class, PunctClass::Stop | PunctClass::Pause) {
                            let (across, up) = shaper.centring(font, g.id, width, size);
                            if vertical {
                                // Vertical: the mark moves to the middle of
                                // its em both ways (Taiwan and Hong Kong
                                // style); offsets run down and across.
                                g.dy += across;
                                g.dx -= up;
                            } else {
                                g.dx += across;
                            }
                        }
                        before = Pt::ZERO;
                        after = Pt::ZERO;
                        false
                    }
                };
                if remove {
                    width -= before + after;
                    g.dx -= before;
                    before = Pt::ZERO;
                    after = Pt::ZERO;
                }
            }
            b.glyphs.push(g);
            for _ in 0..consumed {
                text.push(c);
            }
            b.items.push(Item {
                width,
                first: c,
                last: c,
                punct,
                blank_before: before,
                blank_after: after,
                ideographic: is_ideographic(c),
                may_hang: matches!(c, '，' | '。' | '、' | '．'),
                letter_slots: 0,
                gap: Gap::glued(),
            });
            b.kinds.push(Kind::Cjk);
            b.info.push(ItemInfo {
                glyphs: g0..b.glyphs.len() as u32,
                text: start..text.len() as u32,
                dots: run.emphasis && is_ideographic(c),
                oblique: false,
                missing,
                hyphen: None,
                orient: Orient::Upright,
            });
            i += consumed;
        } else {
            // A Latin word: up to whitespace, a wide character, the end of
            // the run, or a change of font.
            let latin_font = if run.strong {
                para.style.strong_latin_font
            } else {
                para.style.latin_font
            };
            let (font, _) = shaper.font_for(latin_font, c);
            let mut j = i;
            let mut missing = false;
            while j < chars.len() {
                let (cj, rj) = chars[j];
                if rj != ri || cj.is_whitespace() || cj.is_control() {
                    break;
                }
                let pj = j.checked_sub(1).map(|k| chars[k].0);
                let nj = chars.get(j + 1).map(|x| x.0);
                if is_wide_in(pj, cj, nj) {
                    break;
                }
                let (fj, mj) = shaper.font_for(latin_font, cj);
                if fj != font {
                    break;
                }
                missing |= mj;
                text.push(cj);
                j += 1;
            }
            let word = text[start as usize..].to_string();
            let n = word.chars().count();
            let digits = word.bytes().all(|b| b.is_ascii_digit());
            let tcy = para.style.tate_chu_yoko as usize;
            let upright = !digits && n <= para.style.upright_max as usize;
            if vertical && (n == 1 || digits && n <= tcy || upright) {
                // Upright in the column: single characters and short words
                // letter by letter, a short number across one em; all sit on
                // the grid like Han.
                b.link(Kind::Cjk, c, pending_space);
                if digits && n > 1 {
                    let mut gs = Vec::new();
                    shaper.word(font, &word, size, &mut gs);
                    b.glyphs.extend(gs);
                    push_upright(
                        &mut b,
                        c,
                        word.chars().last().unwrap_or(c),
                        size,
                        g0,
                        start..text.len() as u32,
                        missing,
                        Orient::Combined,
                    );
                } else {
                    let mut at = start;
                    for (k, ch) in word.chars().enumerate() {
                        if k > 0 {
                            b.link(Kind::Cjk, ch, false);
                        }
                        let gk = b.glyphs.len() as u32;
                        b.glyphs.push(shaper.cjk_glyph(font, ch, size));
                        let end = at + ch.len_utf8() as u32;
                        push_upright(&mut b, ch, ch, size, gk, at..end, missing, Orient::Upright);
                        at = end;
                    }
                }
                i = j;
                pending_space = false;
                continue;
            }
            b.link(Kind::Latin, c, pending_space);
            word_glyphs.clear();
            shaper.word(font, &word, size, &mut word_glyphs);
            let breaks = word_breaks(&word);
            let hyphen_glyph = if breaks.iter().any(|p| p.1) {
                let mut h = Vec::with_capacity(1);
                shaper.word(font, "-", size, &mut h);
                h.first().copied()
            } else {
                None
            };
            // One item per fragment between break points.
            let mut bounds: Vec<(usize, bool)> = breaks;
            bounds.push((word.len(), false));
            let mut from = 0usize;
            let mut gi = 0usize;
            for (k, &(to, hyphenated)) in bounds.iter().enumerate() {
                if k > 0 {
                    // Link the previous fragment: a break inside the word.
                    let (_, prev_hyph) = bounds[k - 1];
                    let last = b.items.last_mut().expect("a fragment was pushed");
                    last.gap = Gap {
                        breakable: true,
                        penalty: if prev_hyph { HYPHEN_PENALTY } else { 0.0 },
                        hyphen: if prev_hyph {
                            hyphen_glyph.map_or(Pt::ZERO, |h| h.advance)
                        } else {
                            Pt::ZERO
                        },
                        ..Gap::glued()
                    };
                    if prev_hyph {
                        b.info.last_mut().expect("a fragment was pushed").hyphen = hyphen_glyph;
                    }
                }
                let fg0 = b.glyphs.len() as u32;
                let mut width = Pt::ZERO;
                while gi < word_glyphs.len() && (word_glyphs[gi].cluster as usize) < to {
                    let mut g = word_glyphs[gi];
                    g.cluster -= from as u32;
                    width += g.advance;
                    b.glyphs.push(g);
                    gi += 1;
                }
                let frag = &word[from..to];
                b.items.push(Item {
                    width,
                    first: frag.chars().next().unwrap_or(c),
                    last: frag.chars().last().unwrap_or(c),
                    punct: None,
                    blank_before: Pt::ZERO,
                    blank_after: Pt::ZERO,
                    ideographic: false,
                    may_hang: false,
                    letter_slots: frag.chars().count().saturating_sub(1) as u16,
                    gap: Gap::glued(),
                });
                b.kinds.push(Kind::Latin);
                b.info.push(ItemInfo {
                    glyphs: fg0..b.glyphs.len() as u32,
                    text: start + from as u32..start + to as u32,
                    dots: false,
                    oblique: run.emphasis,
                    missing,
                    hyphen: None,
                    orient: if vertical {
                        Orient::Sideways
                    } else {
                        Orient::Upright
                    },
                });
                from = to;
                let _ = hyphenated;
            }
            i = j;
        }
        pending_space = false;
    }
    if matches!(scheme, Scheme::Quanjiao | Scheme::Kaiming) {
        compress_pairs(&mut b);
    }
    ShapedPara {
        style: para.style.clone(),
        vertical,
        loc: para.runs.first().map(|r| r.loc).unwrap_or_default(),
        text,
        items: b.items,
        info: b.info,
        glyphs: b.glyphs,
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
        ideographic: false,
        may_hang: false,
        letter_slots: 0,
        gap: Gap::glued(),
    });
    b.kinds.push(Kind::Cjk);
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

/// 标点挤压 of adjacent marks (CLREQ §3): the blank between two marks goes,
/// so 。」 and ，“ take one and a half ems, not two.
fn compress_pairs(b: &mut Builder) {
    for k in 0..b.items.len().saturating_sub(1) {
        let (l, r) = (&b.items[k], &b.items[k + 1]);
        let adjacent = l.gap.natural.0 == 0.0 && l.punct.is_some() && r.punct.is_some();
        let pair = adjacent
            && l.punct != Some(PunctClass::Inseparable)
            && r.punct != Some(PunctClass::Inseparable);
        if !pair {
            continue;
        }
        if l.blank_after.0 > 0.0 {
            cut_after(b, k);
        } else if r.blank_before.0 > 0.0 {
            cut_before(b, k + 1);
        }
    }
}
