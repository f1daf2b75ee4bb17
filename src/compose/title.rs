//! A page module's title block (题区) fitted to its module, as a
//! compositor fits it: the kicker, headline and deck sized by the share of
//! the page the module spans (the lead story's largest), then the headline
//! grown or shrunk a little so that it fills the columns it spans — all of
//! them, or, when it is too short for them, as few as it fills, the other
//! columns running their text up beside it (题文穿插). The byline heads
//! the first column under the block instead of standing short and centred
//! under it. No white is left beside the block that reads as a hole.

use super::Frame;
use super::frame::{Parted, SizeCap};
use super::heads::{break_heading, phrase_lines};
use super::holes::HOLE_EMS;
use super::title_fit::{self, Stack, closed, closes, fit, scales_under, tracked};
use crate::model::{Align, Grid, LineRules, Role};
use crate::shape::{ShapedBlock, ShapedPara};
use crate::units::Pt;

/// Most a headline grows past its size to fill its columns.
const MAX_SCALE: f64 = 1.25;
/// Most the lead story's headline grows: across the whole page it is the
/// banner (通栏标题), and one short line would leave holes on both sides.
const LEAD_MAX_SCALE: f64 = 1.75;
/// Least size of a display heading, in body sizes: smaller, it would not
/// stand out from the text.
const LEAST_DISPLAY: f64 = 1.3;
/// How far, in body sizes, a display line's box (see
/// [`Grid::display_box`]) may reach past the line's slots into the white
/// of the next (it never reaches the next line's box).
pub(super) const BOX_REACH: f64 = 0.15;

/// The title block as set: its paragraphs at their sizes, the columns it
/// spans from the module's first, and the byline (a header index) set at
/// the head of the first column instead of across.
#[derive(Debug, Clone)]
pub struct Title {
    pub header: Vec<ShapedPara>,
    pub columns: u32,
    pub byline: Option<usize>,
    /// Fitted to a page's module: its lines stacked as their boxes allow.
    pub fitted: bool,
    /// Every heading of the block breaks between phrases (at its least
    /// size at worst): a module where they do not is no shape for it.
    pub phrases_fit: bool,
    /// Its display lines stop short of the line's end by [`FOOT_CLEAR`]
    /// of their size: a block on a grid of its own (a vertical box on a
    /// horizontal page), whose lines end at the rule under the module.
    pub clear_foot: bool,
    /// White left beside the lead story's banner, at its largest and
    /// tracked, in points (0 for any other block).
    pub open: f64,
    /// Lines of white added under the block: a module the make-up gave
    /// more rows than its text takes fills them so (see
    /// `ModuleSet::filled`), its columns ending at its foot.
    pub white_below: u32,
    /// The headline's widest line's share of the block's measure (1 where
    /// the block was not fitted).
    pub cover: f64,
}

impl Title {
    /// The block as the article gives it: across every column.
    pub fn across(header: &[ShapedPara], columns: u32) -> Title {
        Title {
            header: header.to_vec(),
            columns,
            byline: None,
            fitted: false,
            phrases_fit: true,
            clear_foot: false,
            open: 0.0,
            white_below: 0,
            cover: 1.0,
        }
    }

    /// [`Title::across`] for a module on a grid of its own, `vertical`
    /// or not: the foot of its display lines kept clear of the rule under
    /// a vertical one (a horizontal box's lines end at its side, as its
    /// text's do).
    pub fn on_own_grid(header: &[ShapedPara], columns: u32, vertical: bool) -> Title {
        Title {
            clear_foot: vertical,
            ..Title::across(header, columns)
        }
    }

    /// The measure display line `p` is broken to in a block `measure`
    /// long.
    pub(super) fn measure_of(&self, p: &ShapedPara, measure: Pt) -> Pt {
        let display = matches!(p.style.role, Role::Kicker | Role::Headline | Role::Deck);
        match self.clear_foot && display {
            true => measure - p.style.size * FOOT_CLEAR,
            false => measure,
        }
    }
}

/// How far a display line on a grid of its own stops short of the line's
/// end, in its size: a vertical headline's last character then stands
/// clear of the rule under the module (a checker's box for a vertical
/// glyph reaches most of an em below it).
const FOOT_CLEAR: f64 = 0.75;

/// The title block of a page's module in `frame` on the `module` grid: its
/// headings ranked by the share of the `page` its text takes (the lead
/// story's at their full size), across every column for the lead story or
/// a lead set across under it.
pub fn page_title(
    header: &[ShapedPara],
    flow: &[ShapedBlock],
    (page, module): (&Grid, &Grid),
    frame: &Frame,
) -> Title {
    let share = match frame.lead_story {
        true => 1.0,
        false => text_share(flow, page),
    };
    let across = frame.lead.is_across();
    let least = match across || frame.lead_story {
        true => module.columns,
        false => least_columns(header, flow, module, share),
    };
    let most = match frame.lead_story {
        true => LEAD_MAX_SCALE,
        false => MAX_SCALE,
    };
    let cap = (
        frame.headline_most.map(|c| c.pt()),
        frame.grown_most.map(|c| c.pt()),
        false,
    );
    let parted = (frame.parted != Parted::Not && !frame.lead_story && !across)
        .then(|| parted_title(header, module, frame, (share, most), least))
        .flatten();
    let mut title = parted
        .unwrap_or_else(|| fit_title(header, module, (share, most, cap), (least, module.columns)));
    // A vertical banner too short for the module even grown and tracked
    // spans fewer bands, the text running on under it, rather than leave
    // a hole at both its ends: down the page its ends stand between the
    // text of the lines before and after it. (Across a horizontal page's
    // top the white at its ends has only the page's head over it: the
    // margin's, not a hole; the banner stays across.) Down to a third of
    // the bands, it takes the widest span leaving no white past the fit's
    // slack (or the least), where that leaves less than all of them: a
    // six-character banner down ten bands leaves 20 ems across five, 7
    // across four.
    let short = module.vertical && !closes(title.open, module);
    if frame.lead_story && !across && module.columns > 1 && short {
        let third = module.columns.div_ceil(3);
        let widest = module.columns - 1;
        let narrower = fit_title(
            header,
            module,
            (share, most, cap),
            (third.min(widest), widest),
        );
        if narrower.columns < title.columns && narrower.open < title.open {
            title = narrower;
        }
    }
    if frame.kicker_end {
        for p in title
            .header
            .iter_mut()
            .filter(|p| p.style.role == Role::Kicker)
        {
            p.style.align = Align::End;
        }
    }
    // A lead set across under the block takes the first column's head:
    // the byline stays in the block, at its end.
    if across && let Some(b) = title.byline.take() {
        title.header[b].style.align = Align::End;
    }
    title
}

/// The title block of a module whose headline is parted from a
/// neighbour's ([`Frame::parted`]): kept off its last column or its first,
/// whose text runs up beside it, between the two (题文错开); held under
/// its cap whatever white that leaves (grown, it would meet the other
/// again). `None` where no size down to [`PARTED_FLOOR`] fits the
/// narrower block: the module is set as it was.
fn parted_title(
    header: &[ShapedPara],
    module: &Grid,
    frame: &Frame,
    (share, most): (f64, f64),
    least: u32,
) -> Option<Title> {
    let widest = module.columns.checked_sub(1).filter(|&w| w > 0)?;
    let header = parted_floor(header, frame.headline_most?, module);
    let cap = (
        frame.headline_most.map(|c| c.pt()),
        frame.grown_most.map(|c| c.pt()),
        true,
    );
    let title = fit_title(
        &header,
        module,
        (share, most, cap),
        (least.min(widest), widest),
    );
    if !title.phrases_fit || title.columns > widest {
        return None;
    }
    Some(title)
}

/// The least a headline kept off one of its module's columns
/// ([`Frame::parted`]) steps down to, of the size it was set at (its
/// cap): its phrases are laid out for the whole module, and a compositor
/// staggering two headlines sets the one narrowed a size smaller at most
/// (a review refused two steps: a four-column story's headline under its
/// neighbour's).
const PARTED_FLOOR: f64 = 0.85;

/// `header` with its headline's least scale lowered to [`PARTED_FLOOR`]
/// of its `cap`, never under [`LEAST_DISPLAY`] body sizes.
fn parted_floor(header: &[ShapedPara], cap: SizeCap, grid: &Grid) -> Vec<ShapedPara> {
    let mut header = header.to_vec();
    for p in header.iter_mut().filter(|p| p.style.role == Role::Headline) {
        let least = (grid.body_size.0 * LEAST_DISPLAY).max(cap.pt().0 * PARTED_FLOOR);
        p.style.min_scale = p.style.min_scale.min(least / p.style.size.0);
    }
    header
}

/// Lines of text a column under a title block narrower than the module
/// must keep: fewer, and those columns hold little but the block.
const UNDER_TITLE: u32 = 3;

/// The fewest columns a title block may span: the columns under it must
/// keep [`UNDER_TITLE`] lines of text at the module's estimated depth
/// (its text and the block spread over its columns).
fn least_columns(header: &[ShapedPara], flow: &[ShapedBlock], module: &Grid, share: f64) -> u32 {
    let block: u32 = (header.iter())
        .map(|p| display_slots(by_share(p, module, share).style.size, module))
        .sum();
    let text = text_lines(flow, module) as u32;
    let n = module.columns.max(1);
    (1..=n)
        .find(|&k| (text + block * k).div_ceil(n) >= block + UNDER_TITLE)
        .unwrap_or(n)
}

/// About how many lines the article's text takes in the module's columns.
fn text_lines(flow: &[ShapedBlock], module: &Grid) -> usize {
    let chars: usize = (flow.iter())
        .map(|b| match b {
            ShapedBlock::Para(p) => p.text.chars().count(),
            ShapedBlock::Figure { .. } => 0,
        })
        .sum();
    chars.div_ceil(module.chars_per_line() as usize)
}

/// The share of the page an article's text takes, for its headings'
/// rank: [`TOP_SHARE`] of the page or more counts as all of it.
fn text_share(flow: &[ShapedBlock], page: &Grid) -> f64 {
    let chars: usize = (flow.iter())
        .map(|b| match b {
            ShapedBlock::Para(p) => p.text.chars().count(),
            ShapedBlock::Figure { .. } => 0,
        })
        .sum();
    let text = chars as f64 * page.body_size.0;
    let area = page.column_width.0 * (page.columns * page.lines).max(1) as f64;
    (text / area / TOP_SHARE).min(1.0)
}

/// The title block of a module spanning `share` of the page's columns on
/// the module grid `grid`, across `least` to `widest` of its columns, its
/// headline scaled up to `most` times its size and, grown or not, no
/// larger than `cap` (where `strict`, whatever white that leaves at its
/// ends); grown to close its ends, no larger than `grown`.
fn fit_title(
    header: &[ShapedPara],
    grid: &Grid,
    (share, most, (cap, grown, strict)): (f64, f64, (Option<Pt>, Option<Pt>, bool)),
    (least, widest): (u32, u32),
) -> Title {
    let mut header: Vec<ShapedPara> = header.iter().map(|p| by_share(p, grid, share)).collect();
    let Some(h) = header.iter().position(|p| p.style.role == Role::Headline) else {
        return Title::across(&header, grid.columns);
    };
    // The largest scale the cap allows (a headline under the lead's).
    let limit = cap.map_or(f64::INFINITY, |c| c.0 / header[h].style.size.0);
    // And the largest it may be grown to.
    let grown = grown.map_or(f64::INFINITY, |c| c.0 / header[h].style.size.0);
    // The lead story's banner is grown or tracked to close the white at
    // its ends. A smaller headline set at its largest size is grown to
    // close it as the banner is (to 8/7 of its largest, a scale still
    // under the lead's largest): down a vertical page the white at its
    // ends is white down a band, beside no text (the vertical sets' holes
    // 4 -> 2); across a horizontal one it stands over the text, centred a
    // hole at each end (var-set14 of the generated variants). One set
    // smaller (it saves a slot) keeps its white.
    let banner = most >= LEAD_MAX_SCALE;
    // The scales from `most` down (the same steps capped or not), those
    // over `limit` left out (and the cap itself where they stop over it).
    let best_to = |limit: f64| {
        (least..=widest)
            .rev()
            .flat_map(|k| scales_under(&header[h], most, limit).map(move |s| (k, s)))
            .filter_map(|(k, s)| fit(&header[h], grid, k, s))
            .reduce(|a, b| if b.better_than(&a) { b } else { a })
            .map(|f| match banner || grid.vertical {
                true => closed(&header[h], grid, f, (most, limit.min(grown))),
                false => f,
            })
    };
    // Under the lead's headline, where that leaves no more white at its
    // ends than its own size would: white beside a headline is a hole
    // (the page's holes come before its hierarchy).
    // Under a cap clear of the lead's smallest size (the make-up's first
    // level), not where the free fit would reach that size:
    // gen-horizontal-10 once it held two articles over, its lead five
    // columns wide at its smallest, a short headline beside it fitted six
    // columns at the lead's 48.4 pt. The levels after it (capped at the
    // lead's size, then free) take the free fit as before, for pages
    // whose first level leaves holes (gen-horizontal-07: the white at a
    // capped headline's end beside a banner far larger).
    let free = best_to(f64::INFINITY);
    let clear = grown.is_finite() && limit < grown - 1e-9;
    let level = |f: &title_fit::Fit| clear && f.scale >= grown - 1e-9;
    let best = match limit.is_finite() {
        true => best_to(limit)
            .filter(|c| strict || free.is_none_or(|f| !opens_more(c, &f, grid) || level(&f))),
        false => None,
    }
    .or(free);
    // Horizontally grown once chosen under the cap: a free headline grown
    // would leave less white than the capped one and pass over the lead's.
    let best = match banner || grid.vertical {
        true => best,
        false => best.map(|f| closed(&header[h], grid, f, (most, limit.min(grown)))),
    };
    let columns = best.map_or(grid.columns, |f| f.columns);
    let mut open = 0.0;
    if let Some(f) = best {
        header[h] = rescaled(&header[h], f.scale, grid);
        if banner {
            open = tracked(&mut header[h], &f, grid);
        }
    }
    // The kicker and deck keep their sizes, stepped down only where a
    // phrase is wider than the block.
    let measure = extent(grid, columns);
    let mut phrases_fit = best.is_some();
    // The headline's size and start, for a deck grown under it (only a
    // horizontal block's deck is: the fit is not made for the others).
    let deck = !grid.vertical && header.iter().any(|p| p.style.role == Role::Deck);
    let under = best
        .filter(|_| deck)
        .and_then(|_| title_fit::fit(&header[h], grid, columns, 1.0));
    let headline = (
        header[h].style.size,
        under.map_or(Pt::ZERO, |f| Pt(f.spare / 2.0)),
    );
    for p in header.iter_mut() {
        if matches!(p.style.role, Role::Kicker | Role::Deck) {
            let (q, fits) = shrunk_to(p, measure, grid);
            *p = match closed_deck(&q, grid, measure, headline) {
                Some(grown) => grown,
                None => snug(&q, grid, measure),
            };
            phrases_fit &= fits;
            // Flush with the block's start: the white beside them is on
            // one side only, above the text that starts under them.
            p.style.align = Align::Start;
        }
    }
    // Under a headline narrower than half its block the byline stays in
    // the block, centred under it: the first column's head is far from it.
    let cover = best.map_or(1.0, |f| f.cover);
    let mut byline = header.iter().position(|p| p.style.role == Role::Byline);
    if cover < 0.5
        && let Some(b) = byline.take()
    {
        header[b].style.align = Align::Center;
    }
    Title {
        header,
        columns,
        byline,
        fitted: true,
        phrases_fit,
        clear_foot: false,
        open,
        white_below: 0,
        cover,
    }
}

/// Whether the headline fit `capped` leaves white at its ends past
/// [`closes`] where `free` leaves less.
fn opens_more(capped: &title_fit::Fit, free: &title_fit::Fit, grid: &Grid) -> bool {
    !closes(capped.spare, grid) && capped.spare > free.spare + 0.01
}

/// Most a deck grows to close the white at its line's end.
const DECK_MOST: f64 = 1.5;
/// A grown deck's largest size, in its headline's: it stays a subtitle.
const DECK_OF_HEADLINE: f64 = 0.5;

/// `p`, a one-line deck on a horizontal block `measure` long, grown to
/// the least size (in steps of a twentieth, up to [`DECK_MOST`] and
/// [`DECK_OF_HEADLINE`] of the headline's `size`) whose line, starting
/// where the headline does (`indent` in), ends less than a hole's width
/// short of the block's end: a short deck under a wide headline left the
/// white at its end a hole (gq-set13's lead, 15 × 5 ems), where a
/// compositor sets the deck a size larger. `None` where it leaves no
/// hole-wide white, takes more than a line, or no size closes it.
fn closed_deck(
    p: &ShapedPara,
    grid: &Grid,
    measure: Pt,
    (size, indent): (Pt, Pt),
) -> Option<ShapedPara> {
    if grid.vertical || p.style.role != Role::Deck || size.0 <= 0.0 {
        return None;
    }
    let wide = grid.body_size.0 * (HOLE_EMS as f64 + 2.0);
    let lead = p.style.size.0 * p.style.indent as f64;
    let width = super::furniture::natural_width(p).0 + lead;
    let white = |s: f64| measure.0 - indent.0 - width * s;
    if white(1.0) < wide {
        return None;
    }
    let most = DECK_MOST.min(size.0 * DECK_OF_HEADLINE / p.style.size.0);
    let s = (1..=20)
        .map(|i| 1.0 + 0.05 * i as f64)
        .take_while(|&s| s <= most + 1e-9 && white(s) >= 0.0)
        .find(|&s| white(s) < wide)?;
    Some(rescaled(p, s, grid))
}

/// The least a kicker or deck steps down to take a slot fewer a line.
const SNUG: f64 = 0.9;
/// The least a short vertical kicker steps down to, in body sizes, to
/// take one slot (see [`snug`]): the smallest display heading, still
/// clear of the text (a quarter larger; a newspaper's 引题 over a 9 pt
/// body is often set at 12 pt, whatever the headline's size).
const SHORT_KICKER: f64 = 1.25;
/// White a vertical kicker's line may leave under it, in body sizes,
/// before the column of white beside it reads as a hole (a checker's
/// 4-em square, with the em of type either side that counts as taken).
const KICKER_WHITE: f64 = 4.0;

/// `p` (a kicker or deck) stepped down, by up to a tenth, to the size
/// whose lines take a slot fewer each: on the broadsheet's vertical grid
/// (12.5 pt pitch, a display line's box 1.2 of its size across) a kicker
/// of 12.5 pt takes two slots and at 11.5 pt one, so the column of white
/// beside it (from the headline to the next module's text, a hole down
/// the block's length under a short kicker) narrows by a slot.
///
/// A vertical kicker whose line leaves more than [`KICKER_WHITE`] of
/// `measure` white under it steps down further, to one slot, as long as
/// it stays [`SHORT_KICKER`] body sizes: at two slots the white column
/// under it (some six ems across, with the white line between modules)
/// is a hole down the block; at one it is under five.
pub(super) fn snug(p: &ShapedPara, grid: &Grid, measure: Pt) -> ShapedPara {
    let size = p.style.size.0;
    let slots = display_slots(p.style.size, grid);
    if slots < 2 {
        return p.clone();
    }
    // The largest size whose line takes `n` slots.
    let largest_in = |n: u32| {
        (n as f64 * grid.pitch.0 + grid.body_size.0 * BOX_REACH) / grid.display_box().centred()
    };
    let short = grid.vertical
        && p.style.role == Role::Kicker
        && super::title_set::room_for(p, measure).0 > grid.body_size.0 * KICKER_WHITE;
    let one = largest_in(1);
    if short && one >= grid.body_size.0 * SHORT_KICKER && one < size {
        return rescaled(p, one / size * (1.0 - 1e-6), grid);
    }
    let fewer = largest_in(slots - 1);
    match fewer >= size * SNUG && fewer < size {
        true => rescaled(p, fewer / size * (1.0 - 1e-6), grid),
        false => p.clone(),
    }
}

/// The inline extent of the first `k` columns.
pub fn extent(grid: &Grid, k: u32) -> Pt {
    grid.column_start(k.max(1) - 1) + grid.column_width
}

/// A display heading (kicker, headline, deck) at its size scaled by the
/// square root of the module's share of the page, never below
/// [`LEAST_DISPLAY`] body sizes.
fn by_share(p: &ShapedPara, grid: &Grid, share: f64) -> ShapedPara {
    if !matches!(p.style.role, Role::Kicker | Role::Headline | Role::Deck) {
        return p.clone();
    }
    let size = p.style.size.0;
    let k = (share.sqrt() * size).max(grid.body_size.0 * LEAST_DISPLAY) / size;
    rescaled(p, k.min(1.0), grid)
}

/// `p` at `k` times its size, with the slots its lines then need.
pub(super) fn rescaled(p: &ShapedPara, k: f64, grid: &Grid) -> ShapedPara {
    let mut q = if (k - 1.0).abs() < 1e-9 {
        p.clone()
    } else {
        p.scaled(k)
    };
    q.style.lines = display_slots(q.style.size, grid);
    q
}

/// The slots a display line of `size` takes: its box centred in them,
/// less the little it may reach past them.
pub(super) fn display_slots(size: Pt, grid: &Grid) -> u32 {
    let h = size.0 * grid.display_box().centred() - grid.body_size.0 * BOX_REACH;
    (h / grid.pitch.0).ceil().max(1.0) as u32
}

/// The share of the page an article's text takes at which its headings
/// get their full size (see [`text_share`]).
const TOP_SHARE: f64 = 0.25;

/// `p` stepped down in 5% steps, to its least scale, until its phrases
/// fit `measure`, and whether they do.
fn shrunk_to(p: &ShapedPara, measure: Pt, grid: &Grid) -> (ShapedPara, bool) {
    let fits = |s: f64| {
        let inset = p.style.size * (s * p.style.inset as f64);
        let indent = p.style.size * (s * p.style.indent as f64);
        phrase_lines(
            &p.items,
            (measure - inset * 2.0) * (1.0 / s),
            indent * (1.0 / s),
        )
        .is_some()
    };
    let least = p.style.min_scale.min(1.0);
    let mut s = 1.0;
    while !fits(s) && s - 0.05 >= least - 1e-9 {
        s -= 0.05;
    }
    let q = match s < 1.0 {
        true => rescaled(p, s, grid),
        false => p.clone(),
    };
    (q, fits(s))
}

/// The slots the block takes in the first column, its byline included,
/// as [`Composer::set_title`] stacks them: what a cut module must keep
/// besides its text.
pub fn title_slots(title: &Title, grid: &Grid, rules: &LineRules) -> u32 {
    let measure = extent(grid, title.columns);
    let mut stack = Stack::new(grid);
    let mut slot = 0;
    let mut byline = 0;
    let label = super::own_title::label_under(title, measure, rules);
    for (n, p) in title.header.iter().enumerate() {
        let lines = break_heading(p, title.measure_of(p, measure), rules).len() as u32;
        // A label at the headline's foot takes no slots of its own.
        if Some(n) == label {
            continue;
        }
        if Some(n) == title.byline {
            byline = break_heading(p, grid.column_width, rules).len() as u32;
            continue;
        }
        slot += p.style.space_before;
        let per = match title.fitted {
            true => stack.slots(slot, p.style.size),
            false => p.style.lines,
        };
        slot += lines * per + p.style.space_after;
    }
    match title.fitted {
        true => stack.body_slot(slot, grid.body_size) + byline,
        false => slot + 1,
    }
}
