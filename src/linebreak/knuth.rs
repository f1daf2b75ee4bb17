//! Total-fit paragraph breaking (Knuth–Plass) over [`Item`]s: every
//! feasible break is a node, the chosen breaks minimise the sum of
//! demerits over the whole paragraph. A greedy first-fit mode is kept for
//! comparison.

use super::fit::{Fit, Sums};
use super::{EPSILON, Params};
use crate::model::item::INTER_CHAR_STRETCH_EM;
use crate::model::punct::{inseparable, may_end_line, may_start_line, punct_class};
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
const LINE_PENALTY: f64 = 10.0;

/// May the paragraph break after item `b - 1`?
pub fn allowed_break(items: &[Item], b: usize, p: &Params) -> bool {
    let (before, after) = (&items[b - 1], &items[b]);
    before.gap.breakable
        && may_end_line(before.last, p.prohibition)
        && may_start_line(after.first, p.prohibition)
        && !inseparable(before.last, after.first)
}

/// A break after this item leaves a hyphen at the line's end: one typeset
/// adds (a hyphenation point) or the text's own (`non-|free`). A reader
/// sees the same ladder of hyphens either way, so both count towards the
/// hyphenated lines in a row (as TeX flags explicit hyphens).
pub fn ends_with_hyphen(it: &Item) -> bool {
    it.gap.is_hyphen() || matches!(it.last, '-' | '\u{2010}')
}

#[derive(Clone, Copy)]
struct Node {
    pos: usize,
    line: usize,
    demerits: f64,
    /// Hyphenated lines in a row ending at this break.
    run: u8,
    prev: Option<usize>,
}

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
fn line_demerits_at(
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
fn with_break(items: &[Item], b: usize, mut d: f64, p: &Params) -> f64 {
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
fn stretch_demerits(slack: f64, f: &Fit) -> f64 {
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

/// The least [`stretch_demerits`] of a [`Bound::wide`] line: spacing past
/// [`WIDE_SPACING_EM`] (and so past [`VISIBLE_SPACING_EM`]) costs both
/// penalties, at least [`SPACED_LINE`] and a plain line's square, added in
/// this order to terms never less; and adding a number that is not
/// negative never rounds below the sum without it.
const WIDE_FLOOR: f64 = LINE_PENALTY * LINE_PENALTY + SPACED_LINE + WIDE_SPACING + VISIBLE_SPACING;

/// What a node's line to a break is known to cost before it is measured.
struct Bound {
    /// Never above the line's [`line_demerits`] (−∞ when unknown).
    floor: f64,
    /// The line is letter-spaced by more than [`WIDE_SPACING_EM`]:
    /// in a [`monotone`] paragraph every later node's line to the same
    /// break is shorter still and costs at least [`LOOSE_LINE`].
    wide: bool,
    /// The floor is the line's whole spacing demerits, as
    /// [`line_demerits`] finds them (an underfull line after the first
    /// whose node had not lost yet): its demerits are the floor with the
    /// break's own, and need not be measured again.
    exact: bool,
}

/// For a break `b` before the paragraph's end: a function giving, for the
/// line from a node to `b`, a [`Bound`] cheap to compute (prefix sums
/// only), given the total the node must `beat` (+∞ for none). The floor is the stretch demerits of an underfull
/// justified line after the first, computed as `line_demerits` computes
/// them: the demerits it returns add only terms that are not negative to
/// that same value, so `floor ≤ demerits` holds in floating point as well,
/// and total fit may skip a node whose floor already loses, with the same
/// result. `None` when the paragraph's settings take another path
/// (ragged, flush short lines).
fn underfull_bound<'a>(
    items: &'a [Item],
    b: usize,
    p: &'a Params,
    fixed: Option<f64>,
) -> Option<impl Fn(&Sums, &Node, f64) -> Bound + 'a> {
    if !p.justify || p.flush_short {
        return None;
    }
    Some(move |sums: &Sums, node: &Node, beat: f64| {
        let (a, line, demerits) = (node.pos, node.line, node.demerits);
        let unknown = Bound {
            floor: f64::NEG_INFINITY,
            wide: false,
            exact: false,
        };
        if a == 0 {
            return unknown;
        }
        let measure = fixed.unwrap_or_else(|| (p.measure)(line).0);
        let Some(f) = sums.underfull(items, (a, b), measure) else {
            return unknown;
        };
        let slack = measure - f.width;
        let wide = is_wide(slack, &f);
        // A node that has lost already, whatever the line costs (never
        // less than nothing), needs no spacing worked out; nor does one
        // that loses with the least a wide line costs.
        if demerits >= beat || (wide && demerits + WIDE_FLOOR >= beat) {
            return Bound {
                floor: if wide { WIDE_FLOOR } else { 0.0 },
                wide,
                exact: false,
            };
        }
        Bound {
            floor: stretch_demerits(slack, &f),
            wide,
            exact: true,
        }
    })
}

/// An underfull line `slack` short of its measure is letter-spaced by
/// more than [`WIDE_SPACING_EM`], clear of [`stretch_demerits`]'s
/// thresholds, so that rounding cannot put a later, shorter line on their
/// other side.
fn is_wide(slack: f64, f: &Fit) -> bool {
    let em = (slack - f.pair - f.flex) / f.inter * INTER_CHAR_STRETCH_EM;
    f.inter > 0.0 && slack > f.pair + f.flex + 2.0 * EPSILON && em > WIDE_SPACING_EM + 1e-3
}

/// Lines only get shorter, in every respect, as their start moves on: the
/// measure is the same for every line and no item or gap has a negative
/// width or stretch. Then a line starting after a [`Bound::wide`] one
/// ends as an underfull line with less stretch, which is wide too, or has
/// no letter spacing at all (at least [`LOOSE_LINE`]).
fn monotone(items: &[Item], p: &Params) -> bool {
    let m = (p.measure)(0);
    (1..=items.len()).all(|k| (p.measure)(k) == m)
        && items
            .iter()
            .all(|i| i.width.0 + i.gap.natural.0 >= 0.0 && i.gap.stretch.0 >= 0.0)
}

/// The best way to a break, by the hyphenated lines in a row it ends:
/// (total demerits, node).
type Best = [Option<(f64, usize)>; MAX_HYPHEN_RUN as usize + 1];

/// Total fit's state over one paragraph.
struct Search<'a> {
    items: &'a [Item],
    p: &'a Params<'a>,
    sums: Sums,
    /// The paragraph is [`monotone`].
    steady: bool,
    /// Every line's measure, when it is the same for all (a [`monotone`]
    /// paragraph): asked of `p.measure` once, not for every candidate.
    fixed: Option<f64>,
    nodes: Vec<Node>,
    /// The nodes a line may still start from, in the order made.
    active: Vec<usize>,
    keep: Vec<usize>,
    least: Least,
}

/// The buffers of total fit's search, kept from paragraph to paragraph on
/// each thread: a book breaks a paragraph every few hundred characters,
/// and these were most of the breaker's allocations.
#[derive(Default)]
struct Scratch {
    sums: Sums,
    nodes: Vec<Node>,
    active: Vec<usize>,
    keep: Vec<usize>,
    least: Vec<(usize, f64)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Returns the break positions (item counts), the last one `items.len()`.
pub fn total_fit(items: &[Item], p: &Params) -> Vec<usize> {
    let n = items.len();
    if n == 0 {
        return Vec::new();
    }
    // Taken, not borrowed: a search never finds it missing, only empty.
    let mut scratch = SCRATCH.with(|c| c.take());
    scratch.sums.fill(items);
    scratch.nodes.clear();
    scratch.nodes.push(Node {
        pos: 0,
        line: 0,
        demerits: 0.0,
        run: 0,
        prev: None,
    });
    scratch.active.clear();
    scratch.active.push(0);
    scratch.keep.clear();
    scratch.least.clear();
    let mut least = Least(scratch.least);
    least.push(0, 0.0);
    let steady = monotone(items, p);
    let mut s = Search {
        items,
        p,
        sums: scratch.sums,
        steady,
        fixed: steady.then(|| (p.measure)(0).0),
        nodes: scratch.nodes,
        active: scratch.active,
        keep: scratch.keep,
        least,
    };
    for b in 1..=n {
        if b < n && !allowed_break(items, b, p) {
            continue;
        }
        let hyphenated = b < n && ends_with_hyphen(&items[b - 1]);
        let (best, overfull) = s.lines_to(b, hyphenated);
        std::mem::swap(&mut s.active, &mut s.keep);
        let found = best.iter().any(Option::is_some);
        let fallback = (!found && s.active.is_empty())
            .then_some(overfull)
            .flatten();
        for (run, chosen) in best
            .iter()
            .enumerate()
            .chain([(hyphenated as usize, &fallback)])
        {
            if let Some((d, ai)) = *chosen {
                s.least.push(s.nodes.len(), d);
                s.nodes.push(Node {
                    pos: b,
                    line: s.nodes[ai].line + 1,
                    demerits: d,
                    run: run as u8,
                    prev: Some(ai),
                });
                s.active.push(s.nodes.len() - 1);
            }
        }
    }
    // A node at n exists: at b == n the active list is never empty on
    // entry, so a best or an overfull fallback is always pushed; b == n is
    // never hyphenated, so there is one.
    let breaks = collect(&s.nodes, n, |nd| (nd.pos, nd.prev));
    let scratch = Scratch {
        sums: s.sums,
        nodes: s.nodes,
        active: s.active,
        keep: s.keep,
        least: s.least.0,
    };
    SCRATCH.with(|c| c.replace(scratch));
    breaks
}

impl Search<'_> {
    /// The lines from the active nodes to break `b`: the best way to it,
    /// and the best of the nodes retired as overfull. The nodes that stay
    /// active are left in `keep`.
    fn lines_to(&mut self, b: usize, hyphenated: bool) -> (Best, Option<(f64, usize)>) {
        let (items, p, n) = (self.items, self.p, self.items.len());
        let bound = (b < n)
            .then(|| underfull_bound(items, b, p, self.fixed))
            .flatten();
        let mut best: Best = [None; MAX_HYPHEN_RUN as usize + 1];
        let mut overfull: Option<(f64, usize)> = None;
        // Where the search is in `least`: the active nodes come in the
        // order made.
        let mut walk = None;
        self.keep.clear();
        for (i, &ai) in self.active.iter().enumerate() {
            let a = self.nodes[ai];
            let run = if hyphenated { a.run + 1 } else { 0 };
            let Bound { floor, wide, exact } = bound.as_ref().map_or(
                Bound {
                    floor: f64::NEG_INFINITY,
                    wide: false,
                    exact: false,
                },
                |f| {
                    let beat = best.get(run as usize).copied().flatten();
                    f(&self.sums, &a, beat.map_or(f64::INFINITY, |(bd, _)| bd))
                },
            );
            // Every node from here on costs at least LOOSE_LINE (half of
            // it, for rounding) more than its own demerits to reach b, and
            // none is overfull: when even the least demerits among them
            // (or among all nodes made since this one) lose to the best
            // way found, none need be looked at.
            if wide
                && self.steady
                && !hyphenated
                && best[0].is_some_and(|(bd, _)| {
                    self.least.walking_from(ai, &mut walk) + LOOSE_LINE / 2.0 >= bd
                })
            {
                self.keep.extend_from_slice(&self.active[i..]);
                break;
            }
            if let Some(Some((bd, _))) = best.get(run as usize)
                && a.demerits + floor >= *bd
            {
                // Cannot beat the best way to b found so far (the test is
                // strict), and a line no longer than this one is never
                // overfull: the node stays, unevaluated.
                self.keep.push(ai);
                continue;
            }
            let measure = self.fixed.unwrap_or_else(|| (p.measure)(a.line).0);
            let d = if exact {
                // What line_demerits adds to its 0.0: the same sums, the
                // same spacing demerits, then the break's.
                Some(with_break(items, b, floor, p))
            } else {
                line_demerits_at(items, &self.sums, (a.pos, b), measure, p)
            };
            let Some(d) = d else {
                // Too long now and longer for every later break: retire
                // the node, remembering it in case nothing else can go on.
                let d = a.demerits + LAST_RESORT;
                if overfull.is_none_or(|(bd, _)| d < bd) {
                    overfull = Some((d, ai));
                }
                continue;
            };
            self.keep.push(ai);
            if run > MAX_HYPHEN_RUN {
                // The node stays for later breaks; this one is not taken.
                continue;
            }
            let total = a.demerits + d + if run > 1 { DOUBLE_HYPHEN } else { 0.0 };
            let slot = &mut best[run as usize];
            if slot.is_none_or(|(bd, _)| total < bd) {
                *slot = Some((total, ai));
            }
        }
        (best, overfull)
    }
}

/// The least demerits among the nodes made since a given one: a stack of
/// the nodes whose demerits are below every later node's, so increasing.
#[derive(Default)]
struct Least(Vec<(usize, f64)>);

impl Least {
    fn push(&mut self, node: usize, demerits: f64) {
        while self.0.last().is_some_and(|&(_, d)| d >= demerits) {
            self.0.pop();
        }
        self.0.push((node, demerits));
    }

    /// The least demerits of nodes `node..` (+∞ for none), for nodes
    /// asked in increasing order, the place reached kept in `walk`
    /// (`None` before the first): the first found by bisection, each
    /// later one by walking on from the last (a break's wide nodes are a
    /// few entries apart in a stack as long as the paragraph's nodes).
    fn walking_from(&self, node: usize, walk: &mut Option<usize>) -> f64 {
        let k = match *walk {
            None => self.0.partition_point(|&(i, _)| i < node),
            Some(mut k) => {
                while self.0.get(k).is_some_and(|&(i, _)| i < node) {
                    k += 1;
                }
                k
            }
        };
        *walk = Some(k);
        self.0.get(k).map_or(f64::INFINITY, |&(_, d)| d)
    }
}

#[cfg(test)]
mod bound_tests;

fn collect<T>(nodes: &[T], n: usize, f: impl Fn(&T) -> (usize, Option<usize>)) -> Vec<usize> {
    let mut breaks = Vec::new();
    let mut cur = nodes.iter().rposition(|nd| f(nd).0 == n);
    while let Some(i) = cur {
        let (pos, prev) = f(&nodes[i]);
        if pos == 0 {
            break;
        }
        breaks.push(pos);
        cur = prev;
    }
    breaks.reverse();
    if breaks.last() != Some(&n) {
        breaks.push(n);
    }
    breaks
}

/// First fit: each line takes as many items as can be set, prohibitions
/// permitting. For comparison with total fit (`breaking = "greedy"`).
pub fn greedy(items: &[Item], p: &Params) -> Vec<usize> {
    let n = items.len();
    let sums = Sums::new(items);
    let mut breaks = Vec::new();
    let mut a = 0;
    let mut line = 0;
    while a < n {
        let mut chosen = None;
        for b in a + 1..=n {
            if b < n && !allowed_break(items, b, p) {
                continue;
            }
            if line_demerits(items, &sums, a, b, line, p).is_some() {
                chosen = Some(b);
            } else if chosen.is_some() {
                break;
            } else {
                // Nothing fits: take the first possible break, overfull.
                chosen = Some(b);
                break;
            }
        }
        // b == n is always a candidate, so some break was chosen.
        let b = chosen.unwrap_or(n);
        breaks.push(b);
        a = b;
        line += 1;
    }
    breaks
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
