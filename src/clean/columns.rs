//! Columns the OCR interleaved, found and reported (and put back in order,
//! since the evidence says what the order was): line-per-box OCR sorted
//! the boxes of two columns or more top to bottom, so their lines
//! alternate. (Rows read across the columns are across.rs's.) Sentences then
//! continue k lines on rather than on the next: the pair of characters at a
//! line's end and the next line's start is a pair the text uses elsewhere
//! far more often for every k-th line than for the next one.

use std::cell::OnceCell;
use std::collections::HashSet;

use super::lines::Role;
use super::people::dateline;
use super::prep::Line;
use super::shape::{ends_sentence, leaves_open};
use super::shapes_across::Shapes;

pub(super) use super::breaks::{Bigrams, continues, pairs};
use super::breaks::{beats_chance, chance_rate};
use super::{Note, NoteKind};

/// Two columns read across and taken apart: each column's lines (indices
/// into the lines), in page order. Two articles may share the pair of
/// columns, one set over the other (see [`super::stacked`]).
#[derive(Debug, Clone)]
pub(super) struct Woven {
    pub first: Vec<usize>,
    pub second: Vec<usize>,
}

/// The order to read the lines in: interleaved columns put back one after
/// the other, each case reported; and the stretches taken apart.
pub(super) fn order(
    lines: &[Line],
    roles: &[Role],
    measure: &[Option<f32>],
    notes: &mut Vec<Note>,
) -> (Vec<usize>, Vec<Woven>) {
    let pairs = pairs(lines, roles);
    let shapes = Shapes::of(lines, roles, measure);
    // The page's pair counts, made once, at the first stretch taken apart.
    let stats = OnceCell::new();
    let mut woven = Vec::new();
    let mut order = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        // A run of text lines (blank lines between them do not count).
        let run: Vec<usize> = (i..lines.len())
            .take_while(|&j| matches!(roles[j], Role::Text | Role::Blank))
            .filter(|&j| roles[j] == Role::Text)
            .collect();
        let end = (i..lines.len())
            .find(|&j| !matches!(roles[j], Role::Text | Role::Blank))
            .unwrap_or(lines.len());
        let step = if run.len() >= 10 {
            interleaved(lines, &run, &pairs)
        } else {
            None
        };
        // Two columns are taken apart stretch by stretch even when the
        // whole run alternates: a run of one column's lines in order (above
        // the stretch, or a column beside a head) must stay in order.
        // Where the words tell nothing (text whose pairs recur nowhere),
        // the paragraphs' shapes may.
        let part = match step {
            None | Some(2) if run.len() >= 10 => {
                in_part(lines, &run, (&pairs, &stats, &shapes), notes, &mut woven).or_else(|| {
                    let found = step.is_none().then(|| shapes.stretches(&run))?;
                    // A narrow column beside a full one breaks the shapes
                    // too, but alternates by no baseline (left as read).
                    let narrow = super::shapes_across::narrow_stretches(lines, &run);
                    let apart =
                        |&(s, e): &(usize, usize)| narrow.iter().all(|&(a, b)| b < s || a > e);
                    let found = found.into_iter().filter(apart).collect();
                    // Not kept as a stretch for the later steps to weigh
                    // by its words (which article a column is, stacked.rs,
                    // interleave.rs): they are what told nothing here.
                    // Nor are its lines moved out of turn by a break of the
                    // shapes alone (gen scan's gq10 loses two paragraphs).
                    let ctx = (lines, &stats, None);
                    take_apart(ctx, &run, found, BY_SHAPES, notes, None)
                })
            }
            _ => None,
        };
        if let Some(part) = part {
            // Part of the run read across: the rest stays in order.
            order.extend(part);
        } else if let Some(step) = step {
            notes.push(Note {
                line: lines[run[0]].no,
                kind: NoteKind::Warning,
                message: format!(
                    "lines {}–{} alternate between {step} columns (sentences continue {step} lines on): read one column after the other; check the order",
                    lines[run[0]].no,
                    lines[run[run.len() - 1]].no
                ),
            });
            for k in 0..step {
                order.extend(run.iter().skip(k).step_by(step));
            }
        } else {
            if run.len() >= 10 {
                super::shapes_across::narrow_beside(lines, &run, notes);
            }
            order.extend(i..end);
        }
        if end < lines.len() {
            order.push(end);
        }
        i = end + 1;
    }
    (order, woven)
}

/// Net count of sentences continuing two lines on (and not on the next
/// line) that makes a stretch of a run two columns read across: one or two
/// such pairs turn up by chance in text read in order.
const MIN_SKIPS: i32 = 6;

/// A run whose lines alternate between two columns only in part (a
/// line-per-box tool sorted the boxes by height where two columns share
/// baselines, in order elsewhere): each stretch where sentences continue
/// two lines on is read column by column and reported; the rest of the
/// run keeps its order. Returns the run's lines (blank lines dropped, as
/// the whole-run reading drops them), or None when no stretch is.
fn in_part(
    lines: &[Line],
    run: &[usize],
    (pairs, stats, shapes): (&HashSet<(char, char)>, &OnceCell<Bigrams>, &Shapes),
    notes: &mut Vec<Note>,
    woven: &mut Vec<Woven>,
) -> Option<Vec<usize>> {
    let c = |a: usize, b: usize| {
        (b < run.len()).then(|| continues(&lines[run[a]].text, &lines[run[b]].text, pairs))
            == Some(Some(true))
    };
    let score: Vec<i32> = (0..run.len())
        .map(|k| i32::from(c(k, k + 2) && !c(k, k + 1)) - i32::from(c(k, k + 1) && !c(k, k + 2)))
        .collect();
    let mut found = Vec::new();
    stretches(&score, MIN_SKIPS, 0, run.len(), &mut found);
    if found.is_empty() {
        return None;
    }
    found.sort_unstable();
    // Lines before the first stretch or after the last with no sign of
    // being read in order (no sentence running on to the next line rather
    // than two on) are read across with it: the evidence there is only
    // thinner (short lines, sentence ends), not against.
    let clear = |r: std::ops::Range<usize>| score[r].iter().all(|&v| v >= 0);
    if let Some(first) = found.first_mut()
        && clear(0..first.0)
    {
        first.0 = 0;
    }
    if let Some(last) = found.last_mut()
        && clear(last.1 + 1..run.len())
    {
        last.1 = run.len() - 1;
    }
    let chance = chance_rate(lines, run, pairs);
    // Each stretch reaches out as far as the shapes tell, short of the
    // stretches around it.
    let mut reached: Vec<(usize, usize)> = Vec::with_capacity(found.len());
    for (x, &(s, e)) in found.iter().enumerate() {
        let ceil = found.get(x + 1).map_or(run.len(), |f| f.0);
        let floor = reached.last().map_or(0, |r| r.1 + 1);
        let e = shapes.reach_end(&score, run, e, ceil);
        reached.push((shapes.reach_start(&score, run, s, floor), e));
    }
    let found: Vec<(usize, usize)> = reached
        .into_iter()
        .map(|(s, e)| (under_news_head(lines, run, &score, s, e), e))
        .filter(|&(s, e)| {
            dominant(&score[s..=e]) && beats_chance(lines, &run[s..=e], chance, pairs)
        })
        .collect();
    take_apart(
        (lines, stats, Some(shapes)),
        run,
        found,
        BY_WORDS,
        notes,
        Some(woven),
    )
}

/// What tells a stretch read across, as its note says.
const BY_WORDS: &str = "sentences continue 2 lines on";
const BY_SHAPES: &str = "the paragraphs' shapes hold 2 lines on and break on the next: a first line's width under a line running on, a full line under a paragraph's short last one";

/// Run `run`'s stretches `found` (positions, in order) read one column
/// after the other, each reported (`why`: what told it) and kept in
/// `woven` if given; the rest of the run keeps its order. None when no
/// stretch is.
fn take_apart(
    (lines, stats, shapes): (&[Line], &OnceCell<Bigrams>, Option<&Shapes>),
    run: &[usize],
    found: Vec<(usize, usize)>,
    why: &str,
    notes: &mut Vec<Note>,
    mut woven: Option<&mut Vec<Woven>>,
) -> Option<Vec<usize>> {
    if found.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(run.len());
    let mut at = 0;
    for (s, e) in found {
        out.extend(&run[at..s]);
        let (first, last) = (lines[run[s]].no, lines[run[e]].no);
        notes.push(Note {
            line: first,
            kind: NoteKind::Warning,
            message: format!(
                "lines {first}–{last} alternate between 2 columns read across ({why}): read one column after the other; check the order"
            ),
        });
        let stats = stats.get_or_init(|| Bigrams::of(lines));
        let (first, second) = unweave(lines, &run[s..=e], (stats, shapes));
        out.extend(&first);
        out.extend(&second);
        if let Some(w) = woven.as_deref_mut() {
            w.push(Woven { first, second });
        }
        at = e + 1;
    }
    out.extend(&run[at..]);
    Some(out)
}

/// Where a stretch starts: at the first line of a news item (本报讯,
/// 新华社…电) inside it when the lines over that line add no evidence
/// (their sum is not above nought: a chance run-on two lines down, then
/// one against it). An item's headline is set across its columns, so its
/// columns read across start under it; the lines over the headline are the
/// article before, read in order, and the headline block stays over its
/// text instead of going into a column.
fn under_news_head(lines: &[Line], run: &[usize], score: &[i32], s: usize, e: usize) -> usize {
    (s + 1..=e)
        .rev()
        .filter(|&k| dateline(lines[run[k]].text.trim_start()).is_some())
        .find(|&k| score[s..k].iter().sum::<i32>() <= 0)
        .unwrap_or(s)
}

/// A stretch read across is one where sentences continue two lines on far
/// more often than on the next line: more than twice as many lines say
/// so as say the opposite. Where the breaks tell little (text of rare
/// characters, whose pairs recur nowhere else), a sum reached by chance
/// over a long run has nearly as many lines against it, and the lines are
/// in order.
pub(super) fn dominant(score: &[i32]) -> bool {
    let pos = score.iter().filter(|&&v| v > 0).count();
    let neg = score.iter().filter(|&&v| v < 0).count();
    pos > 2 * neg
}

/// The stretches of `score[lo..hi]` whose sum reaches `min`, best
/// first (each the best segment of what is left beside the others).
pub(super) fn stretches(
    score: &[i32],
    min: i32,
    lo: usize,
    hi: usize,
    out: &mut Vec<(usize, usize)>,
) {
    // Kadane: the segment of largest sum.
    let (mut best, mut at) = (0, (lo, lo));
    let (mut sum, mut start) = (0, lo);
    for (k, &v) in score.iter().enumerate().take(hi).skip(lo) {
        if sum < 0 {
            (sum, start) = (0, k);
        }
        sum += v;
        if sum > best {
            (best, at) = (sum, (start, k));
        }
    }
    if best < min {
        return;
    }
    // Of segments with the same sum, the one that starts at the first
    // evidence: a stretch read across begins where its first line runs on
    // two lines down, though a head beside it may cost a point after that.
    // (The segment's sum is positive, so a positive score stands in it.)
    while score[at.0] <= 0 {
        at.0 += 1;
    }
    out.push(at);
    stretches(score, min, lo, at.0, out);
    // Two lines past the stretch belong to it.
    stretches(score, min, (at.1 + 3).min(hi), hi, out);
}

/// The median width of lines `at` (not empty): a column line's, where
/// most of them are.
pub(super) fn typical_width(lines: &[Line], at: &[usize]) -> f32 {
    let mut widths: Vec<f32> = at.iter().map(|&i| lines[i].width).collect();
    widths.sort_by(f32::total_cmp);
    widths[widths.len() / 2]
}

/// The longest stretch read line by line by its words (its table holds
/// 2·n² cells).
const MAX_WEAVE: usize = 600;

/// Cost of reading two lines running in one column: the columns share
/// baselines, so their lines alternate unless one column lacks a line
/// there. Far from a short line (a head's space, a box split in two) that
/// takes strong evidence.
const SAME_TWICE: i32 = 10;
/// ... near a short line: a box split in two, a short line read apart.
const SAME_NEAR: i32 = 2;
/// ... right beside a head: a head stands taller than a line (its type
/// and the space around it), so the other column has two lines beside it
/// and they are read one after the other — expected, not a cost.
const SAME_BESIDE_HEAD: i32 = -1;

/// A line of the stretch that is not a column line: a head or a piece of
/// a split box (short, no sentence end, or marked `#`).
fn odd_lines(lines: &[Line], seg: &[usize]) -> Vec<bool> {
    let typical = typical_width(lines, seg);
    seg.iter()
        .map(|&i| {
            let l = &lines[i];
            // No head ends on 的 or 和: such a short line is a narrow
            // box's (a quote set in the column), read in turn like the rest.
            l.level.is_some()
                || (l.width < 0.75 * typical && !ends_sentence(&l.text) && !leaves_open(&l.text))
        })
        .collect()
}

/// Cost of reading the two halves of a box split at a gap one after the
/// other: the tool wrote them in turn, as they share a baseline.
const SAME_SPLIT: i32 = -6;

/// Which lines of the stretch are the second half of a printed line the
/// OCR cut into two boxes: both halves short, together a column line
/// (within the width a compressed mark or a hanging one gives), the first
/// leaving its sentence open.
fn split_boxes(lines: &[Line], seg: &[usize]) -> Vec<bool> {
    let typical = typical_width(lines, seg);
    let mut out = vec![false; seg.len()];
    for k in 1..seg.len() {
        let (a, b) = (&lines[seg[k - 1]], &lines[seg[k]]);
        let short = |w: f32| w < 0.8 * typical;
        let sum = a.width + b.width;
        out[k] = !out[k - 1]
            && short(a.width)
            && a.level.is_none()
            && b.level.is_none()
            && !ends_sentence(&a.text)
            // A paragraph's last line, cut: shorter together.
            && (sum >= 0.85 * typical || ends_sentence(&b.text))
            && sum <= 1.15 * typical;
    }
    out
}

/// How well line `b` follows line `a` in one column, as a cost: by the
/// pair of characters across the break ([`Bigrams::follow`]: -4 to 2),
/// nothing said after a head (0), a sentence left open before a head 4.
fn follow(w: &Weave, a: usize, b: usize) -> i32 {
    if w.odd[a] {
        return 0;
    }
    let (ta, tb) = (&w.lines[w.seg[a]].text, &w.lines[w.seg[b]].text);
    if w.odd[b] && !ends_sentence(ta) {
        return 4;
    }
    // A line that breaks the paragraphs' shapes under the other (a first
    // line's width under a line running on) is unlikely next in its column.
    let shape = w.shapes.is_some_and(|s| s.breaks(w.seg[a], w.seg[b]));
    w.stats.follow(ta, tb) + if shape { SHAPE_BREAK } else { 0 }
}

/// Cost of reading a line that breaks the paragraphs' shapes next in one
/// column.
const SHAPE_BREAK: i32 = 4;

/// What the unweaving reads: the stretch (indices into `lines`), which of
/// its lines are odd or halves of a split box, the page's character pairs.
struct Weave<'a> {
    lines: &'a [Line],
    seg: &'a [usize],
    odd: Vec<bool>,
    /// Line k is the second half of a box split in two with line k - 1.
    split: Vec<bool>,
    stats: &'a Bigrams,
    shapes: Option<&'a Shapes<'a>>,
}

impl Weave<'_> {
    /// The cost of reading line `k` right after line `k - 1` in one column.
    fn same(&self, k: usize) -> i32 {
        if self.split[k] {
            return SAME_SPLIT;
        }
        let odd = |j: usize| self.odd.get(j).copied().unwrap_or(false);
        let beside = (k >= 2 && odd(k - 2)) || odd(k + 1);
        // The head's space above it is a line or two: the other column's
        // two lines before it may come after one more of that column's.
        let near = (k.saturating_sub(2)..=k + 2).any(odd);
        let base = if beside {
            SAME_BESIDE_HEAD
        } else if near {
            SAME_NEAR
        } else {
            SAME_TWICE
        };
        base + follow(self, k - 1, k)
    }
}

/// Two columns' lines alternating, taken apart: the cheapest reading of
/// each line into the first or second column, by how well each line
/// follows the last one of its column, lines alternating unless the words
/// and the heads say otherwise. The first line is the first column's.
/// Returns the two columns' lines.
fn unweave<'a>(
    lines: &'a [Line],
    seg: &'a [usize],
    (stats, shapes): (&'a Bigrams, Option<&'a Shapes<'a>>),
) -> (Vec<usize>, Vec<usize>) {
    let n = seg.len();
    if n > MAX_WEAVE {
        // The table grows as the square of the stretch: a longer one is
        // read strictly alternating, as a whole run is.
        let first = seg.iter().step_by(2).copied().collect();
        return (first, seg.iter().skip(1).step_by(2).copied().collect());
    }
    let split = split_boxes(lines, seg);
    let mut odd = odd_lines(lines, seg);
    // A half of a split box is a column line's piece, not a head.
    for k in (1..n).filter(|&k| split[k]) {
        odd[k - 1] = false;
        odd[k] = false;
    }
    let w = Weave {
        lines,
        seg,
        odd,
        split,
        stats,
        shapes,
    };
    // State after line k: the other column's last line (n: none yet), and
    // whether line k is in the first column. best[state] = (cost, back).
    type Cell = Option<(i32, usize, bool)>;
    let mut steps: Vec<Vec<[Cell; 2]>> = vec![vec![[None, None]; n + 1]; n];
    steps[0][n][0] = Some((0, n, false));
    for k in 1..n {
        let same_cost = w.same(k);
        for j in 0..=n {
            for c in 0..2 {
                let Some((cost, _, _)) = steps[k - 1][j][c] else {
                    continue;
                };
                // Line k in line k-1's column: the other's last stays j.
                relax(&mut steps[k][j][c], (cost + same_cost, j, c == 1));
                // Line k in the other column, after its last line j.
                let after = if j == n { 0 } else { follow(&w, j, k) };
                relax(&mut steps[k][k - 1][1 - c], (cost + after, j, c == 1));
            }
        }
    }
    // Back from the cheapest end: each line's column.
    let mut at = (0..=n)
        .flat_map(|j| (0..2).map(move |c| (j, c)))
        .filter_map(|(j, c)| Some((steps[n - 1][j][c]?.0, j, c)))
        .min_by_key(|&(cost, j, c)| (cost, j, c))
        .map(|(_, j, c)| (j, c));
    let mut col = vec![0; n];
    for k in (0..n).rev() {
        let Some((j, c)) = at else { break };
        col[k] = c;
        at = steps[k][j][c].and_then(|(_, back, prev)| {
            // Line k-1's state: in the same column, the other's last was
            // still `back`; in the other, the other's last was `back`
            // and line k-1 is now the other's last.
            let pc = usize::from(prev);
            (k > 0).then_some((back, pc))
        });
    }
    let first = col[0];
    let of = |same: bool| -> Vec<usize> {
        (0..n)
            .filter(|&k| (col[k] == first) == same)
            .map(|k| seg[k])
            .collect()
    };
    (of(true), of(false))
}

fn relax(cell: &mut Option<(i32, usize, bool)>, new: (i32, usize, bool)) {
    if cell.is_none_or(|old| new.0 < old.0) {
        *cell = Some(new);
    }
}

/// How many columns alternate in the run (2 to 5), if sentences continue
/// that many lines on far more often than on the next line, and twice as
/// often as any other number of lines on. Columns read across continue
/// their sentences at one step only (a line `step` on is the next line of
/// its column; one at another step is another column's, or further down);
/// a page's common characters (了, 的) pair by chance at every step alike
/// (gen boxes gq14's 22 lines: 4, 5 and 7 at two, three and four on).
fn interleaved(lines: &[Line], run: &[usize], pairs: &HashSet<(char, char)>) -> Option<usize> {
    let score = |step: usize| {
        (0..run.len().saturating_sub(step))
            .filter(|&k| {
                continues(&lines[run[k]].text, &lines[run[k + step]].text, pairs) == Some(true)
            })
            .count()
    };
    let next = score(1);
    let steps: Vec<(usize, usize)> = (2..=5)
        .filter(|&step| run.len() >= 5 * step)
        .map(|step| (step, score(step)))
        .collect();
    let (step, s) = steps
        .iter()
        .copied()
        .filter(|&(_, s)| s >= 3 && s >= 2 * next + 2)
        .max_by_key(|&(step, s)| (s, std::cmp::Reverse(step)))?;
    let alone = steps.iter().all(|&(t, o)| t == step || s >= 2 * o);
    alone.then_some(step)
}

#[cfg(test)]
mod tests {
    use super::super::prep;
    use super::*;

    /// Two columns of a feature read across (a scan's lines 110–131 of
    /// edition-12): the left column's line 的位置，手里攥着一副线手套。
    /// read as two boxes, the right column's head with the left's two
    /// lines beside it.
    const WOVEN: &str = "英文外号，叫night owl，意思\n\
USB 充电口。老郑对这些新东\n\
是夜猫子。\n\
西的评价很简单:“有用，但最\n\
环卫工人刘桂芳坐在靠门\n\
有用的还是准点。”他说，夜里\n\
的位置\n\
，手里攥着一副线手套。\n\
等车的入最怕的不是车慢，而\n\
她在城南负责一段两公里长的\n\
是不知道车什么时候来。\n\
街道，每天凌晨一点开始清扫，\n\
## 三、最后一站\n\
早上七点收工。以前没有夜班\n\
车的时候,她只能提前两个小\n\
凌晨一点十分，车过了城\n\
时出门,骑四十分钟电动车,冬\n\
西立交，乘客陆续下车。最后\n\
天风大，脸冻得生疼。\"现在坐\n\
留在车上的，是那位一上车就\n\
车二十分钟就到,”她笑着说，\n\
睡着的中年男人。\n";

    #[test]
    fn a_split_box_and_a_head_keep_the_columns_apart() {
        let lines = prep::read(WOVEN, &mut Vec::new());
        let seg: Vec<usize> = (0..lines.len()).collect();
        let (first, second) = unweave(&lines, &seg, (&Bigrams::of(&lines), None));
        // Line numbers of the left column, in the scan's numbering.
        let left: Vec<usize> = [0, 2, 4, 6, 7, 9, 11, 13, 14, 16, 18, 20].to_vec();
        let right: Vec<usize> = seg.iter().copied().filter(|k| !left.contains(k)).collect();
        assert_eq!((first, second), (left, right));
    }

    #[test]
    fn a_pair_after_a_common_character_tells_little() {
        let text = "他说的话很多。她说的事很少。我们说的是真的。的确如此。灯光很亮。";
        let lines = prep::read(text, &mut Vec::new());
        let b = Bigrams::of(&lines);
        // 的 is followed by anything: a pair after it unseen says nothing.
        assert_eq!(b.follow("我们说的", "树"), 0);
        // A pair the text uses, more than chance gives it: a run-on.
        assert_eq!(b.follow("那盏灯", "光亮了"), -4);
    }
}
