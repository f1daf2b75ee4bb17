//! The EPUB's cover image: a page of its own, set in the layout's headline
//! and byline faces like a newspaper's masthead — a kicker over a thick
//! and a thin rule, the title large in the middle, the byline under a
//! short rule, the installments or the date over the foot's rules — then
//! written as SVG and rasterised like any page.

use crate::compose::{Page, PageItem, Rule, lines_in, place_lines};
use crate::error::Result;
use crate::model::{Align, ParaStyle};
use crate::resolve::{Doc, FontBook, Para, Run};
use crate::shape::{Fallbacks, Shaper, shape_plain};
use crate::units::Pt;

/// The cover's size: 2:3, the shape e-reader libraries show.
pub const COVER_WIDTH: Pt = Pt(540.0);
pub const COVER_HEIGHT: Pt = Pt(810.0);
/// 1080 × 1620 pixels: sharp on a tablet, small as a file.
pub const COVER_DPI: u32 = 144;

const MARGIN: f64 = 54.0;
const THICK: Pt = Pt(3.0);
const THIN: Pt = Pt(0.75);

/// What the cover says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CoverText {
    /// Over the title: the paper, or the serial's work for an installment.
    pub kicker: Option<String>,
    pub title: String,
    /// Under the title: the author, the byline, a page's date.
    pub byline: String,
    /// At the foot: the installments a book holds, or the date.
    pub foot: Option<String>,
}

/// The cover as a PNG, in `doc`'s language and the layout's faces; the
/// characters they lack from the `fallbacks` found for [`cover_paras`],
/// as in the PDF.
pub fn cover_png(
    text: &CoverText,
    doc: &Doc,
    fonts: &FontBook,
    fallbacks: Fallbacks,
) -> Result<Vec<u8>> {
    let page = cover_page(text, doc, fonts, fallbacks);
    let svg = super::page_svg(&page, fonts);
    super::svg_to_png(
        &svg,
        page.width,
        page.height,
        COVER_DPI,
        super::Packing::Cover,
    )
}

/// What the cover sets, each in its style (the size aside): the text to
/// find fallback fonts for before the font book is shared.
pub fn cover_paras(text: &CoverText, doc: &Doc) -> Vec<Para> {
    let para = |style: &ParaStyle, s: &str| Para {
        style: style.clone(),
        runs: vec![Run {
            text: s.to_string(),
            emphasis: false,
            strong: false,
            loc: Default::default(),
        }],
    };
    let mut out = vec![para(&doc.title_style, &text.title)];
    let small = [
        text.kicker.as_deref(),
        Some(&text.byline),
        text.foot.as_deref(),
    ];
    out.extend(
        small
            .into_iter()
            .flatten()
            .map(|s| para(&doc.author_style, s)),
    );
    out
}

/// The cover laid out as a page.
pub fn cover_page(text: &CoverText, doc: &Doc, fonts: &FontBook, fallbacks: Fallbacks) -> Page {
    // Horizontal whatever the book's writing: a cover is read at a glance,
    // in a library's grid of thumbnails.
    let mut shaper = Shaper::new(fonts, &doc.lang, fallbacks);
    let mut set = |style: &ParaStyle, size: f64, s: &str| {
        let mut style = style.clone();
        style.size = Pt(size);
        shape_plain(&mut shaper, &style, s)
    };
    let measure = Pt(COVER_WIDTH.0 - 2.0 * MARGIN);
    let x = Pt(MARGIN);
    let mut items = Vec::new();
    if let Some(k) = text.kicker.as_deref().filter(|k| !k.is_empty()) {
        let p = set(&doc.author_style, 16.0, k);
        place_lines(
            &p,
            (x, measure),
            (Pt(104.0), Pt(22.0)),
            Align::Center,
            &mut items,
        );
    }
    double_rule(&mut items, 126.0, true);
    // The title as large as fits in two lines (three at the smallest).
    let (mut size, mut title) = (60.0, set(&doc.title_style, 60.0, &text.title));
    while lines_in(&title, measure) > 2 && size > 28.0 {
        size -= 4.0;
        title = set(&doc.title_style, size, &text.title);
    }
    let n = lines_in(&title, measure).max(1) as f64;
    let pitch = size * 1.3;
    let top = 360.0 - (n - 1.0) * pitch / 2.0;
    place_lines(
        &title,
        (x, measure),
        (Pt(top), Pt(pitch)),
        Align::Center,
        &mut items,
    );
    let below = top + (n - 1.0) * pitch + size * 0.9;
    let mid = COVER_WIDTH.0 / 2.0;
    if !text.byline.is_empty() {
        items.push(rule(mid - 30.0, mid + 30.0, below, Pt(1.0)));
        let p = set(&doc.author_style, 20.0, &text.byline);
        place_lines(
            &p,
            (x, measure),
            (Pt(below + 44.0), Pt(28.0)),
            Align::Center,
            &mut items,
        );
    }
    double_rule(&mut items, 700.0, false);
    if let Some(f) = text.foot.as_deref().filter(|f| !f.is_empty()) {
        let p = set(&doc.author_style, 15.0, f);
        place_lines(
            &p,
            (x, measure),
            (Pt(736.0), Pt(20.0)),
            Align::Center,
            &mut items,
        );
    }
    Page {
        number: 0,
        width: COVER_WIDTH,
        height: COVER_HEIGHT,
        items,
    }
}

fn rule(x0: f64, x1: f64, y: f64, width: Pt) -> PageItem {
    PageItem::Rule(Rule {
        x0: Pt(x0),
        y0: Pt(y),
        x1: Pt(x1),
        y1: Pt(y),
        width,
    })
}

/// A thick and a thin rule across the measure, the thick one outside (on
/// top over the title, below under the foot's rules).
fn double_rule(items: &mut Vec<PageItem>, y: f64, thick_first: bool) {
    let (a, b) = (MARGIN, COVER_WIDTH.0 - MARGIN);
    let (first, second) = if thick_first {
        (THICK, THIN)
    } else {
        (THIN, THICK)
    };
    items.push(rule(a, b, y, first));
    items.push(rule(a, b, y + 5.0, second));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_article;
    use crate::resolve::{load_layout, resolve_doc};

    /// The glyphs of a cover with no outline of their own: .notdef boxes.
    fn tofu(page: &Page) -> usize {
        (page.items.iter())
            .filter_map(|i| match i {
                PageItem::Text(run) => Some(run.glyphs.iter().filter(|g| g.id == 0).count()),
                _ => None,
            })
            .sum()
    }

    #[test]
    fn the_cover_takes_missing_characters_from_fallback_fonts() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/t.md");
        let src = "+++\ntitle = \"标题\"\n+++\n正文。\n";
        let article = parse_article(&path, src.as_bytes().to_vec()).unwrap();
        let layout = load_layout("feature", None).unwrap();
        let mut book = FontBook::new(&[], false).unwrap();
        let roles = book.resolve_roles(&layout).unwrap();
        let doc = resolve_doc(&article, &layout, &roles, None).unwrap();
        // U+4DB6 (CJK extension A): in Noto Serif SC, not in the bold
        // sans of the headline and byline.
        let text = CoverText {
            kicker: Some("引题䶶".into()),
            title: "夜班车䶶站".into(),
            byline: "本报记者 䶶明".into(),
            foot: None,
        };
        let headline = doc.title_style.font;
        assert!(book.font(headline).face().glyph_index('䶶').is_none());
        let fallbacks =
            crate::shape::find_text_fallbacks(&cover_paras(&text, &doc), &doc, &mut book);
        let without = cover_page(&text, &doc, &book, Fallbacks::default());
        // The byline's face (a serif) may have it: the title's has not.
        assert!(
            tofu(&without) >= 1,
            "the faces have the character after all"
        );
        let with = cover_page(&text, &doc, &book, fallbacks);
        assert_eq!(tofu(&with), 0);
        // The text is still all there.
        let set: String = (with.items.iter())
            .filter_map(|i| match i {
                PageItem::Text(run) => Some(run.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(set.matches('䶶').count(), 3, "{set}");
    }
}
