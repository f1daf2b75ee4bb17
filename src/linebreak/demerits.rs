//! What a line costs (demerits): the penalties for what a reader sees
//! (spacing, hanging, lone characters, loose lines, hyphens) and a
//! candidate line's demerits as total fit and first fit weigh them.

use super::fit::{Fit, Sums};
use super::{EPSILON, Params};
use crate::model::item::INTER_CHAR_STRETCH_EM;
use crate::model::punct::punct_class;
use crate::model::{Hanging, Item, Prohibition};

/// Demerits that make a choice a last resort without making it impossible,
/// so that a paragraph always gets some set of lines.
pub(super) const LAST_RESORT: f64 = 1e9;
/// A lone ideograph on a paragraph's last line (段末孤字).
pub const LONE_CHARACTER: f64 = 1e7;
/// Letter spacing of a tenth of an em between Han characters: visible,
/// tolerated where no mark can be compressed instead (推入 first). Fully
/// compressing a line's marks costs about 300, so the breaker compresses
/// and moves breaks across the paragraph rather than space a line.
pub const SPACED_LINE: f64 = 20_000.0;
/// Letter spacing above this (in ems per gap) can be seen: a reader (and
/// pdfcheck's `letter_spaced_lines`) counts the line as spaced.
pub const VISIBLE_SPACING_EM: f64 = 0.05;
/// The step a line pays for spacing that can be seen, on top of
/// [`SPACED_LINE`]'s square: two lines spaced by 0.045 em (a half em short
/// each) cost less than one by 0.09 em, as they do without it, and so do
/// up to forty hung marks or fully compressed lines elsewhere in the
/// paragraph, which the square alone weighed against about three (a
/// 2-line paragraph whose last line can take its marks compressed and
/// its stop hung is set so, not with its first line spaced by 1/11 em).
/// Far below a lone character or wide spacing.
pub const VISIBLE_SPACING: f64 = 10.0 * SPACED_LINE;
/// Letter spacing a line takes before its compressed pairs of marks open
/// to full width again (in ems per gap): spacing this slight cannot be
/// seen, while a pair at two ems (：“, 。”) leaves a hole (CLREQ §3.1.6.2
/// compresses adjacent marks). Clear of [`VISIBLE_SPACING_EM`], so that
/// a line spaced this much is not counted as spaced.
pub const QUIET_SPACING_EM: f64 = 0.04;
/// Letter spacing above this (in ems per gap) is set only where nothing
/// else works: it costs more than any hung mark (a crowded one included)
/// and than any number of lines spaced up to it, but less than a lone last
/// character, which readers and the gates never accept (a paragraph of
/// nine characters, ：「 and 。」 after its indent is set with its first
/// line spaced by 2/11 em, not with 題。」 alone on its last).
pub const WIDE_SPACING_EM: f64 = 0.1;
pub const WIDE_SPACING: f64 = 0.75 * LONE_CHARACTER;
/// Word spaces stretched past half an em (a loose line): a step as costly
/// as a lone character, so that the breaker sets few loose lines rather
/// than many slightly loose ones (at 13 ems, English cannot avoid them all).
pub const LOOSE_LINE: f64 = 1e7;
/// A line starting with —— or …… where the prohibition level allows it
/// (basic, for zh-Hant): many houses avoid it, and readers' checkers count
/// it as a prohibited break, which is never acceptable while anything
/// else can be set: it costs more than spacing wider than a tenth of an
/// em and a lone last character together. Where a paragraph's first line
/// holds ten characters after its two-em indent and a …… follows, the
/// line is spaced (1/11 em more a gap for each character pushed out with
/// the ……) rather than start the next line with it.
pub const DASH_LINE_START: f64 = 2.0 * (WIDE_SPACING + LONE_CHARACTER);
/// The same with no prohibition at all (`prohibition = "none"`, the
/// writer's choice): avoided where a compression or spacing up to a
/// tenth of an em does it, not at any cost.
pub const DASH_LINE_START_UNPROHIBITED: f64 = 2.0 * SPACED_LINE;
/// A mark hung past the measure (`hanging = "needed"`), in a line that no
/// compression fits: as costly as letter spacing of 0.05 em a gap, so that
/// spacing too slight to see is kept and any wider spacing, a lone
/// character or a prohibited break costs more.
pub const HANGING_LINE: f64 = SPACED_LINE / 4.0;
/// A centred mark hung into a ruled one-character gutter
/// ([`Hanging::NeededAtStart`]): its ink comes within about a sixth of
/// an em of the rule (a vertical one set up to its ink, as near the
/// measure as a compressed mark comes to its neighbour), so it is set
/// only where compression and spacing too slight to see cannot do: as
/// costly as the step of spacing that can be seen, so that any visibly
/// spaced line costs more (Traditional 13-character columns hang their
/// ，。、 rather than space one line in thirty by 1/12 em).
pub const CROWDED_HANG: f64 = VISIBLE_SPACING;
/// A spaced first line spreads its room over the indent too, which widens
/// it: when another line can take the same spacing, that one is spaced.
pub const SPACED_FIRST_LINE: f64 = 1000.0;
/// Two hyphenated lines in a row.
pub const DOUBLE_HYPHEN: f64 = 3000.0;
/// Most hyphenated lines in a row: a third is never set.
pub const MAX_HYPHEN_RUN: u8 = 2;
pub(super) const LINE_PENALTY: f64 = 10.0;

/// Demerits of one line, `None` when it cannot be set (overfull).
pub fn line_demerits(
    items: &[Item],
    sums: &Sums,
    a: usize,
    b: usize,
    line: usize,
    p: &Params,
) -> Option<f64> {
    line_demerits_at(items, sums, (a, b), (p.measure)(line).0, p)
}

/// [`line_demerits`] of a line whose `measure` is known.
#[inline]
pub(super) fn line_demerits_at(
    items: &[Item],
    sums: &Sums,
    (a, b): (usize, usize),
    measure: f64,
    p: &Params,
) -> Option<f64> {
    let indent = if a == 0 { p.first_indent.0 } else { 0.0 };
    let mut f = sums.fit(items, (a, b), measure - indent, indent, p);
    let mut w = f.width + indent;
    let mut d = 0.0;
    if w - f.shrink > measure + EPSILON {
        // Compression cannot fit it: the last mark may hang where needed.
        let (hung, shrink) = f.hung?;
        let last = &items[b - 1];
        let crowded = p.hanging == Hanging::NeededAtStart
            && last.blank_before.0 > 0.0
            && last.hang_end.0 == 0.0;
        let cost = if crowded { CROWDED_HANG } else { HANGING_LINE };
        (w, f.shrink, d) = (hung + indent, shrink, cost);
        if w - f.shrink > measure + EPSILON {
            return None;
        }
    }
    let last_line = b == items.len();
    let shrunk = |w: f64| badness((w - measure) / f.shrink.max(1e-9));
    d += if last_line {
        (LINE_PENALTY + if w > measure { shrunk(w) } else { 0.0 }).powi(2)
    } else if !p.justify {
        // Ragged lines: prefer full ones, mildly.
        (LINE_PENALTY + badness((measure - w).max(0.0) / measure.max(1e-9))).powi(2)
    } else if w <= measure && p.flush_short && measure - w > f.flex + f.pair + EPSILON {
        // Set flush, not spaced: a short line, as a ragged one costs.
        (LINE_PENALTY + badness((measure - w) / measure.max(1e-9))).powi(2)
    } else if w <= measure {
        let spaced =
            a == 0 && indent > 0.0 && f.inter > 0.0 && measure - w > f.flex + f.pair + EPSILON;
        stretch_demerits(measure - w, &f) + if spaced { SPACED_FIRST_LINE } else { 0.0 }
    } else {
        // Compressing marks to take one more character (推入) is preferred to
        // pushing one out (推出), CLREQ §2: shrink costs a tenth of stretch.
        (LINE_PENALTY + shrunk(w) / 10.0).powi(2)
    };
    d = with_break(items, b, d, p);
    // A lone character is as bad on a short line beside a figure as on a
    // paragraph's last line.
    if (last_line || p.flush_short) && a > 0 && lone_character(&items[a..b]) {
        d += LONE_CHARACTER;
    }
    Some(d)
}

/// `d`, the demerits of a line ending at `b`, with what the break there
/// adds: its penalty, and a dash or ellipsis starting the next line.
#[inline]
pub(super) fn with_break(items: &[Item], b: usize, mut d: f64, p: &Params) -> f64 {
    if b < items.len() {
        let pen = items[b - 1].gap.penalty;
        d += pen * pen;
        if matches!(items[b].first, '—' | '…') {
            d += if p.prohibition == Prohibition::None {
                DASH_LINE_START_UNPROHIBITED
            } else {
                DASH_LINE_START
            };
        }
    }
    d
}

/// Demerits of a justified line `slack` short of its measure, spread as
/// [`super::justify`] spreads it: word spaces and Han–Latin gaps first, to
/// their full stretch (a word space of half an em), then letter spacing
/// up to [`QUIET_SPACING_EM`], then compressed pairs of marks back to full
/// width, then letter spacing again; with no letter spacing, word spaces
/// past half an em.
#[inline]
pub(super) fn stretch_demerits(slack: f64, f: &Fit) -> f64 {
    let plain = |bad: f64| (LINE_PENALTY + bad).powi(2);
    let quiet = f.flex + f.inter * QUIET_SPACING_EM / INTER_CHAR_STRETCH_EM;
    let reopened = (slack - quiet).clamp(0.0, f.pair);
    // A pair at full width again costs as word spaces stretched by as
    // much of their stretch: more than compressing marks to take a
    // character in (a tenth of that), so that a pair stays compressed
    // wherever a break allows it, and less than letter spacing that can
    // be seen, which it avoids.
    let pairs = if reopened > EPSILON {
        plain(badness(reopened / f.pair)) - plain(0.0)
    } else {
        0.0
    };
    pairs + stretch_beyond_pairs(slack - reopened, f)
}

/// [`stretch_demerits`] of the slack that word spaces, Han–Latin gaps and
/// letter spacing take.
fn stretch_beyond_pairs(slack: f64, f: &Fit) -> f64 {
    let plain = |bad: f64| (LINE_PENALTY + bad).powi(2);
    if slack <= EPSILON {
        return plain(0.0);
    }
    if slack <= f.flex + EPSILON {
        return plain(badness(slack / f.flex));
    }
    if f.inter > 0.0 {
        let ratio = (slack - f.flex) / f.inter;
        let em = ratio * INTER_CHAR_STRETCH_EM;
        let wide = if em > WIDE_SPACING_EM + 1e-6 {
            WIDE_SPACING
        } else {
            0.0
        };
        let visible = if em > VISIBLE_SPACING_EM + 1e-6 {
            VISIBLE_SPACING
        } else {
            0.0
        };
        return plain(badness(ratio))
            + SPACED_LINE * (em / WIDE_SPACING_EM).powi(2)
            + wide
            + visible;
    }
    if f.flex > 0.0 {
        // Loose: every further step costs as a full line of spaces at
        // half an em does, cubed, after the step.
        let r = slack / f.flex;
        return plain(badness(1.0)) * r.powi(3) + LOOSE_LINE;
    }
    // No gap at all: the letters of a word spaced apart.
    plain(LAST_RESORT / 10.0)
}

fn badness(ratio: f64) -> f64 {
    (100.0 * ratio.abs().powi(3)).min(LAST_RESORT)
}

/// A last line holding one ideograph and nothing but punctuation besides,
/// or punctuation alone (a …… or —— by itself).
pub fn lone_character(line: &[Item]) -> bool {
    let ideographs = line.iter().filter(|i| i.ideographic).count();
    // By character, not by `punct`: a mark narrower than the em (a
    // proportional …) is still punctuation.
    let others = line
        .iter()
        .filter(|i| !i.ideographic && i.punct.is_none() && punct_class(i.first).is_none())
        .count();
    ideographs <= 1 && others == 0
}
