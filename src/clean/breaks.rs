//! What a line break tells of the order of lines: whether the pair of
//! characters across it is one the text uses (a sentence running on), or
//! only one chance would give it. Read by the rules that find columns
//! read across ([`super::columns`], [`super::stacked`], [`super::bands`]).

use std::collections::{HashMap, HashSet};

use super::lines::Role;
use super::names::is_han;
use super::prep::Line;

/// Pairs of Han characters the text has inside its lines.
pub(super) fn pairs(lines: &[Line], roles: &[Role]) -> HashSet<(char, char)> {
    let mut set = HashSet::new();
    for (l, r) in lines.iter().zip(roles) {
        if *r == Role::Text {
            let cs: Vec<char> = l.text.chars().filter(|c| !c.is_whitespace()).collect();
            for w in cs.windows(2) {
                if is_han(w[0]) && is_han(w[1]) {
                    set.insert((w[0], w[1]));
                }
            }
        }
    }
    set
}

/// Whether the line after `a` in reading order could be `b`: the pair of
/// characters across the break is one the text uses (None when the break
/// tells nothing: after punctuation, or before it).
pub(super) fn continues(a: &str, b: &str, pairs: &HashSet<(char, char)>) -> Option<bool> {
    let last = a.chars().rev().find(|c| !c.is_whitespace())?;
    let first = b.chars().find(|c| !c.is_whitespace())?;
    (is_han(last) && is_han(first)).then(|| pairs.contains(&(last, first)))
}

/// How often a line's end and the start of a line it has nothing to do
/// with (5 to 9 lines on: no column's next line) make a pair the text
/// uses: the rate a run-on is seen by chance. Low in prose (its pairs are
/// words); as high as any other break in text whose characters pair at
/// random (a few common ones: 了, 的), where breaks tell nothing.
pub(super) fn chance_rate(lines: &[Line], at: &[usize], pairs: &HashSet<(char, char)>) -> f32 {
    let (mut seen, mut all) = (0usize, 0usize);
    for d in 5..=9 {
        for k in 0..at.len().saturating_sub(d) {
            if let Some(c) = continues(&lines[at[k]].text, &lines[at[k + d]].text, pairs) {
                all += 1;
                seen += usize::from(c);
            }
        }
    }
    seen as f32 / all.max(1) as f32
}

/// How many times the chance rate sentences must run on two lines down in
/// a stretch read across: there nearly every break between letters does.
const OVER_CHANCE: f32 = 3.0;

/// Whether sentences in the stretch run on two lines down far more often
/// than a break meets an unrelated line's pair by chance (measured on the
/// whole run): a stretch picked out as the best of a long run of text
/// whose breaks tell nothing reaches [`MIN_SKIPS`] by luck alone.
pub(super) fn beats_chance(
    lines: &[Line],
    seg: &[usize],
    chance: f32,
    pairs: &HashSet<(char, char)>,
) -> bool {
    let (mut seen, mut all) = (0usize, 0usize);
    for k in 0..seg.len().saturating_sub(2) {
        if let Some(c) = continues(&lines[seg[k]].text, &lines[seg[k + 2]].text, pairs) {
            all += 1;
            seen += usize::from(c);
        }
    }
    seen as f32 >= OVER_CHANCE * chance * all as f32
}

/// How often the text has each pair of Han characters, and each character
/// first and second in a pair: whether a pair across a line break is one
/// of the text's words, or only likely by chance (的 is followed by
/// anything).
pub(super) struct Bigrams {
    pairs: HashMap<(char, char), u32>,
    left: HashMap<char, u32>,
    right: HashMap<char, u32>,
    total: u32,
}

impl Bigrams {
    pub(super) fn of(lines: &[Line]) -> Bigrams {
        let mut b = Bigrams {
            pairs: HashMap::new(),
            left: HashMap::new(),
            right: HashMap::new(),
            total: 0,
        };
        for l in lines {
            let cs: Vec<char> = l.text.chars().filter(|c| !c.is_whitespace()).collect();
            for w in cs.windows(2).filter(|w| is_han(w[0]) && is_han(w[1])) {
                *b.pairs.entry((w[0], w[1])).or_default() += 1;
                *b.left.entry(w[0]).or_default() += 1;
                *b.right.entry(w[1]).or_default() += 1;
                b.total += 1;
            }
        }
        b
    }

    /// The cost of reading `b` after `a`: a pair the text uses more than
    /// chance gives it -4, one it uses about as often as chance -1, one it
    /// never uses though chance would give it at least once 2; nothing
    /// said (a mark at the break, or rare characters) 0.
    pub(super) fn follow(&self, a: &str, b: &str) -> i32 {
        let (Some(x), Some(y)) = (
            a.chars().rev().find(|c| !c.is_whitespace()),
            b.chars().find(|c| !c.is_whitespace()),
        ) else {
            return 0;
        };
        if !is_han(x) || !is_han(y) {
            return 0;
        }
        let n = |m: &HashMap<char, u32>, c| m.get(&c).copied().unwrap_or(0) as f32;
        let chance = n(&self.left, x) * n(&self.right, y) / self.total.max(1) as f32;
        let seen = self.pairs.get(&(x, y)).copied().unwrap_or(0) as f32;
        if seen > 0.0 {
            if seen >= 2.0 * chance { -4 } else { -1 }
        } else if chance >= 1.0 {
            2
        } else {
            0
        }
    }
}
