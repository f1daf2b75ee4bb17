//! Page furniture: the running head (报眉) with its rule, the rules between
//! modules, the folio and the credits line. The head and foot lines are
//! set horizontally, above and below the type area, in any writing mode.

use super::lines::line_params;
use super::place::render_line;
use super::rules::{RULE_THIN, module_edges};
use super::transform::{FrameRect, HORIZONTAL, Transform};
use super::{Frame, Page, PageItem, Rule};
use crate::linebreak::break_paragraph;
use crate::model::Breaking;
use crate::model::{Align, Grid, Labels, LineRules, ParaStyle, Prohibition};
use crate::resolve::Doc;
use crate::shape::ShapedPara;
use crate::units::Pt;

/// Furniture lines the composer asks the caller to shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    RunningHead,
    Folio,
    /// A book's title page and the contents' heading.
    BookTitle,
    BookAuthor,
    /// A line of a book's contents.
    TocEntry,
    /// （下转第N版） at a continued module's cut, （上接第N版） where it
    /// resumes.
    JumpLine,
    /// The continued module's head (续题) where it resumes.
    ContinuedHead,
}

/// The style a furniture line is set in.
pub fn furniture_style(doc: &Doc, f: Furniture) -> &ParaStyle {
    match f {
        Furniture::RunningHead => &doc.running_head_style,
        Furniture::Folio => &doc.folio_style,
        Furniture::BookTitle => &doc.title_style,
        Furniture::BookAuthor => &doc.author_style,
        Furniture::TocEntry => &doc.entry_style,
        Furniture::JumpLine => &doc.jump_style,
        Furniture::ContinuedHead => &doc.continued_style,
    }
}

/// What the page furniture says.
#[derive(Debug, Clone, Default)]
pub struct PageHead {
    /// 报眉, start side (paper and section, or the article's title).
    pub start: String,
    /// 报眉, end side (the date).
    pub end: Option<String>,
    /// Follow the end side with the page's number as 第N版.
    pub edition: bool,
    /// Credits line at the foot (责任编辑 … 质检 …).
    pub credits: Option<String>,
    /// Number of the first page.
    pub first_number: u32,
    /// The words of the page's language (第N版).
    pub labels: &'static Labels,
}

/// The type area as (x0, y0, x1, y1) on the page.
pub fn type_area(grid: &Grid) -> (Pt, Pt, Pt, Pt) {
    let r = Transform::of(grid).rect(FrameRect {
        slot: 0.0,
        slots: grid.lines as f64,
        inline: Pt::ZERO,
        length: grid.measure(),
    });
    (r.x, r.y, r.x + r.width, r.y + r.height)
}

/// The type area on the page, and the grid's line pitch.
#[derive(Clone, Copy)]
struct Area {
    x0: Pt,
    y0: Pt,
    x1: Pt,
    y1: Pt,
    pitch: Pt,
}

impl Area {
    fn of(grid: &Grid) -> Area {
        let (x0, y0, x1, y1) = type_area(grid);
        // Under a vertical page's last band, where marks hang, the
        // furniture clears the rule or box edge there (rules.rs); over its
        // first, the edge of a box round a module at the top, which stands
        // where a rule before the band would (a compositor's review: 0.6
        // pt under the running head's rule, it read as one rule doubled).
        let y1 = y1 + grid.past_band(true).unwrap_or(Pt::ZERO);
        // Raised only as far as the rule then clears the edge: the white
        // over the type is white at the head of every band (raised by
        // half a line more, five generated pages gained a hole over a
        // vertical headline).
        let edge = grid.rule_before(0, true) + grid.pitch * 0.5 - grid.body_size * CLEAR_OF_HEAD;
        let y0 = match grid.vertical && grid.gutter.0 > 0.0 {
            true => y0 + edge.min(Pt::ZERO),
            false => y0,
        };
        Area {
            x0,
            y0,
            x1,
            y1,
            pitch: grid.pitch,
        }
    }

    fn width(&self) -> Pt {
        self.x1 - self.x0
    }
}

/// The white, in body sizes, between the running head's rule and the
/// edge of a box at a vertical page's top (see [`Area::of`]).
const CLEAR_OF_HEAD: f64 = 0.4;

/// Shapes a furniture line (the caller owns the shaper).
pub type Shape<'f> = &'f mut dyn FnMut(Furniture, &str) -> ShapedPara;

/// Running head (报眉) with its rule, rules between modules, the credits
/// line and the folio, on every page. Written after the text, so that
/// extraction reads the articles first.
pub fn add_furniture(
    pages: &mut [Page],
    grid: &Grid,
    modules: &[Vec<Frame>],
    head: &PageHead,
    furniture: Shape,
) {
    let t = Transform::of(grid);
    let area = Area::of(grid);
    for (pi, page) in pages.iter_mut().enumerate() {
        let number = head.first_number as usize + pi;
        let mut items = Vec::new();
        running_head(head, number, area, &mut items, furniture);
        let mut edges = Vec::new();
        for edge in module_edges(modules.get(pi).map_or(&[], |m| &m[..]), grid) {
            t.map(edge, &mut edges);
        }
        for edge in &edges {
            match *edge {
                PageItem::Rule(r) => (off_boxes(r, &page.items, &edges).into_iter())
                    .for_each(|r| items.push(PageItem::Rule(r))),
                ref other => items.push(other.clone()),
            }
        }
        foot(head, number, area, &mut items, furniture);
        // Exactly: doubling the page's items for two or three more would
        // leave half of every page's allocation unused until the PDF is
        // written.
        page.items.reserve_exact(items.len());
        page.items.extend(items);
    }
}

/// How near a rule between modules may run along a box's edge (or a
/// rule as heavy) before the two read as one rule doubled.
const DOUBLED: f64 = 2.0;

/// The straight rules among `items`, with their widths (see [`line_of`]).
fn lines(items: &[PageItem]) -> impl Iterator<Item = (Pt, (bool, f64, f64, f64))> + '_ {
    (items.iter()).filter_map(|i| match i {
        PageItem::Rule(r) => Some((r.width, line_of(r)?)),
        _ => None,
    })
}

/// A straight rule's axis and place: whether it runs down the page, where
/// it stands across that, and its ends along it.
fn line_of(r: &Rule) -> Option<(bool, f64, f64, f64)> {
    let (x0, y0, x1, y1) = (r.x0.0, r.y0.0, r.x1.0, r.y1.0);
    if (y0 - y1).abs() < 0.01 {
        Some((false, y0, x0.min(x1), x0.max(x1)))
    } else if (x0 - x1).abs() < 0.01 {
        Some((true, x0, y0.min(y1), y0.max(y1)))
    } else {
        None
    }
}

/// `edge`, a rule between modules, less its lengths along the edge of a
/// box (or a rule as heavy) on `page` within [`DOUBLED`]: the box's edge
/// is the division there (a compositor's review: the rule over a module
/// under a box ran 0.75 pt from the box's foot, gen-pages --tiers set01
/// and set14). What it leaves beside the box goes on in the box edge's
/// line (no jog where they meet), and past the box's corner only where
/// another rule meets its end (`rules`, the page's and the other edges):
/// a tail into white is dropped (the review again: stubs of 6 to 19 pt
/// stuck out of the boxes' corners).
fn off_boxes(edge: Rule, page: &[PageItem], rules: &[PageItem]) -> Vec<Rule> {
    let Some((down, at, lo, hi)) = line_of(&edge) else {
        return vec![edge];
    };
    // The box edges along it: their ends and where they stand.
    let mut covered: Vec<(f64, f64, f64)> = lines(page)
        .filter(|&(w, (d, a, ..))| w.0 >= edge.width.0 && d == down && (a - at).abs() <= DOUBLED)
        .map(|(_, (_, a, from, to))| (from, to, a))
        .collect();
    covered.sort_by(|a, b| a.0.total_cmp(&b.0));
    // Whether a rule across this one meets it at `end`.
    let met = |end: f64| {
        (lines(page).chain(lines(rules))).any(|(_, (d, a, from, to))| {
            d != down && (a - end).abs() <= 1.0 && from - DOUBLED <= at && at <= to + DOUBLED
        })
    };
    let (mut pieces, mut from, mut before) = (Vec::new(), lo, None);
    for (a, b, line) in covered.into_iter().chain([(hi, hi, at)]) {
        let (to, after) = (a.min(hi), (a < hi).then_some(line));
        // A piece from the rule's end to a box (a tail) is kept where a
        // rule meets that end; one between two boxes, or the whole rule
        // beside none, always; less than a point is no rule.
        let tail = before.is_none() || after.is_none();
        let outer = if before.is_none() { from } else { to };
        let kept = to - from > 1.0 && (!tail || before == after || met(outer));
        if kept {
            let line = before.or(after).unwrap_or(at);
            pieces.push(match down {
                true => Rule {
                    x0: Pt(line),
                    x1: Pt(line),
                    y0: Pt(from),
                    y1: Pt(to),
                    ..edge
                },
                false => Rule {
                    y0: Pt(line),
                    y1: Pt(line),
                    x0: Pt(from),
                    x1: Pt(to),
                    ..edge
                },
            });
        }
        if b > from {
            (from, before) = (b, Some(line));
        }
    }
    pieces
}

/// The running head, start and end side, and the rule under it.
fn running_head(
    head: &PageHead,
    number: usize,
    area: Area,
    items: &mut Vec<PageItem>,
    furniture: Shape,
) {
    let base = area.y0 - area.pitch * 0.9;
    let start = furniture(Furniture::RunningHead, &head.start);
    place_single(&start, area.x0, area.width(), base, Align::Start, items);
    let end_text = match (&head.end, head.edition) {
        (Some(e), true) => Some(format!("{e}　{}", head.labels.page(number))),
        (None, true) => Some(head.labels.page(number)),
        (e, false) => e.clone(),
    };
    if let Some(e) = &end_text {
        let end = furniture(Furniture::RunningHead, e);
        place_single(&end, area.x0, area.width(), base, Align::End, items);
    }
    let rule_y = area.y0 - area.pitch * 0.5;
    items.push(PageItem::Rule(Rule {
        x0: area.x0,
        y0: rule_y,
        x1: area.x1,
        y1: rule_y,
        width: RULE_THIN,
    }));
}

/// The folio in the middle of the foot, the credits at its end.
fn foot(head: &PageHead, number: usize, area: Area, items: &mut Vec<PageItem>, furniture: Shape) {
    let base = area.y1 + area.pitch * 1.5;
    let folio = furniture(Furniture::Folio, &format!("{number}"));
    place_single(&folio, area.x0, area.width(), base, Align::Center, items);
    if let Some(c) = &head.credits {
        let credits = furniture(Furniture::RunningHead, c);
        place_single(&credits, area.x0, area.width(), base, Align::End, items);
    }
}

/// Sets a one-line furniture paragraph aligned within `measure`,
/// horizontally, starting at `x` on `baseline`.
pub fn place_single(
    p: &ShapedPara,
    x: Pt,
    measure: Pt,
    baseline: Pt,
    align: Align,
    out: &mut Vec<PageItem>,
) {
    place_lines(p, (x, measure), (baseline, Pt::ZERO), align, out);
}

/// The rules furniture is broken by: no prohibitions (a folio, a title).
const FURNITURE_RULES: LineRules = LineRules {
    prohibition: Prohibition::None,
    hanging: crate::model::Hanging::Never,
    compress_line_start: false,
    breaking: Breaking::TotalFit,
    flush_short: false,
};

/// Sets a furniture paragraph within `measure` from `x`, its lines on
/// baselines `pitch` apart from `baseline` (a contents entry longer than
/// its line takes more); how many lines it took.
pub fn place_lines(
    p: &ShapedPara,
    (x, measure): (Pt, Pt),
    (baseline, pitch): (Pt, Pt),
    align: Align,
    out: &mut Vec<PageItem>,
) -> usize {
    let mut para = p.clone();
    para.style.align = align;
    let lines = furniture_lines(p, measure);
    for (k, line) in lines.iter().enumerate() {
        let y = baseline + pitch * k as f64;
        render_line(&para, line, &HORIZONTAL).place(&HORIZONTAL, (x, y), out);
    }
    lines.len()
}

/// The lines a furniture paragraph takes within `measure`.
pub fn lines_in(p: &ShapedPara, measure: Pt) -> usize {
    furniture_lines(p, measure).len()
}

/// A furniture paragraph broken within `measure`.
fn furniture_lines(p: &ShapedPara, measure: Pt) -> Vec<crate::linebreak::Line> {
    let mf = move |_| measure;
    let params = line_params(&FURNITURE_RULES, &mf, Pt::ZERO, false);
    break_paragraph(&p.items, &params)
}

/// A one-line paragraph's natural width.
pub fn natural_width(p: &ShapedPara) -> Pt {
    let n = p.items.len();
    let gaps: f64 = (p.items[..n.saturating_sub(1)].iter())
        .map(|i| i.gap.natural.0)
        .sum();
    Pt(p.items.iter().map(|i| i.width.0).sum::<f64>() + gaps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Writing;
    use crate::resolve::load_layout;

    /// On a vertical page a box round a module at the top stands where a
    /// rule before the first band would ([`super::super::rules`]: marks
    /// hang past the bands' ends); the running head's rule clears it as it
    /// clears the type on a horizontal page. It stood 0.6 pt over the
    /// box's edge, one rule doubled (examples/page-9 and page-12 set
    /// vertically).
    #[test]
    fn the_running_heads_rule_clears_a_box_at_a_vertical_pages_top() {
        let g = load_layout("broadsheet", None)
            .unwrap()
            .grid_for(Writing::Vertical);
        let area = Area::of(&g);
        let rule = area.y0 - area.pitch * 0.5;
        let top = Transform::of(&g).rect(FrameRect {
            slot: -0.5,
            slots: 1.0,
            inline: g.rule_before(0, true),
            length: g.measure(),
        });
        let gap = (top.y - rule).0;
        assert!(gap >= g.body_size.0 * CLEAR_OF_HEAD - 0.01, "{gap:.2} pt");
    }

    /// A rule between modules along a box's foot 0.75 pt from it (the
    /// rule over the module under the box) gives way to it: what runs
    /// past the box's corner is kept only where a rule down the page
    /// meets its end (a module's edge), in the box foot's line; a tail
    /// into white goes. One 11 pt away is kept whole, as is one heavier
    /// than the box's edge.
    #[test]
    fn a_rule_along_a_boxs_edge_gives_way_to_it() {
        let rule = |(x0, y0, x1, y1): (f64, f64, f64, f64), width: f64| Rule {
            x0: Pt(x0),
            y0: Pt(y0),
            x1: Pt(x1),
            y1: Pt(y1),
            width: Pt(width),
        };
        let (x, y, w, h) = (571.0, 614.5, 475.0, 315.0);
        let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
        let page: Vec<PageItem> = (corners.windows(2))
            .map(|c| PageItem::Rule(rule((c[0].0, c[0].1, c[1].0, c[1].1), 1.0)))
            .collect();
        let at = |r: Vec<Rule>| {
            (r.iter())
                .map(|r| (r.x0.0, r.x1.0, r.y0.0))
                .collect::<Vec<_>>()
        };
        let under = rule((552.8, 928.8, 1052.3, 928.8), 0.75);
        let edge = PageItem::Rule(rule((552.8, 928.8, 552.8, 1400.0), 0.75));
        assert_eq!(at(off_boxes(under, &page, &[])), []);
        assert_eq!(
            at(off_boxes(under, &page, &[edge])),
            [(552.8, 571.0, 929.5)]
        );
        let lower = rule((552.8, 940.0, 1052.3, 940.0), 0.75);
        assert_eq!(at(off_boxes(lower, &page, &[])), [(552.8, 1052.3, 940.0)]);
        // Down the page along the box's start edge: none left.
        let beside = rule((571.5, 614.5, 571.5, 929.5), 0.75);
        assert!(off_boxes(beside, &page, &[]).is_empty());
        let heavy = rule((552.8, 928.8, 1052.3, 928.8), 1.5);
        assert_eq!(off_boxes(heavy, &page, &[]).len(), 1);
    }
}
