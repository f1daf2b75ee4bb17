//! Splitting a paragraph into items: CJK characters one by one, Latin words
//! whole, and the right gap between neighbours (CLREQ §5).

use super::cache::Shaper;
use super::{Glyph, ItemInfo, ShapedPara};
use crate::linebreak::classes::{PunctClass, punct_class};
use crate::linebreak::{Gap, GapKind, Item};
use crate::resolve::Para;
use crate::script::{is_ideographic, is_wide_in};
use crate::units::{Em, Pt};

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
        prev.gap = match (prev_kind, next) {
            (Kind::Cjk, Kind::Cjk) if space => Gap {
                natural: em(0.5),
                stretch: em(0.25),
                shrink: em(0.25),
                kind: GapKind::WordSpace,
                breakable: true,
            },
            (Kind::Cjk, Kind::Cjk) => Gap {
                natural: Pt::ZERO,
                stretch: em(0.25),
                shrink: Pt::ZERO,
                kind: GapKind::InterChar,
                breakable: true,
            },
            (Kind::Latin, Kind::Latin) if space => Gap {
                natural: em(1.0 / 3.0),
                stretch: em(1.0 / 6.0),
                shrink: em(1.0 / 12.0),
                kind: GapKind::WordSpace,
                breakable: true,
            },
            (Kind::Latin, Kind::Latin) => Gap::glued(),
            // Han next to Latin: ¼ em, none beside full-width punctuation.
            _ if punct_side => Gap {
                natural: Pt::ZERO,
                stretch: em(0.25),
                shrink: Pt::ZERO,
                kind: GapKind::InterChar,
                breakable: true,
            },
            _ => Gap {
                natural: em(0.25),
                stretch: em(0.25),
                shrink: Pt::ZERO,
                kind: GapKind::CjkLatin,
                breakable: true,
            },
        };
    }
}

/// Shapes a paragraph into items.
pub fn shape_para(shaper: &mut Shaper, para: &Para) -> ShapedPara {
    let size = para.style.size;
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
    let mut pending_space = false;
    let mut i = 0;
    while i < chars.len() {
        let (c, ri) = chars[i];
        let run = &para.runs[ri];
        if c.is_whitespace() && c != '\u{3000}' || c.is_control() {
            pending_space |= !c.is_control() || c == '\n';
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
            let two_em =
                (c == '—' && next == Some('—') && chars.get(i + 1).is_some_and(|x| x.1 == ri))
                    .then(|| shaper.cjk_glyph(font, '\u{2E3A}', size))
                    .filter(|g| g.id != 0 && !missing);
            let (g, width, consumed) = match two_em {
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
            b.glyphs.push(g);
            for _ in 0..consumed {
                text.push(c);
            }
            let half = width / 2.0;
            let (start_compress, end_compress) = match punct_class(c) {
                Some(PunctClass::Opening) => (half, Pt::ZERO),
                Some(PunctClass::Closing | PunctClass::Stop | PunctClass::Pause) => {
                    (Pt::ZERO, half)
                }
                _ => (Pt::ZERO, Pt::ZERO),
            };
            b.items.push(Item {
                width,
                first: c,
                last: c,
                end_compress,
                start_compress,
                ideographic: is_ideographic(c),
                gap: Gap::glued(),
            });
            b.kinds.push(Kind::Cjk);
            b.info.push(ItemInfo {
                glyphs: g0..b.glyphs.len() as u32,
                text: start..text.len() as u32,
                dots: run.emphasis && is_ideographic(c),
                oblique: false,
                missing,
            });
            i += consumed;
        } else {
            // A Latin word: up to whitespace, a wide character, the end of
            // the run, or a change of font.
            let (font, _) = shaper.font_for(style_font, c);
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
                let (fj, mj) = shaper.font_for(style_font, cj);
                if fj != font {
                    break;
                }
                missing |= mj;
                text.push(cj);
                j += 1;
            }
            b.link(Kind::Latin, c, pending_space);
            let word = &text[start as usize..];
            let width = shaper.word(font, word, size, &mut b.glyphs);
            let last = chars[j - 1].0;
            b.items.push(Item {
                width,
                first: c,
                last,
                end_compress: Pt::ZERO,
                start_compress: Pt::ZERO,
                ideographic: false,
                gap: Gap::glued(),
            });
            b.kinds.push(Kind::Latin);
            b.info.push(ItemInfo {
                glyphs: g0..b.glyphs.len() as u32,
                text: start..text.len() as u32,
                dots: false,
                oblique: run.emphasis,
                missing,
            });
            i = j;
        }
        pending_space = false;
    }
    ShapedPara {
        style: para.style.clone(),
        loc: para.runs.first().map(|r| r.loc).unwrap_or_default(),
        text,
        items: b.items,
        info: b.info,
        glyphs: b.glyphs,
    }
}
