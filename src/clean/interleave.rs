//! Columns of two articles read in turn: a page's reading order may take
//! one column of a feature, then a column of the article set beside it,
//! then the feature's next column, with no head between to tell them
//! apart. The article whose text was cut then resumes inside the other.
//!
//! The evidence is the text itself. A column ends where a sentence is cut
//! at a gap (a blank line or removed furniture, after a line that does not
//! end a sentence) or after a line that closes an article (a source line,
//! an end mark): the body is cut into runs there. A run that shares far
//! more of its character pairs (its names, places and subject: 老郑, 37路,
//! 电梯) with an earlier article still open than with the rest of its own
//! is that article's text, and moves there, in page order; a short run
//! after a cut sentence goes where the run before it went (it is that
//! sentence's continuation). Each move is reported. Nothing is dropped:
//! runs only change articles.

use std::collections::{HashMap, HashSet};

/// Pairs of Han characters with how often a text has them.
pub(super) type Bag = HashMap<(char, char), u32>;

use super::names::is_han;
use super::page::{Item, Page, Segment};
use super::shape::ends_sentence;
use super::{Note, NoteKind};

/// A run with fewer distinct pairs of Han characters than this is too
/// short to judge by its words (two lines or so).
const MIN_PAIRS: usize = 16;
/// How much more of a run's pairs another article must hold: both the
/// difference of the shares and their ratio.
const LEAN: f32 = 1.5;
const MIN_HITS: usize = 3;

/// One run of an article's body: items `start..end`.
struct Run {
    start: usize,
    end: usize,
    /// It begins after a sentence cut at a gap (not after a closing line).
    after_cut: bool,
}

/// Pairs of Han characters next to each other in a text, counted.
pub(super) fn pairs(text: &str, into: &mut Bag) {
    let cs: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    for w in cs.windows(2) {
        if is_han(w[0]) && is_han(w[1]) {
            *into.entry((w[0], w[1])).or_default() += 1;
        }
    }
}

pub(super) fn add(into: &mut Bag, from: &Bag) {
    for (p, n) in from {
        *into.entry(*p).or_default() += n;
    }
}

/// A text's own words: the pairs it uses more than once.
pub(super) fn words(bag: &Bag) -> HashSet<(char, char)> {
    bag.iter().filter(|x| *x.1 >= 2).map(|x| *x.0).collect()
}

pub(super) fn line_of(item: &Item) -> Option<usize> {
    match item {
        Item::Blank => None,
        Item::Text(i)
        | Item::Byline(i, _)
        | Item::Source(i, _)
        | Item::Author(i, _)
        | Item::Installment(i, _)
        | Item::Number(i, _)
        | Item::Serial(i, _)
        | Item::Alone(i) => Some(*i),
    }
}

fn closes(item: &Item) -> bool {
    matches!(
        item,
        Item::Source(..) | Item::Alone(_) | Item::Installment(..)
    )
}

/// The body cut where a column may end.
fn runs(page: &Page, pos: &[usize], seg: &Segment) -> Vec<Run> {
    let body = &seg.body;
    let mut out = vec![Run {
        start: 0,
        end: body.len(),
        after_cut: false,
    }];
    // The last line seen, its reading position, and whether a blank
    // followed it.
    let mut last: Option<(&Item, usize)> = None;
    let mut blank = false;
    for (k, item) in body.iter().enumerate() {
        // A bare number (a folio read as text), a byline: a gap, not
        // the line before.
        let Some(i) = line_of(item).filter(|_| matches!(item, Item::Text(_)) || closes(item))
        else {
            blank = true;
            continue;
        };
        if let Some((prev, pi)) = last {
            // Not where a continuation line under the article's own
            // headline stands: its text goes on there, by the page's word.
            let resumed = seg.resumed.iter().any(|&q| pos[pi] < q && q < pos[i]);
            // A figure's caption between them is no gap: the column goes
            // on under the figure.
            let skipped = (pos[pi] + 1..pos[i])
                .map(|q| page.order[q])
                .any(|j| !super::captions::placed(&page.roles[j]));
            let gap = (blank || skipped) && !resumed;
            let cut = matches!(prev, Item::Text(_)) && !ends_sentence(&page.lines[pi].text) && gap;
            if (cut || closes(prev)) && matches!(item, Item::Text(_)) {
                out.last_mut().expect("one run at least").end = k;
                out.push(Run {
                    start: k,
                    end: body.len(),
                    after_cut: cut,
                });
            }
        }
        last = Some((item, i));
        blank = false;
    }
    out
}

pub(super) fn text_pairs(page: &Page, items: &[Item]) -> Bag {
    let mut set = Bag::new();
    for i in items.iter().filter_map(line_of) {
        pairs(&page.lines[i].text, &mut set);
    }
    set
}

/// How far a run's words lean to the target rather than its own article
/// (a log odds ratio), and whether that decides it. Words are the pairs a
/// text uses more than once (its names, places, subject); only those one
/// of the two texts has count.
pub(super) fn verdict(run: &Bag, own: &Bag, target: &Bag) -> (f32, bool) {
    let (own, target) = (words(own), words(target));
    let a = run
        .keys()
        .filter(|p| target.contains(p) && !own.contains(p))
        .count();
    let b = run
        .keys()
        .filter(|p| own.contains(p) && !target.contains(p))
        .count();
    let ta = target.difference(&own).count();
    let tb = own.difference(&target).count();
    // As odds, smoothed, against the odds of the two texts' words (half
    // of them, on a log scale): a long article holds more of any text's
    // words, but a run of its text leans its way far more than that.
    let odds = |x: usize, y: usize| (x as f32 + 0.5) / (y as f32 + 0.5);
    let lean = odds(a, b).ln() - 0.5 * odds(ta, tb).ln();
    (lean, a >= MIN_HITS && lean >= LEAN)
}

/// Whether an article is still open for more text: its body does not end
/// with a source line, an end mark or an installment number.
fn open(seg: &Segment) -> bool {
    let last = seg.body.iter().rev().find(|i| !matches!(i, Item::Blank));
    last.is_some_and(|i| !closes(i))
}

/// Moves runs read into the wrong article to the article they continue.
pub(super) fn mend(segs: &mut [Segment], page: &Page, notes: &mut Vec<Note>) {
    let mut pos = vec![0; page.lines.len()];
    for (p, &i) in page.order.iter().enumerate() {
        pos[i] = p;
    }
    for s in 1..segs.len() {
        let targets: Vec<usize> = (0..s).filter(|&t| open(&segs[t])).collect();
        if targets.is_empty() {
            continue;
        }
        let rs = runs(page, &pos, &segs[s]);
        let label = labels(page, segs, s, &rs, &targets);
        // Back to front, so the item ranges stay valid; then added to
        // their targets in page order.
        let mut taken: Vec<(usize, usize, Vec<Item>)> = Vec::new();
        for (r, l) in label.iter().enumerate().rev() {
            if let Some(t) = l {
                let items = segs[s].body.drain(rs[r].start..rs[r].end).collect();
                taken.push((r, *t, items));
            }
        }
        taken.reverse();
        report(page, &taken, notes);
        for (_, t, items) in taken {
            segs[t].body.extend(items);
        }
    }
}

/// Each run's article, in order: None for its own, Some(t) for segment t.
/// A run is judged against what came before it: its article's headline
/// block and runs kept, and each target's text nearest the run (its last
/// lines, no more of them than the article has of its own words: a long
/// article holds more of any text's common pairs) with the runs it got.
fn labels(
    page: &Page,
    segs: &[Segment],
    s: usize,
    rs: &[Run],
    targets: &[usize],
) -> Vec<Option<usize>> {
    let body = &segs[s].body;
    let mut own = text_pairs(page, &segs[s].header);
    add(&mut own, &text_pairs(page, &body[rs[0].start..rs[0].end]));
    let mut got: Vec<Bag> = vec![Bag::new(); targets.len()];
    let mut label = vec![None; rs.len()];
    // Each run's leans, for the pass back.
    let mut all_leans: Vec<Vec<f32>> = vec![Vec::new(); rs.len()];
    for r in 1..rs.len() {
        let p = text_pairs(page, &body[rs[r].start..rs[r].end]);
        let inherit = if rs[r].after_cut { label[r - 1] } else { None };
        // Each target's lean: how far the run's words lean its way.
        let leans: Vec<(f32, bool)> = targets
            .iter()
            .enumerate()
            .map(|(k, &t)| {
                let mut bag = got[k].clone();
                add(&mut bag, &text_pairs(page, &segs[t].header));
                add(&mut bag, &text_pairs(page, &segs[t].body));
                verdict(&p, &own, &bag)
            })
            .collect();
        let best = (0..targets.len())
            .filter(|&k| leans[k].1)
            .max_by(|&x, &y| leans[x].0.total_cmp(&leans[y].0));
        label[r] = match best {
            Some(k) => Some(targets[k]),
            // Too few words to tell, or none that lean against the
            // article the run before went to: the rest of the sentence
            // cut before it.
            None => inherit.filter(|t| {
                let k = targets.iter().position(|x| x == t);
                p.len() < MIN_PAIRS || k.is_some_and(|k| leans[k].0 > -LEAN)
            }),
        };
        match label[r].and_then(|t| targets.iter().position(|&x| x == t)) {
            None => add(&mut own, &p),
            Some(k) => add(&mut got[k], &p),
        }
        all_leans[r] = leans.iter().map(|l| l.0).collect();
    }
    // Back, one step: a run whose words lean, if weakly, to the article
    // the next run moved to, when that run goes on with the sentence this
    // one leaves open (a head and the first lines of a column, read
    // after another article's end).
    let before = label.clone();
    for r in 1..rs.len().saturating_sub(1) {
        let Some(t) = before[r + 1].filter(|_| before[r].is_none() && rs[r + 1].after_cut) else {
            continue;
        };
        let k = targets.iter().position(|&x| x == t);
        // Text, not stray words (a jump line's head): a sentence ends in it.
        let sentence = segs[s].body[rs[r].start..rs[r].end]
            .iter()
            .any(|i| matches!(i, Item::Text(j) if ends_sentence(&page.lines[*j].text)));
        if sentence && k.is_some_and(|k| all_leans[r][k] >= 0.0) {
            label[r] = Some(t);
        }
    }
    label
}

/// One report line for each stretch of runs that moved together.
fn report(page: &Page, taken: &[(usize, usize, Vec<Item>)], notes: &mut Vec<Note>) {
    let mut k = 0;
    while k < taken.len() {
        let (r, t) = (taken[k].0, taken[k].1);
        let mut j = k;
        while j + 1 < taken.len() && taken[j + 1].1 == t && taken[j + 1].0 == r + j + 1 - k {
            j += 1;
        }
        let first = taken[k].2.iter().find_map(line_of).unwrap_or(0);
        let last = taken[j].2.iter().rev().find_map(line_of).unwrap_or(first);
        notes.push(lines_warning(
            page,
            (first, last),
            "read in another article's column: their words are those of an earlier article still open, whose text they continue; moved there: check the order",
        ));
        k = j + 1;
    }
}

/// A warning at the first of lines `first`–`last` (indices into the page's
/// lines) that were moved to another article: `why`.
pub(super) fn lines_warning(page: &Page, (first, last): (usize, usize), why: &str) -> Note {
    Note {
        line: page.lines[first].no,
        kind: NoteKind::Warning,
        message: format!(
            "lines {}–{} {why}",
            page.lines[first].no, page.lines[last].no
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bag(t: &str) -> Bag {
        let mut b = Bag::new();
        pairs(t, &mut b);
        b
    }

    #[test]
    fn words_lean_to_the_article_they_repeat() {
        let ferry =
            bag("船长老顾说，渡轮夜里过江，江面很静。老顾开渡轮十九年，江面上的渡轮只有这一条。");
        let market = bag("菜场改造后重新开张，摊位换了新台面。王阿姨在菜场卖豆腐，摊位挨着入口。");
        let run =
            bag("老顾认得夜渡的乘客，渡轮一离开码头，江面上就安静了，老顾说这是渡轮最好的时候。");
        let (lean, moves) = verdict(&run, &market, &ferry);
        assert!(moves && lean >= LEAN, "{lean}");
        // The other way round it stays.
        let (lean, moves) = verdict(&run, &ferry, &market);
        assert!(!moves && lean < 0.0, "{lean}");
    }

    #[test]
    fn a_run_without_words_of_either_stays() {
        let ferry = bag("老顾开渡轮，老顾过江，渡轮过江。");
        let market = bag("菜场摊位，菜场开张，摊位新了。");
        let run = bag("天气很好，大家都出门了。");
        assert!(!verdict(&run, &market, &ferry).1);
    }
}
