//! A stretch read across cut into bands, one article's each: where a pair
//! of columns holds several articles one over the other (a feature's two
//! columns, then a report's, then two serial boxes), a line-per-box tool
//! reads them all as one pair, and each column's chain of lines runs from
//! one article into the next.
//!
//! Each line of the stretch leans to an article by its words (pairs of
//! characters the article uses more than once) that the article holding
//! the stretch does not have, less the other way round. The stretch is
//! cut where both columns stop running on, into bands of at least
//! [`MIN_PART`] lines, each given the article its lines lean to most in
//! sum, a change of article costing [`CHANGE`] (a few shared words do not
//! make a band). The first band is the holding article's own.

use std::collections::HashSet;

use super::columns::{Bigrams, Woven};
use super::interleave::{Bag, verdict, words};
use super::page::Page;
use super::shape::ends_sentence;

/// Lines a band needs at least (both columns together) for its words to
/// tell an article.
pub(super) const MIN_PART: usize = 16;
/// Net words of another article a band must have over staying.
const CHANGE: i64 = 10;
/// How far a band's words, and each column's share of them, must lean to
/// the article it goes to (a log odds ratio, as interleave.rs weighs a
/// run; less than a run needs there, as the band must also be two
/// columns' worth and end where the columns stop running on).
const STACK_LEAN: f32 = 0.9;
/// Words a column's part must have of its article's, net, to go there
/// apart from the other column's part (two boxes, one under each column).
const MIN_COLUMN_HITS: i64 = 5;

/// What a stretch is weighed against: the articles' words.
pub(super) struct Words<'a> {
    pub page: &'a Page<'a>,
    /// The holding article's words, from its text outside the stretch.
    pub mine: HashSet<(char, char)>,
    /// The holding article's text outside each band.
    pub whole: Bag,
    /// Every other article, with its text outside the stretches.
    pub targets: Vec<(usize, Bag)>,
    /// The page's pairs of characters, to tell a column's text running
    /// on across a cut.
    pub stats: &'a Bigrams,
    pub bag_of: &'a dyn Fn(&[usize]) -> Bag,
}

/// A part of a stretch to move: its lines in reading order, the article
/// it goes to, and whether it is both columns' (2) or one column's (1).
pub(super) struct Part {
    pub lines: Vec<usize>,
    pub to: usize,
    pub columns: usize,
}

/// How many of a text's pairs are words of `theirs` and not of `mine`,
/// less the other way round.
pub(super) fn hits(
    text: &Bag,
    theirs: &HashSet<(char, char)>,
    mine: &HashSet<(char, char)>,
) -> i64 {
    let only = |x: &HashSet<(char, char)>, y: &HashSet<(char, char)>| {
        text.keys()
            .filter(|p| x.contains(p) && !y.contains(p))
            .count() as i64
    };
    only(theirs, mine) - only(mine, theirs)
}

/// The parts of stretch `w` (its lines `all`, in page order) that are
/// other articles', each to move.
pub(super) fn parts(w: &Woven, all: &[usize], ws: &Words) -> Vec<Part> {
    let n = all.len();
    if n < 2 * MIN_PART {
        return Vec::new();
    }
    let text = |i: usize| ws.page.lines[i].text.as_str();
    let cols = [&w.first, &w.second];
    // A cut before line `all[k]`: one column leaves its sentence open
    // (cut off, to go on elsewhere), and neither runs on across it.
    let open = |col: &[usize], cut: usize| {
        col.iter()
            .rev()
            .find(|&&i| i < cut)
            .is_some_and(|&i| !ends_sentence(text(i)))
    };
    let runs_on = |col: &[usize], cut: usize| {
        let at = col.iter().position(|&i| i >= cut);
        at.is_some_and(|a| {
            // A pair the text uses more than chance gives it (的 runs on
            // into anything, so a pair after it tells nothing).
            a > 0 && ws.stats.follow(text(col[a - 1]), text(col[a])) < -1
        })
    };
    let cut_at = |k: usize| {
        k == n
            || (k >= MIN_PART
                && n - k >= MIN_PART
                && cols.iter().any(|c| open(c, all[k]))
                && !cols.iter().any(|c| runs_on(c, all[k])))
    };
    // Label 0 is the holding article (no lean); label l the target l-1.
    let labels = ws.targets.len() + 1;
    let mut sum = vec![vec![0i64; n + 1]; labels];
    for (l, (_, bag)) in ws.targets.iter().enumerate() {
        let theirs = words(bag);
        for (k, &i) in all.iter().enumerate() {
            sum[l + 1][k + 1] = sum[l + 1][k] + hits(&(ws.bag_of)(&[i]), &theirs, &ws.mine);
        }
    }
    let bands = segment(n, labels, &sum, &cut_at);
    let mut out = Vec::new();
    for (lo, hi, l) in bands.into_iter().filter(|b| b.2 > 0) {
        let band: HashSet<usize> = all[lo..hi].iter().copied().collect();
        let part = |col: &[usize]| -> Vec<usize> {
            col.iter().copied().filter(|i| band.contains(i)).collect()
        };
        let (mut a, mut b) = (part(&w.first), part(&w.second));
        // The left column's first: a tool sorting by baseline, then left
        // to right, reads the left column's first line first (the chains
        // down each column no longer tell left from right once both
        // columns' articles change).
        if !b.is_empty() && (a.is_empty() || b[0] < a[0]) {
            std::mem::swap(&mut a, &mut b);
        }
        out.extend(place(a, b, ws.targets[l - 1].0, ws));
    }
    out
}

/// Bands `(lo, hi, label)` of the lines `0..n`: the cheapest cutting at
/// cuts `cut_at` allows, a band's worth the sum of its lines' leans to
/// its label less [`CHANGE`]; the first band is label 0's.
fn segment(
    n: usize,
    labels: usize,
    sum: &[Vec<i64>],
    cut_at: &dyn Fn(usize) -> bool,
) -> Vec<(usize, usize, usize)> {
    // best[k][l]: the best cutting of 0..k whose last band is l's, with
    // the band's start and the label before it.
    type Cell = Option<(i64, usize, usize)>;
    let mut best: Vec<Vec<Cell>> = vec![vec![None; labels]; n + 1];
    let ends: Vec<usize> = (1..=n).filter(|&k| cut_at(k)).collect();
    for &k in &ends {
        if k >= MIN_PART {
            best[k][0] = Some((0, 0, 0));
        }
        for &j in ends.iter().filter(|&&j| j < k && k - j >= MIN_PART) {
            for lp in 0..labels {
                let Some((v, _, _)) = best[j][lp] else {
                    continue;
                };
                for l in (0..labels).filter(|&l| l != lp) {
                    let gain = v + sum[l][k] - sum[l][j] - CHANGE;
                    if best[k][l].is_none_or(|c| gain > c.0) {
                        best[k][l] = Some((gain, j, lp));
                    }
                }
            }
        }
    }
    let mut at = (0..labels)
        .filter_map(|l| Some((best[n][l]?.0, l)))
        .max_by_key(|&(v, l)| (v, std::cmp::Reverse(l)))
        .map(|(_, l)| (n, l));
    let mut out = Vec::new();
    while let Some((k, l)) = at {
        let Some((_, j, lp)) = best[k][l] else { break };
        out.push((j, k, l));
        at = (j > 0).then_some((j, lp));
    }
    out.reverse();
    out
}

/// Where a band of another article goes: both columns to `to`, or each
/// column to the article its words are (two boxes, one under each), when
/// the words lean far enough; nothing otherwise.
fn place(left: Vec<usize>, right: Vec<usize>, to: usize, ws: &Words) -> Vec<Part> {
    let band: Vec<usize> = left.iter().chain(&right).copied().collect();
    let own = less(&ws.whole, &(ws.bag_of)(&band));
    let most = |col: &[usize]| {
        let part = (ws.bag_of)(col);
        let (t, bag) = ws
            .targets
            .iter()
            .max_by_key(|x| (hits(&part, &words(&x.1), &ws.mine), std::cmp::Reverse(x.0)))?;
        Some((
            *t,
            hits(&part, &words(bag), &ws.mine),
            verdict(&part, &own, bag).0,
        ))
    };
    let Some(to_bag) = ws.targets.iter().find(|x| x.0 == to).map(|x| &x.1) else {
        return Vec::new();
    };
    if verdict(&(ws.bag_of)(&band), &own, to_bag).0 < STACK_LEAN {
        return Vec::new();
    }
    // A column whose words are plainly another article's goes there (a
    // box of its own under that column); the rest goes with the band.
    let dest = |col: &[usize]| match most(col) {
        Some((t, h, v)) if t != to && h >= MIN_COLUMN_HITS && v >= STACK_LEAN => t,
        _ => to,
    };
    let (l, r) = (dest(&left), dest(&right));
    if l == to && r == to {
        return vec![Part {
            lines: band,
            to,
            columns: 2,
        }];
    }
    [(left, l), (right, r)]
        .into_iter()
        .filter(|(col, _)| !col.is_empty())
        .map(|(lines, to)| Part {
            lines,
            to,
            columns: 1,
        })
        .collect()
}

/// Bag `a` less bag `b`.
pub(super) fn less(a: &Bag, b: &Bag) -> Bag {
    let mut out = a.clone();
    for (p, n) in b {
        if let Some(x) = out.get_mut(p) {
            *x = x.saturating_sub(*n);
        }
    }
    out.retain(|_, n| *n > 0);
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Block, clean};

    /// An article's text cut into column lines of 12 characters.
    fn column_lines(sentences: &[&str], lines: usize) -> Vec<String> {
        let text: Vec<char> = sentences
            .concat()
            .chars()
            .cycle()
            .take(12 * lines)
            .collect();
        text.chunks(12).map(|c| c.iter().collect()).collect()
    }

    /// Two columns' lines as a tool sorting by baseline reads them.
    fn across(left: &[String], right: &[String]) -> Vec<String> {
        left.iter()
            .zip(right)
            .flat_map(|(a, b)| [a.clone(), b.clone()])
            .collect()
    }

    const FERRY: &[&str] = &[
        "老顾开渡轮已经十九年了，每天夜里他都把渡轮靠在码头边上。",
        "江面上的风很大，渡轮晃得厉害，乘客们扶着栏杆不敢松手。",
        "老顾说，码头上的灯一亮，夜航的渡轮就该出发了。",
    ];
    const MARKET: &[&str] = &[
        "王阿姨在菜场卖豆腐，摊位挨着入口，早上五点就开张。",
        "菜场改造以后，摊位换了新台面，王阿姨的豆腐摊也亮堂了。",
        "买豆腐的老街坊说，菜场还是那个菜场，摊位却干净多了。",
    ];
    const LIBRARY: &[&str] = &[
        "书房开在社区的老仓库里，读者刷身份证就能借书还书。",
        "晚上九点，书房里还坐着十几位读者，有人看书有人写字。",
        "管理员说，书房的书每个月换一批，读者借书不用再跑远路。",
    ];

    fn text_of(a: &super::super::Article) -> String {
        a.blocks
            .iter()
            .map(|b| match b {
                Block::Para(t) | Block::Head(t) => t.as_str(),
            })
            .collect()
    }

    /// A headline block as a line-per-box tool marking large type gives
    /// it, after a gap.
    fn headline(kicker: &str, title: &str, byline: &str) -> Vec<String> {
        ["", &format!("## {kicker}"), &format!("# {title}"), byline]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn three_articles_stacked_in_a_pair_of_columns_read_across() {
        // A page whose second and third columns hold, one under the other,
        // the ferry feature's last two columns, the market report's and
        // the library report's, read across as one pair; the market and
        // library reports begin (headline, byline, first column, which
        // ends a sentence) after it.
        let (ferry, mut market, mut library) = (
            column_lines(FERRY, 46),
            column_lines(MARKET, 46),
            column_lines(LIBRARY, 46),
        );
        for a in [&mut market, &mut library] {
            a[13].pop();
            a[13].push('。');
        }
        let mut lines = vec!["# 渡口夜航".to_string(), "本报记者 林晓舟".to_string()];
        lines.extend(ferry[..14].iter().cloned());
        for a in [&ferry, &market, &library] {
            lines.extend(across(&a[14..30], &a[30..46]));
        }
        lines.extend(headline("城事·菜场", "菜场新貌", "本报记者 许若川"));
        lines.extend(market[..14].iter().cloned());
        lines.extend(headline("城事·书房", "书房夜读", "本报记者 方知远"));
        lines.extend(library[..14].iter().cloned());
        let c = clean(&(lines.join("\n") + "\n"));
        let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["渡口夜航", "菜场新貌", "书房夜读"]);
        // Each article holds every line of its columns, and no word of the
        // others'.
        for (k, (cols, theirs)) in [
            (&ferry, ["摊位", "书房"]),
            (&market, ["渡轮", "书房"]),
            (&library, ["渡轮", "摊位"]),
        ]
        .into_iter()
        .enumerate()
        {
            let text = text_of(&c.articles[k]);
            for line in cols.iter() {
                assert!(text.contains(line.as_str()), "{k}: {line} not in {text}");
            }
            assert!(!theirs.iter().any(|w| text.contains(w)), "{k}: {text}");
        }
        let moved = c
            .notes
            .iter()
            .filter(|n| n.message.contains("another article's two columns"))
            .count();
        assert_eq!(moved, 2, "{:?}", c.notes);
    }
}
