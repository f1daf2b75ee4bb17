//! The title block of a module on a grid of its own (a vertical box on a
//! horizontal page: tiers of lines as long as the box is tall), fitted to
//! a box of few lines as a compositor fits it, never cut.

use super::heads::{break_heading, phrase_lines};
use super::holes::HOLE_EMS;
use super::title::{Title, extent, rescaled, title_slots};
use crate::model::{Grid, LineRules, Role};
use crate::shape::ShapedPara;
use crate::units::Pt;

impl Title {
    /// The title block of a module on a grid of its own (a vertical box
    /// on a horizontal page) with `text` lines of text, fitted as a
    /// compositor fits it to a box of few lines: across every tier at the
    /// article's sizes where its headings break between phrases and it
    /// leaves [`TEXT_UNDER`] lines of text under it; else the largest
    /// block (its headings breaking between phrases) that leaves room for all the text
    /// (across every tier with its display headings stepped down to their
    /// least sizes, then across fewer tiers, at the article's sizes and
    /// then the least ones, the text running beside it in its tiers and
    /// on in the others: 题文穿插); else the one that leaves the most.
    /// Never cut: where nothing holds it, the block across (and the error
    /// it gives; its `phrases_fit` says whether its headings break
    /// between phrases there).
    pub fn fitted_own_grid(
        header: &[ShapedPara],
        grid: &Grid,
        rules: &LineRules,
        text: u32,
    ) -> Title {
        let across = Title::on_own_grid(header, grid.columns, grid.vertical);
        let holds = |t: &Title, room: u32| {
            title_slots(t, grid, rules) + room <= grid.lines + 1
                && t.header.iter().all(|p| fits_phrases(t, p, grid))
        };
        // The lines of text the block leaves on the grid's page.
        let room = |t: &Title| {
            let under = grid.lines.saturating_sub(title_slots(t, grid, rules));
            under * t.columns + grid.lines * (grid.columns - t.columns)
        };
        if holds(&across, TEXT_UNDER) {
            if let Some(labelled) =
                label_under_headline(&across, grid, rules, |t| holds(t, TEXT_UNDER))
            {
                return labelled;
            }
            // In the fewest tiers that take its lines, its headline a
            // size or two smaller at most (to [`TIER_FLOOR`]; where
            // across it leaves a hole, to [`HOLE_TIER_FLOOR`]), in no more
            // lines than across: across every tier, a headline of seven
            // characters ended in the second of two and left the rest of
            // its line white, a hole in the box (13 × 17 ems); in the
            // first, the text runs on under it (题在上段).
            let slots = title_slots(&across, grid, rules);
            let floor = match leaves_hole(&across, grid, rules) {
                true => HOLE_TIER_FLOOR,
                false => TIER_FLOOR,
            };
            let fewer = (1..grid.columns)
                .flat_map(|k| scales_down_to(floor).map(move |scale| (k, scale)))
                .map(|(k, scale)| {
                    Title::on_own_grid(&headline_at(header, scale, grid), k, grid.vertical)
                })
                .find(|t| title_slots(t, grid, rules) <= slots && holds(t, 0) && room(t) >= text);
            return fewer.unwrap_or(across);
        }
        let least: Vec<ShapedPara> = (header.iter())
            .map(|p| match p.style.role {
                Role::Kicker | Role::Headline | Role::Deck => {
                    rescaled(p, p.style.min_scale.min(1.0), grid)
                }
                _ => p.clone(),
            })
            .collect();
        let stepped = Title::on_own_grid(&least, grid.columns, grid.vertical);
        let narrow = (1..grid.columns)
            .rev()
            .flat_map(|k| {
                [
                    Title::on_own_grid(header, k, grid.vertical),
                    Title::on_own_grid(&least, k, grid.vertical),
                ]
            })
            .filter(|t| holds(t, 0));
        let candidates: Vec<Title> = (holds(&stepped, TEXT_UNDER).then_some(stepped))
            .into_iter()
            .chain(narrow)
            .collect();
        let most = candidates.iter().map(room).max();
        let phrases = across.header.iter().all(|p| fits_phrases(&across, p, grid));
        (candidates.iter())
            .find(|t| room(t) >= text)
            .or_else(|| candidates.iter().find(|t| Some(room(t)) == most))
            .cloned()
            .unwrap_or(Title {
                phrases_fit: phrases,
                ..across
            })
    }
}

/// Lines of text a title block across every tier of a grid of its own
/// leaves under it at least (as [`Composer::set_title`] requires).
pub(super) const TEXT_UNDER: u32 = 4;

/// Whether display line `p` of `title` breaks between phrases in the
/// block's measure on `grid`.
fn fits_phrases(title: &Title, p: &ShapedPara, grid: &Grid) -> bool {
    if !matches!(p.style.role, Role::Kicker | Role::Headline | Role::Deck) {
        return true;
    }
    let measure = title.measure_of(p, extent(grid, title.columns));
    let inset = p.style.size * p.style.inset as f64;
    let indent = p.style.size * p.style.indent as f64;
    phrase_lines(&p.items, measure - inset * 2.0, indent).is_some()
}

/// Room between a vertical headline's last character and a serial label
/// set at the foot of its line, in the headline's ems: the two read as
/// title and credit, not as one line.
const LABEL_GAP: f64 = 1.0;

/// The least a headline steps down to make room for the serial label at
/// its foot ([`label_under`]): up to a quarter smaller, as a compositor
/// fits a title column. At a size smaller (0.85), page-9's serial box a
/// line shallower (its end mark run in) set its label beside the
/// headline, both lines white under their ends (8 × 11 ems).
const LABEL_FLOOR: f64 = 0.75;

/// The least a headline steps down to stand in fewer tiers than the box
/// has: a size smaller.
const TIER_FLOOR: f64 = 0.85;

/// The least a headline steps down to stand in fewer tiers where across
/// every tier the block leaves a hole under its lines
/// ([`leaves_hole`]): a title too long for a tier and too short for
/// two (gen-pages --tiers set02's 第七百八十九回 over 雨夜的来信 and its
/// label, 15 × 28 ems white under them in the second tier) is set in
/// the first, the text running on under it across the box (题在上段),
/// as a compositor sets it. Only there: at this floor everywhere,
/// edition-12 set vertically changed its make-up for one with a 9 × 16
/// hole.
const HOLE_TIER_FLOOR: f64 = 0.65;

/// Whether a vertical title block leaves white under its lines, at
/// their ends, as deep as a hole ([`HOLE_EMS`] body ems): its longest
/// line (kicker, headline, deck or label; a byline stands apart) that
/// much short of the block's measure, every line of it so. A horizontal block is centred over its box, its white parted at
/// both ends as designed (edition-12 set vertically: 第十二回 over 雪夜过渡口,
/// half its box wide).
fn leaves_hole(title: &Title, grid: &Grid, rules: &LineRules) -> bool {
    if !grid.vertical {
        return false;
    }
    let measure = extent(grid, title.columns);
    let longest = (title.header.iter().enumerate())
        .filter(|&(n, _)| title.byline != Some(n))
        .flat_map(|(_, p)| break_heading(p, title.measure_of(p, measure), rules))
        .map(|l| l.width)
        .fold(Pt::ZERO, Pt::max);
    measure - longest >= grid.body_size * HOLE_EMS as f64
}

/// `header` with its headline at `scale` of its size.
fn headline_at(header: &[ShapedPara], scale: f64, grid: &Grid) -> Vec<ShapedPara> {
    (header.iter())
        .map(|p| match p.style.role {
            Role::Headline => rescaled(p, scale, grid),
            _ => p.clone(),
        })
        .collect()
}

/// Steps of the headline's scale while making room for the label or
/// keeping to fewer tiers.
const LABEL_STEP: f64 = 0.025;

/// The headline's scales from its own size down to `floor`, a
/// [`LABEL_STEP`] at a time.
fn scales_down_to(floor: f64) -> impl Iterator<Item = f64> {
    let steps = ((1.0 - floor) / LABEL_STEP).round() as u32;
    (0..=steps).map(|i| 1.0 - LABEL_STEP * i as f64)
}

/// The serial label (连载 N　《书名》　某 著) of a vertical title block on a
/// grid of its own (a serial box on a horizontal page) set at the foot
/// of the headline's line, as a compositor sets a title column (题下署名),
/// where the headline is one line and the label fits after it
/// [`LABEL_GAP`] clear and no further from it than its own length: the
/// label's index in the header. In a line of its own beside the headline
/// it left the headline's line white under its last character
/// (examples/page-9's 第十二回　雪夜过渡口: 8 × 14 ems down the box) and
/// took a line of every tier from the text.
pub(super) fn label_under(title: &Title, measure: Pt, rules: &LineRules) -> Option<usize> {
    if !title.clear_foot || title.fitted {
        return None;
    }
    let n = (title.header.iter()).position(|p| p.style.role == Role::SerialLabel)?;
    let (headline, label) = (title.header.get(n.checked_sub(1)?)?, &title.header[n]);
    if headline.style.role != Role::Headline || title.byline == Some(n) {
        return None;
    }
    let [h] = &break_heading(headline, title.measure_of(headline, measure), rules)[..] else {
        return None;
    };
    let [l] = &break_heading(label, measure, rules)[..] else {
        return None;
    };
    // Clear of the headline, and near enough to read with it: a label
    // further from it than its own length stands apart (a serial alone
    // in a box the page's depth left 67 ems between the two).
    let gap = headline.style.size * LABEL_GAP;
    let white = measure - h.width - l.width;
    (white >= gap && white <= l.width).then_some(n)
}

/// `title` with its serial label at the foot of the headline's line
/// ([`label_under`]), the headline stepped down to [`LABEL_FLOOR`] at
/// most to make room for it, where the block still `holds`; `None`
/// where no step makes room.
fn label_under_headline(
    title: &Title,
    grid: &Grid,
    rules: &LineRules,
    holds: impl Fn(&Title) -> bool,
) -> Option<Title> {
    let measure = extent(grid, title.columns);
    let h = (title.header.iter()).position(|p| p.style.role == Role::Headline)?;
    scales_down_to(LABEL_FLOOR)
        .map(|scale| {
            let mut t = title.clone();
            t.header[h] = rescaled(&title.header[h], scale, grid);
            t
        })
        .find(|t| label_under(t, measure, rules).is_some() && holds(t))
}
