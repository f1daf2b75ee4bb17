//! How a headline fills the columns of its title block: the candidate
//! fits at each size and span, which is better, and how the lead story's
//! banner closes the white its largest size leaves (grown, then tracked).

use super::heads::phrase_lines;
use super::title::{BOX_REACH, display_slots, extent};
use crate::model::{DisplayBox, Grid};
use crate::shape::ShapedPara;
use crate::units::Pt;

/// How far past its most a headline may grow to close the white at its
/// ends (see [`closed`]): 1.75 → 2.0 for the lead story's.
const GROWN: f64 = 8.0 / 7.0;
/// Steps of the headline's size while fitting it.
const STEP: f64 = 0.025;
/// White a headline line may leave beside it, both sides together, in
/// body sizes, for the fit to count it filled when sizes are compared
/// (the banner closes its white further, see [`CLOSE_EMS`]; growing it as
/// far as it goes where it cannot close it made other modules' holes: 20
/// generated vertical pages 27 → 30).
const SLACK_EMS: f64 = 9.0;
/// A candidate fit of the headline: its lines' white beyond the slack
/// (in body sizes), the slots its lines take, the columns it spans and
/// its scale.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fit {
    pub(super) white: f64,
    /// The widest line's share of the block's measure.
    pub(super) cover: f64,
    pub(super) slots: u32,
    pub(super) lines: u32,
    pub(super) columns: u32,
    pub(super) scale: f64,
    /// White beside the widest line, in points.
    pub(super) spare: f64,
    /// Down a vertical page, the white beside the widest line is more than
    /// leaves no hole at its ends ([`CLOSE_EMS`]): white down a band (see
    /// [`Fit::better_than`]).
    pub(super) open: bool,
}

impl Fit {
    /// Less white first, then wider, fewer slots, larger; on a vertical
    /// grid one that leaves no hole at its ends (not `open`) comes before
    /// fewer slots.
    pub(super) fn better_than(&self, o: &Fit) -> bool {
        let key = |f: &Fit| {
            (
                f.white.round() as i64,
                u32::MAX - f.columns,
                f.open,
                f.slots,
            )
        };
        let (a, b) = (key(self), key(o));
        a < b || (a == b && self.scale > o.scale)
    }
}

/// White a display line that cannot fill its block may leave beside it,
/// both sides together, in body sizes, before it is grown or tracked to
/// close it: centred, 3½ ems a side, under a checker's 4-em hole however
/// its cells fall ([`SLACK_EMS`] is what the fit tolerates between sizes).
const CLOSE_EMS: f64 = 7.0;

/// `best` grown past `most`, by [`GROWN`] of it at most, to the least
/// scale at which its widest line leaves no more than [`CLOSE_EMS`] of
/// white and its lines none beyond the slack (then to the largest in the
/// slots that one takes): a headline whose largest
/// size falls short of its block would leave a hole at both ends (a
/// one-line banner down two tiers of a vertical page), where a
/// compositor sets it a size larger; never past `limit` (a headline
/// under the lead story's stays under it).
pub(super) fn closed(p: &ShapedPara, grid: &Grid, best: Fit, (most, limit): (f64, f64)) -> Fit {
    let close = grid.body_size.0 * CLOSE_EMS;
    if best.spare <= close || best.scale < most - STEP / 2.0 {
        return best;
    }
    let steps = (most * (GROWN - 1.0) / STEP).floor() as u32;
    let grown: Vec<Fit> = (1..=steps)
        .map(|i| most + STEP * i as f64)
        .take_while(|&s| s <= limit)
        .filter_map(|s| fit(p, grid, best.columns, s))
        .take_while(|f| f.lines == best.lines)
        .collect();
    let Some(at) = (grown.iter()).position(|f| f.white.round() == 0.0 && f.spare <= close) else {
        return best;
    };
    // The largest size in the slots the least closing one takes: a line
    // grown just past a slot's depth would leave most of it white above.
    let last = (grown[at..].iter())
        .take_while(|f| f.slots == grown[at].slots)
        .last();
    last.copied().unwrap_or(best)
}

/// Most tracking (字距) a one-line headline takes between its characters
/// to close the white its largest size leaves, in its ems: the eye does
/// not read a twenty-fifth of an em as spacing (pdfcheck.py counts a line
/// as letter-spaced past a twentieth).
const MAX_TRACKING: f64 = 0.04;

/// `p`, fitted as `f`, tracked when it is one line that still leaves more
/// than [`CLOSE_EMS`] of white: each gap between its characters widened
/// by its share of the excess, to [`MAX_TRACKING`]. The white then left
/// beside its widest line, in points.
pub(super) fn tracked(p: &mut ShapedPara, f: &Fit, grid: &Grid) -> f64 {
    let gaps = p.items.len().saturating_sub(1);
    let excess = f.spare - grid.body_size.0 * CLOSE_EMS;
    if excess <= 0.0 || f.lines != 1 || gaps == 0 {
        return f.spare;
    }
    let t = Pt(excess / gaps as f64).min(p.style.size * MAX_TRACKING);
    p.items[..gaps].iter_mut().for_each(|i| i.gap.natural += t);
    f.spare - t.0 * gaps as f64
}

/// Whether a banner leaving `open` points of white beside its widest line
/// leaves no hole at its ends (see [`CLOSE_EMS`]).
pub(super) fn closes(open: f64, grid: &Grid) -> bool {
    open <= grid.body_size.0 * CLOSE_EMS + 0.01
}

/// The scales a headline is tried at: from `most` down to its style's
/// least.
fn scales(p: &ShapedPara, most: f64) -> impl Iterator<Item = f64> {
    let least = p.style.min_scale.min(1.0);
    let steps = ((most - least) / STEP).round() as u32;
    (0..=steps).map(move |i| most - STEP * i as f64)
}

/// The scales a headline capped at `limit` is tried at: [`scales`] up to
/// it, and the cap itself where it is under the style's least: a headline
/// capped under the lead story's is set smaller than its style allows
/// rather than over the lead's (a compositor's review: a 43.1 pt style's
/// least, 34.5 pt, over a cap of 32.0 left the headline free, 48.5 pt
/// over the lead's 40.7).
pub(super) fn scales_under(p: &ShapedPara, most: f64, limit: f64) -> impl Iterator<Item = f64> {
    let least = p.style.min_scale.min(1.0);
    (scales(p, most).filter(move |&s| s <= limit + 1e-9)).chain((limit < least).then_some(limit))
}

/// How the headline `p` at scale `s` fills the first `k` columns; `None`
/// when a phrase does not fit them.
pub(super) fn fit(p: &ShapedPara, grid: &Grid, k: u32, s: f64) -> Option<Fit> {
    let m = extent(grid, k);
    let size = p.style.size * s;
    let inset = size * p.style.inset as f64;
    let indent = size * p.style.indent as f64;
    let measure = m - inset * 2.0;
    // Widths scale with the size: the natural items at `measure / s`.
    let lines = phrase_lines(&p.items, measure * (1.0 / s), indent * (1.0 / s))?;
    let slack = grid.body_size.0 * SLACK_EMS;
    let widths: Vec<f64> = (lines.iter())
        .map(|r| {
            (p.items[r.clone()].iter().map(|i| i.width.0).sum::<f64>() + gaps(p, r.clone())) * s
        })
        .collect();
    let widest = widths.iter().copied().fold(0.0, f64::max);
    let spare = measure.0 - widest;
    let white = (widths.iter())
        .map(|w| (measure.0 - w - slack).max(0.0))
        .sum::<f64>()
        / grid.body_size.0;
    Some(Fit {
        white,
        cover: widest / measure.0.max(1.0),
        spare,
        slots: lines.len() as u32 * display_slots(size, grid),
        lines: lines.len() as u32,
        columns: k,
        scale: s,
        open: grid.vertical && spare > grid.body_size.0 * CLOSE_EMS,
    })
}

/// The natural gaps inside items `r`.
fn gaps(p: &ShapedPara, r: std::ops::Range<usize>) -> f64 {
    let line = &p.items[r];
    line[..line.len().saturating_sub(1)]
        .iter()
        .map(|i| i.gap.natural.0)
        .sum()
}

/// Display lines stacked as tightly as their boxes allow: a line takes
/// the slots its size needs, and more while its box would reach into the
/// box of the line above.
pub(super) struct Stack {
    pitch: f64,
    reach: f64,
    /// A line's box across it, in its sizes.
    ink: DisplayBox,
    /// The bottom of the last line's box, in points from slot 0.
    bottom: Option<f64>,
}

impl Stack {
    pub(super) fn new(grid: &Grid) -> Stack {
        Stack {
            pitch: grid.pitch.0,
            reach: grid.body_size.0 * BOX_REACH,
            ink: grid.display_box(),
            bottom: None,
        }
    }

    /// The first slot from `slot` on where a line of text (of `body`
    /// size) clears the last line's box.
    pub(super) fn body_slot(&self, slot: u32, body: Pt) -> u32 {
        let clear = |s: u32| {
            let centre = s as f64 * self.pitch + self.pitch / 2.0;
            self.bottom
                .is_none_or(|b| centre - self.ink.before * body.0 >= b - self.reach)
        };
        (slot..).find(|&s| clear(s)).unwrap_or(slot)
    }

    /// The slots a line of `size` from `slot` takes.
    pub(super) fn slots(&mut self, slot: u32, size: Pt) -> u32 {
        let (s, top) = (size.0, slot as f64 * self.pitch);
        let centre = |per: u32| top + per as f64 * self.pitch / 2.0;
        // Lines of one heading clear each other's boxes too.
        let own = (s * (self.ink.before + self.ink.after) - self.reach) / self.pitch;
        let mut per = own.ceil().max(1.0) as u32;
        while let Some(b) = self.bottom
            && centre(per) - self.ink.before * s < b - self.reach
        {
            per += 1;
        }
        self.bottom = Some(centre(per) + self.ink.after * s);
        per
    }

    /// The first slot under a display line of `size` set alone from
    /// `slot` in `per` slots where a line of text clears its box (as
    /// [`Stack::body_slot`] clears the block's last line).
    pub(super) fn under_line(grid: &Grid, (slot, per): (u32, u32), size: Pt) -> u32 {
        let mut stack = Stack::new(grid);
        let top = slot as f64 * stack.pitch;
        stack.bottom = Some(top + per as f64 * stack.pitch / 2.0 + stack.ink.after * size.0);
        stack.body_slot(slot + per, grid.body_size)
    }
}

#[cfg(test)]
mod tests {
    use super::Fit;

    /// A one-line headline across four columns (bands), at two sizes:
    /// the smaller in fewer slots, leaving `spare` points beside it, open
    /// down a vertical page past 7 body ems of 9 pt (63 points).
    fn at(vertical: bool, slots: u32, spare: f64, scale: f64) -> Fit {
        Fit {
            white: 0.0,
            cover: 0.9,
            slots,
            lines: 1,
            columns: 4,
            scale,
            spare,
            open: vertical && spare > 63.0,
        }
    }

    /// Down a vertical page the white at a centred headline's ends is
    /// white down a band: 8 body ems of it (4 a side, with the band's
    /// white around) made holes at the headline's foot on 3 of 20
    /// generated pages. A size a slot larger that closes it is taken
    /// there; across a horizontal module the fewer slots still win (the
    /// white stands over the text, which the make-up counts).
    #[test]
    fn a_vertical_headline_closes_its_ends_before_saving_a_slot() {
        let (small, large) = ((4, 72.0, 1.0), (5, 40.0, 1.1));
        let fit = |v: bool, (slots, spare, scale)| at(v, slots, spare, scale);
        assert!(fit(true, large).better_than(&fit(true, small)));
        assert!(!fit(true, small).better_than(&fit(true, large)));
        assert!(fit(false, small).better_than(&fit(false, large)));
        // Both within the white that leaves no hole: fewer slots first.
        let closed = (4, 50.0, 1.0);
        assert!(fit(true, closed).better_than(&fit(true, large)));
    }
}
