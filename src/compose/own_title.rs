//! The title block of a module on a grid of its own (a vertical box on a
//! horizontal page: tiers of lines as long as the box is tall), fitted to
//! a box of few lines as a compositor fits it, never cut.

use super::heads::phrase_lines;
use super::title::{Title, extent, rescaled, title_slots};
use crate::model::{Grid, LineRules, Role};
use crate::shape::ShapedPara;

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
        if holds(&across, TEXT_UNDER) {
            return across;
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
        // The lines of text the block leaves on the grid's page.
        let room = |t: &Title| {
            let under = grid.lines.saturating_sub(title_slots(t, grid, rules));
            under * t.columns + grid.lines * (grid.columns - t.columns)
        };
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
