//! Headings (kicker, headline, deck, section heads) broken as a
//! compositor breaks them: only at phrase boundaries — a space, a
//! full-width space, after a punctuation mark — into the fewest lines
//! that fit, as even as those boundaries allow; a space at a line's end is
//! dropped. Only a phrase longer than the measure is broken inside, and
//! then into lines as even as the line-start and line-end rules allow:
//! a head filled to the measure over a line of two characters leaves
//! white under the short line (a hole beside a vertical head).

use super::lines::{break_lines, line_params};
use crate::linebreak::{Line, allowed_break, justify};
use crate::model::{GapKind, Item, LineRules, PunctClass, Role};
use crate::shape::{ShapedBlock, ShapedDoc, ShapedPara};
use crate::units::Pt;

/// A full-width space (全角空格), the usual gap between a heading's phrases.
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// The lines of a heading at `measure`: at phrase boundaries when every
/// phrase fits, at the best characters otherwise.
pub fn break_heading(p: &ShapedPara, measure: Pt, rules: &LineRules) -> Vec<Line> {
    let inset = p.style.size * p.style.inset as f64;
    let m = measure - inset * 2.0;
    let indent = p.style.size * p.style.indent as f64;
    let mf = move |_| m;
    let params = line_params(rules, &mf, indent, false);
    let set = |ranges: Vec<std::ops::Range<usize>>| -> Vec<Line> {
        let first = |r: &std::ops::Range<usize>| if r.start == 0 { indent } else { Pt::ZERO };
        (ranges.into_iter())
            .map(|r| justify(&p.items, r.clone(), first(&r), m, &params))
            .collect()
    };
    if let Some(ranges) = phrase_lines(&p.items, m, indent) {
        return set(ranges);
    }
    let broken = break_lines(p, measure, false, rules);
    // Even lines only where they are as few as the breaker's: the slots a
    // head takes are counted from those (natural widths, without the
    // compression of marks the breaker may use, can need one more).
    let allowed = |b: usize| allowed_break(&p.items, b, &params);
    match even_lines(&p.items, m, indent, &allowed) {
        Some(ranges) if ranges.len() == broken.len() && broken.len() > 1 => set(ranges),
        _ => broken,
    }
}

/// The document with every heading whose phrase is wider than its measure
/// (`header` for the headline block, `column` for section heads) stepped
/// down in 5% steps, no further than its style's `min_scale`, until its
/// phrases fit (at the least size it is then broken inside a phrase);
/// `None` when no heading needed it.
pub fn step_down_headings(shaped: &ShapedDoc, header: Pt, column: Pt) -> Option<ShapedDoc> {
    let heading = |p: &ShapedPara| matches!(p.style.role, Role::Heading | Role::MinorHeading);
    let header_steps: Vec<_> = shaped.header.iter().map(|p| stepped(p, header)).collect();
    let flow_steps: Vec<_> = (shaped.flow.iter())
        .map(|b| match b {
            ShapedBlock::Para(p) if heading(p) => stepped(p, column),
            _ => None,
        })
        .collect();
    if header_steps.iter().chain(&flow_steps).all(Option::is_none) {
        return None;
    }
    let mut out = shaped.clone();
    for (p, s) in out.header.iter_mut().zip(header_steps) {
        if let Some(s) = s {
            *p = s;
        }
    }
    for (b, s) in out.flow.iter_mut().zip(flow_steps) {
        if let (ShapedBlock::Para(p), Some(s)) = (b, s) {
            *p = s;
        }
    }
    Some(out)
}

/// Whether `q` breaks between phrases at `measure` (its inset off both
/// ends, its indent on the first line).
fn phrases_fit(q: &ShapedPara, measure: Pt) -> bool {
    let inset = q.style.size * q.style.inset as f64;
    let indent = q.style.size * q.style.indent as f64;
    phrase_lines(&q.items, measure - inset * 2.0, indent).is_some()
}

/// `p` stepped down until its phrases fit `measure`, or at its least
/// size; `None` when they fit as it is or it may not step down.
fn stepped(p: &ShapedPara, measure: Pt) -> Option<ShapedPara> {
    let fits = |q: &ShapedPara| phrases_fit(q, measure);
    let least = p.style.min_scale;
    if least >= 1.0 || fits(p) {
        return None;
    }
    let mut last = None;
    for step in 1..=10 {
        let k = 1.0 - 0.05 * step as f64;
        if k < least - 1e-9 {
            break;
        }
        let q = p.scaled(k);
        if fits(&q) {
            return Some(q);
        }
        last = Some(q);
    }
    last
}

/// Whether a line may end before item `b`: after a space or a
/// punctuation mark that is not an opening one, and not before a mark
/// that may not start a line.
fn phrase_end(items: &[Item], b: usize) -> bool {
    let (prev, next) = (&items[b - 1], &items[b]);
    let after = prev.first == IDEOGRAPHIC_SPACE
        || prev.gap.kind == GapKind::WordSpace
        || prev.punct.is_some_and(|c| c != PunctClass::Opening);
    let before_ok = next.punct.is_none_or(|c| c == PunctClass::Opening);
    after && before_ok && next.first != IDEOGRAPHIC_SPACE
}

/// The items a line from `start` to a break before `end` shows: without a
/// full-width space at its end.
fn shown(items: &[Item], start: usize, end: usize) -> std::ops::Range<usize> {
    let mut e = end;
    while e > start + 1 && items[e - 1].first == IDEOGRAPHIC_SPACE {
        e -= 1;
    }
    start..e
}

/// Natural width of items `r`, their inner gaps included.
fn width(items: &[Item], r: std::ops::Range<usize>) -> Pt {
    let line = &items[r];
    let gaps = &line[..line.len().saturating_sub(1)];
    line.iter().map(|i| i.width).sum::<Pt>() + gaps.iter().map(|i| i.gap.natural).sum::<Pt>()
}

/// The item ranges of the fewest lines, broken only at phrase ends, that
/// fit `measure`, the most even of them (least sum of squared widths);
/// `None` when a phrase is wider than the measure.
pub fn phrase_lines(
    items: &[Item],
    measure: Pt,
    indent: Pt,
) -> Option<Vec<std::ops::Range<usize>>> {
    even_lines(items, measure, indent, &|b| phrase_end(items, b))
}

/// The item ranges of the fewest lines, broken only before the items
/// `may_break` allows, that fit `measure`, the most even of them (least
/// sum of squared widths); `None` when no such lines fit.
fn even_lines(
    items: &[Item],
    measure: Pt,
    indent: Pt,
    may_break: &dyn Fn(usize) -> bool,
) -> Option<Vec<std::ops::Range<usize>>> {
    let n = items.len();
    if n == 0 {
        return Some(Vec::new());
    }
    let mut ends: Vec<usize> = (1..n).filter(|&b| may_break(b)).collect();
    ends.push(n);
    // best[k]: (lines, cost, previous end) of the best split of items up to
    // the k-th end (ends[k]); the start is item 0.
    let mut best: Vec<Option<(u32, f64, Option<usize>)>> = vec![None; ends.len()];
    for k in 0..ends.len() {
        let starts = std::iter::once(None).chain((0..k).map(Some));
        for j in starts {
            let start = j.map_or(0, |j| ends[j]);
            let (lines, cost) = match j {
                None => (0, 0.0),
                Some(j) => match best[j] {
                    Some((l, c, _)) => (l, c),
                    None => continue,
                },
            };
            let first = if start == 0 { indent } else { Pt::ZERO };
            let w = width(items, shown(items, start, ends[k])) + first;
            if w.0 > measure.0 + crate::linebreak::EPSILON {
                continue;
            }
            let cand = (lines + 1, cost + w.0 * w.0, j);
            let better = best[k].is_none_or(|(l, c, _)| (cand.0, cand.1) < (l, c));
            if better {
                best[k] = Some(cand);
            }
        }
    }
    let mut out = Vec::new();
    let mut k = Some(ends.len() - 1);
    while let Some(i) = k {
        let (_, _, prev) = best[i]?;
        let start = prev.map_or(0, |j| ends[j]);
        out.push(shown(items, start, ends[i]));
        k = prev;
    }
    out.reverse();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Gap;

    fn item(c: char) -> Item {
        let punct = match c {
            '，' => Some(PunctClass::Pause),
            '。' => Some(PunctClass::Stop),
            _ => None,
        };
        Item {
            width: Pt(10.0),
            first: c,
            last: c,
            punct,
            blank_before: Pt::ZERO,
            blank_after: Pt::ZERO,
            end_blank: Pt::ZERO,
            hang_before: Pt::ZERO,
            ideographic: true,
            may_hang: false,
            hang_end: Pt::ZERO,
            letter_slots: 0,
            gap: Gap::glued(),
        }
    }

    fn items(s: &str) -> Vec<Item> {
        s.chars().map(item).collect()
    }

    fn text(s: &str, lines: &[std::ops::Range<usize>]) -> Vec<String> {
        let c: Vec<char> = s.chars().collect();
        lines
            .iter()
            .map(|r| c[r.clone()].iter().collect())
            .collect()
    }

    #[test]
    fn a_two_phrase_head_breaks_at_its_full_width_space() {
        let s = "“城市书房”越开越多　阅读服务走进社区";
        let lines = phrase_lines(&items(s), Pt(100.0), Pt::ZERO).unwrap();
        assert_eq!(text(s, &lines), ["“城市书房”越开越多", "阅读服务走进社区"]);
    }

    #[test]
    fn a_head_that_fits_stays_on_one_line_and_loses_a_trailing_space() {
        let s = "雨夜的来信　";
        let lines = phrase_lines(&items(s), Pt(100.0), Pt::ZERO).unwrap();
        assert_eq!(text(s, &lines), ["雨夜的来信"]);
    }

    #[test]
    fn lines_are_balanced_among_the_fewest() {
        // Three phrases in two lines: 9 | 8 characters is more even than
        // 5 | 13.
        let s = "一二三四，五六七八　九十一二三四五六";
        let lines = phrase_lines(&items(s), Pt(130.0), Pt::ZERO).unwrap();
        assert_eq!(text(s, &lines), ["一二三四，五六七八", "九十一二三四五六"]);
    }

    #[test]
    fn lines_broken_inside_a_phrase_are_even() {
        // Six characters at a measure of five: 3 | 3, not 5 | 1 (the
        // short line left white under it beside a vertical head).
        let s = "一二三四五六";
        let lines = even_lines(&items(s), Pt(50.0), Pt::ZERO, &|_| true).unwrap();
        assert_eq!(text(s, &lines), ["一二三", "四五六"]);
        // Where the rules allow no break before the fourth character:
        // 2 | 4, the next most even, not the 5 | 1 a full first line leaves.
        let lines = even_lines(&items(s), Pt(50.0), Pt::ZERO, &|b| b != 3).unwrap();
        assert_eq!(text(s, &lines), ["一二", "三四五六"]);
    }

    #[test]
    fn a_phrase_wider_than_the_measure_gives_no_phrase_lines() {
        assert_eq!(
            phrase_lines(&items("一二三四五六七八九十一"), Pt(100.0), Pt::ZERO),
            None
        );
    }
}
