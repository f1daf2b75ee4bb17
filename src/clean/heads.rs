//! Which lines of an article's body are section heads, and which short
//! lines stand inside a sentence (a caption or a stray mark, never a head):
//! read from the line's shape and its neighbours.

use super::gather::Page;
use super::lines::heading_like;
use super::people::dateline;
use super::prep::Line;
use super::shape::{
    box_piece, ends_sentence, ends_with_comma, enumerator, fragment, full, heading_text,
    indent_shape, leaves_open, runs_on,
};

/// A section head set in two lines, broken after its comma (审批比想象的快，
/// / 施工比想象的慢) or inside its quotation (“以后下楼， / 不用算日子了”):
/// two short lines, each a block of its own (blank lines around, as
/// Tesseract reads large type) or, in line-per-box text, each narrower
/// than a paragraph's first line, the two together a head's text, and a
/// paragraph's first line after them. A paragraph's last line and the
/// next paragraph's short first line are never both blocks of their own.
pub(super) fn head_in_two(
    page: &Page,
    i: usize,
    n: usize,
    after: Option<usize>,
    run: &[Option<usize>],
) -> bool {
    let (l, nl) = (&page.lines[i], &page.lines[n]);
    let gap_before = run.is_empty() || run.last().is_some_and(Option::is_none);
    // Lines moved back to their column (interleave.rs, stacked.rs) may
    // stand in reading order before the line they follow: then nothing
    // stands between them.
    let blank_in = |r: std::ops::Range<usize>| {
        page.lines
            .get(r)
            .is_some_and(|ls| ls.iter().any(Line::is_blank))
    };
    let blocks = blank_in(i + 1..n) && after.is_some_and(|a| blank_in(n + 1..a));
    // Line-per-box text has no blank lines: there the two lines are
    // narrower than a paragraph's first line, one after the other.
    let narrow = |x: &Line, m: Option<f32>| m.is_some_and(|m| x.width < m - 3.75);
    let boxed = n == i + 1
        && after == Some(n + 1)
        && narrow(l, page.measure[i])
        && narrow(nl, page.measure[n]);
    let broken = ends_with_comma(&l.text)
        || l.text.starts_with('“') && !l.text.contains('”') && nl.text.trim_end().ends_with('”');
    let joined = format!("{}{}", l.text.trim_end(), nl.text.trim_end());
    let short = |x: &Line, m: Option<f32>| m.is_none_or(|m| !full(x.width, m));
    let opens = after.is_some_and(|a| {
        let al = &page.lines[a];
        page.measure[a].is_some_and(|m| indent_shape(al, m)) || al.indented || enumerator(&al.text)
    });
    (gap_before && blocks || boxed)
        && broken
        && l.level.is_none()
        && nl.level.is_none()
        && short(l, page.measure[i])
        && short(nl, page.measure[n])
        && heading_text(nl.text.trim_end())
        && heading_text(joined.trim_end_matches('”'))
        && opens
}

/// A short line in a block of its own between two lines of one sentence:
/// the line before is a full column line that ends no sentence, the line
/// after goes on with it (no indent, no enumerator, no heading). Print
/// never sets a section head inside a sentence: such a line is a figure's
/// caption or label, or a mark the OCR read off a rule or a picture;
/// marked `#` (large type), a piece of a headline read out of place
/// (一份十二元的午饭　/ 能走多远), which is large type too. `apart` says
/// the line is a block of its own (blank lines around it); in
/// line-per-box text, see [`boxed_inside`].
pub(super) fn inside_sentence(
    page: &Page,
    i: usize,
    prev: Option<usize>,
    next: Option<usize>,
    run: &[Option<usize>],
    apart: bool,
) -> bool {
    let l = &page.lines[i];
    let (Some(p), Some(n)) = (prev, next) else {
        return false;
    };
    let (pl, nl) = (&page.lines[p], &page.lines[n]);
    let gap_before = run.last().is_some_and(Option::is_none);
    let p_full = page.measure[p].is_none_or(|m| full(pl.width, m));
    // A line of three full-width characters more than the column holds
    // is no line of it (stray marks read beside a line widen it, but
    // not by whole characters): a headline block's line read out of
    // place.
    let chars = l
        .text
        .chars()
        .filter(|&c| !c.is_ascii() && c != '\u{3000}')
        .count();
    let wide = page.measure[i].is_some_and(|m| chars as f32 >= m + 3.0);
    let shortish = fragment(&l.text) || heading_text(&l.text) || wide;
    let goes_on = !nl.indented
        && !nl.bullet
        && !enumerator(&nl.text)
        && !heading_like(nl, page.measure[n])
        && page.measure[n].is_none_or(|m| !indent_shape(nl, m));
    // In a sliver of text run round a figure no line is full, but a line
    // naming a figure (灯的徽记) read last before a blank is its caption.
    let named = apart && super::captions::names_figure(&l.text) && in_sliver(page, i, run);
    let placed = if apart && gap_before {
        p_full
    } else if named {
        true
    } else {
        !apart && !gap_before && boxed_inside(page, i, p, n)
    };
    // (A line under the figure's caption, as wide as a first line, may be
    // the sentence's last: the sliver's open line over it tells that.)
    placed
        && !l.bold
        && shortish
        && !ends_sentence(&l.text)
        && !ends_sentence(&pl.text)
        && (goes_on || named)
}

/// In line-per-box text (no blank lines), a line of words and no mark two
/// ems or more short of the column, between a column line that ends no
/// sentence (a full line, or a paragraph's first line) and a full line:
/// no piece of a printed line the OCR cut in two boxes (the line before
/// is whole, and so is the line after), so no line of the column.
fn boxed_inside(page: &Page, i: usize, p: usize, n: usize) -> bool {
    let Some(([l, pl, nl], [m, pm, nm])) = measured(page, [i, p, n]) else {
        return false;
    };
    // Words (a year a box split off its line, 1930 / 年…, stays in its
    // sentence).
    let plain = words(l, |c| c.is_ascii_alphanumeric());
    // Read one after the other (lines moved back to their column may not
    // be).
    let in_order = l.follows(pl) && nl.follows(l);
    let column_line = full(pl.width, pm) || indent_shape(pl, pm);
    in_order && plain && l.width <= m - 2.0 && column_line && full(nl.width, nm)
}

/// A text line of the body is a section head: marked as large or bold
/// type, or heading-like between a sentence end and a paragraph's start.
pub(super) fn is_head(
    page: &Page,
    i: usize,
    (next, after): (Option<usize>, Option<usize>),
    prev_end: bool,
    run: &[Option<usize>],
) -> bool {
    let l = &page.lines[i];
    let m = page.measure[i];
    // A line of Han characters alone an em short of the column after a
    // sentence end is no column line either: a justified inner line is
    // full, a first line two ems short, a last line ends on a mark.
    let em_short = prev_end
        && heading_text(&l.text)
        && m.is_some_and(|m| full(l.width, m) && super::shape::narrow(l, m));
    if !heading_like(l, m) && !em_short {
        return false;
    }
    if l.level.is_some() || l.bold {
        return true;
    }
    // A section head has no comma; a paragraph's first line may.
    if l.text.contains(['，', ',']) {
        return false;
    }
    // Nor does it trail off (……): a one-line paragraph's end.
    if trails_off(&l.text) || speaks_on(&l.text) {
        return false;
    }
    // Nor is it the first piece of a printed line the OCR cut in two.
    let cut = next.zip(m).is_some_and(|(n, m)| {
        let nl = &page.lines[n];
        nl.follows(l) && box_piece(l, nl, after.map(|a| &page.lines[a]), m)
    });
    if cut {
        return false;
    }
    // Nor does it stop on a word that needs what follows (夜里的车厢是城市的
    // / 另一张面孔。): the line breaks inside a phrase. Unless it is a
    // block of its own after a sentence end, as Tesseract reads a head
    // (下一步要解决的).
    let gap_before = run.last().is_some_and(Option::is_none) || run.is_empty();
    let own_block = prev_end && gap_before && page.lines.get(i + 1).is_some_and(Line::is_blank);
    if leaves_open(&l.text) && !own_block {
        return false;
    }
    // Nor does the next line carry on its sentence, or the one after it
    // where the head would take two lines (六十二 / 间书房 / 中，有四).
    let goes_on = |n: usize| runs_on(&page.lines[n].text);
    let two_lines = next.is_some_and(|n| {
        let nl = &page.lines[n];
        n == i + 1
            && heading_like(nl, page.measure[n])
            && !nl.text.contains(['，', ','])
            && page.measure[n].is_none_or(|m| !indent_shape(nl, m))
    });
    if next.is_some_and(goes_on) || two_lines && after.is_some_and(goes_on) {
        return false;
    }
    // Beside a figure every line is short: a short line under `l` holding
    // a comma is the narrowed column's text going on, no head of its own.
    let beside_figure = narrowed_above(page, i, run);
    let opens = next.is_none_or(|n| {
        let nl = &page.lines[n];
        nl.indented
            || nl.bullet
            || enumerator(&nl.text)
            || heading_like(nl, page.measure[n]) && !(comma_inside(&nl.text) && beside_figure)
            || m.is_none_or(|m| {
                indent_shape(nl, m) || !full(nl.width, m) && ends_sentence(&nl.text)
            })
    });
    (prev_end || gap_before)
        && opens
        && !in_sliver(page, i, run)
        && !first_line(page, i, next)
        && dateline(&l.text).is_none()
        && !over_wrap(page, i)
}

/// A comma inside the line, not at its end: no head holds one (a head
/// set in two lines breaks after its comma, which ends its first line).
fn comma_inside(t: &str) -> bool {
    t.trim_end()
        .trim_end_matches(['，', ','])
        .contains(['，', ','])
}

/// The column over line `i` is narrowed round a figure: two of the four
/// text lines read over it three ems short or more, leaving their
/// sentences open (a paragraph's last line is short too, but ends its
/// sentence).
fn narrowed_above(page: &Page, i: usize, run: &[Option<usize>]) -> bool {
    let narrowed = |k: usize| {
        let o = &page.lines[k];
        (page.measure[k].or(page.measure[i])).is_some_and(|m| super::joins::narrowed(o.width, m))
            && !ends_sentence(&o.text)
    };
    run.iter()
        .rev()
        .flatten()
        .take(4)
        .filter(|&&k| narrowed(k))
        .count()
        >= 2
}

/// Line `i` goes on down a sliver of text run round a figure: the three
/// text lines over it each half the column or narrower, within an em of
/// `i`'s width, none ending its sentence (线，还是 / 习惯把 / 煤油灯 / 挪到床 /
/// 头，束 over 着那一小, three and four ems of thirteen). Every line there
/// is short and the OCR leaves blank lines where it likes, so `i`'s
/// shortness and the blank over it tell nothing: the sentence runs on.
fn in_sliver(page: &Page, i: usize, run: &[Option<usize>]) -> bool {
    let l = &page.lines[i];
    let over: Vec<usize> = run.iter().rev().flatten().take(3).copied().collect();
    let narrow = |k: usize| {
        let o = &page.lines[k];
        (page.measure[k].or(page.measure[i])).is_some_and(|m| o.width <= m / 2.0)
            && (o.width - l.width).abs() <= 1.0
            && !ends_sentence(&o.text)
    };
    over.len() == 3 && over.iter().all(|&k| narrow(k))
}

/// Line `i` opens a paragraph whose next line is `next`: as wide as a
/// first line, with a full line under it going on, or its paragraph's
/// last line (`last_under`).
fn first_line(page: &Page, i: usize, next: Option<usize>) -> bool {
    let (l, m) = (&page.lines[i], page.measure[i]);
    m.is_some_and(|m| {
        indent_shape(l, m)
            && next.is_some_and(|n| {
                let nl = &page.lines[n];
                full(nl.width, m) && !ends_sentence(&nl.text) || last_under(l, nl, n == i + 1)
            })
    })
}

/// Ends on an ellipsis (末如之告于清曰……): a sentence trailing off, a
/// one-line paragraph's end (dialogue or narrative breaking off), not a
/// section head. A head marked large (`#`) or bold that ends so is no
/// head already (`heading_like` takes …… for a sentence end there); a
/// plain line is read the same way.
fn trails_off(t: &str) -> bool {
    t.trim_end().ends_with(['…', '⋯'])
}

/// Holds a colon with words after it that introduces what follows (乕倒说:“了不片信了,
/// 倒裡愇了了的:閔了票你, 老李说：“好年景”): speech or a list, going on past
/// the line, as the short lines of a column narrowed beside a figure read
/// — the colon opens a quotation, follows a verb of saying, or the line
/// runs on (ends on a comma or pause). A plain section head names its
/// part and stops: one that holds a colon (专家：城市更新要以人为本, 记者手记：
/// 桥下的夜) opens no quotation after it and ends on a word. A colon between
/// digits (8:30) is a time; a head marked large (`#`) or bold is a head
/// before this is asked.
fn speaks_on(t: &str) -> bool {
    let cs: Vec<char> = t.trim_end().chars().collect();
    let runs_on = cs.last().is_some_and(|c| matches!(c, '，' | ',' | '、'));
    (cs.iter().enumerate()).any(|(k, &c)| {
        let digits = |j: Option<&char>| j.is_some_and(char::is_ascii_digit);
        let before = k.checked_sub(1).and_then(|j| cs.get(j));
        let quotes = cs
            .get(k + 1)
            .is_some_and(|n| matches!(n, '“' | '「' | '『' | '"'));
        let says = before.is_some_and(|b| matches!(b, '说' | '說' | '道' | '问' | '問' | '曰'));
        (c == '：' || c == ':')
            && k + 1 < cs.len()
            && !(digits(before) && digits(cs.get(k + 1)))
            && (quotes || says || runs_on)
    })
}

/// A paragraph's last line read right under a line as wide as a first
/// line: ending its sentence, whatever its width (三岁以卧房：恐亦为人身 /
/// 与下文，求知己掏出不。, 子而其余食无人欲:才人 / 泪湿冷不如子曰狂也。, 老人望着远处
/// 的田埂喃喃 / 说个不停……). The two are a paragraph of two lines, its
/// first line indented. A head as wide as a first line over a paragraph of
/// one line is the rarer reading: the paragraph under a section head opens
/// with a line two ems short and goes on (round 21 asked the last line to
/// be as wide as the first; round 23 dropped that, the sets' two-line
/// paragraphs ending narrower outnumbering such heads, of which the
/// sources hold none).
fn last_under(l: &Line, nl: &Line, adjacent: bool) -> bool {
    adjacent && nl.follows(l) && ends_sentence(&nl.text)
}

/// A short line over text run round a figure: the three column lines
/// under it, read in order, each three ems short or more and two of them
/// stopping mid-sentence (or the two lines of [`wrap_goes_on`] or
/// [`short_end_goes_on`]). A
/// paragraph under a head opens with a line two ems short and runs on
/// full, so such lines are a paragraph set narrow beside a figure, and
/// the short line over them its first line, narrowed too. A numbered head
/// (一、, （二）) stays a head.
fn over_wrap(page: &Page, i: usize) -> bool {
    let Some(m) = page.measure[i] else {
        return false;
    };
    let l = &page.lines[i];
    // Read one after the other, no blank between.
    let under: Vec<&Line> = (1..=3)
        .map_while(|k| {
            page.lines
                .get(i + k)
                .filter(|u| u.follows(&page.lines[i + k - 1]))
        })
        .filter(|u| !u.is_blank())
        .collect();
    let open = under.iter().filter(|u| !ends_sentence(&u.text)).count();
    let wrapped = under.len() == 3 && under.iter().all(|u| narrow_beside(u, m)) && open >= 2;
    let goes_on = wrap_goes_on(page, i, &under, m) || short_end_goes_on(&under, m);
    !enumerator(&l.text) && (wrapped || goes_on)
}

/// The line under the short line ends a sentence three ems short or more
/// and a full line goes on under it (有个襒鋐霬侀 / 河晨面旖。 / 的出了簤宸了的来了囷,湿屰,
/// in a thirteen-em column). Were the short line a head, the line under
/// it would open a paragraph: a paragraph of one line then, and the full
/// line the next one's first, which opens two ems short. So the text runs
/// on through the three lines, set narrow beside a figure above.
fn short_end_goes_on(under: &[&Line], m: f32) -> bool {
    let [first, second, ..] = under else {
        return false;
    };
    let plain = narrow_beside(first, m) && second.level.is_none();
    plain && ends_sentence(&first.text) && full(second.width, m)
}

/// A column line some three ems short of the measure `m` or more (2.5,
/// as these head rules have read it; `joins::narrowed`'s 3 is the break
/// rules') and no head (no `#` level): a line set narrow beside a figure.
/// Shared by [`over_wrap`] and the two rules it reads.
fn narrow_beside(u: &Line, m: f32) -> bool {
    u.width <= m - 2.5 && u.level.is_none()
}

/// Text run round a round figure widens again a line or two under the
/// short line (晨媣了发24.6 公里了 / 了瞻镇,又里，喀大信 / 写一,上上乡馒夶下一信 /
/// then full lines, in a thirteen-em column), so the third line under it
/// may be full. Two lines under it are enough where the first is three
/// ems short and holds a pause (a head's second line has none: 白天是书房 /
/// 晚上是自习室), the second is short too, neither ends its sentence, and
/// the line over it, ending its sentence, is as wide as the narrowed line
/// under it: the paragraph runs on in the narrowed column. Over a short
/// line (一的摊位常。 / 秋次的人能这条早) a paragraph ended there, and the
/// line is the next one's first line, as a head is read.
fn wrap_goes_on(page: &Page, i: usize, under: &[&Line], m: f32) -> bool {
    let l = &page.lines[i];
    let [first, second, ..] = under else {
        return false;
    };
    let above = i.checked_sub(1).map(|p| &page.lines[p]);
    let in_column = above.is_some_and(|p| l.follows(p) && p.width >= first.width - 0.5);
    let paused = first.text.contains(['，', ',', '、', '；', ';']);
    let open = !ends_sentence(&first.text) && !ends_sentence(&second.text);
    let plain = narrow_beside(first, m) && second.level.is_none();
    in_column && paused && open && plain && !full(second.width, m)
}

/// A short line of words and no mark between a full column line that
/// ends its sentence flush at the measure and a full line that is no
/// paragraph's first line (灯、写字楼里一格一格的灯。 / 灯的徽记 / 灯多了，反倒很少有
/// 人抬头去): the paragraph goes on across it. A section head opens a
/// paragraph under it two ems short (its indent, which the OCR drops, not
/// the characters), and print sets no paragraph's inner line after a
/// head, so the line is a figure's caption or label set inside the
/// column, as `inside_sentence` finds one in the middle of a sentence.
/// `apart` and the blank before say it is a block of its own (Tesseract);
/// in line-per-box text the three are read one right after the other.
pub(super) fn across_flush_end(
    page: &Page,
    i: usize,
    around: (Option<usize>, Option<usize>),
    run: &[Option<usize>],
    apart: bool,
) -> bool {
    let (Some(p), Some(n)) = around else {
        return false;
    };
    let Some(([l, pl, nl], [m, pm, nm])) = measured(page, [i, p, n]) else {
        return false;
    };
    let plain = words(l, |c| c.is_ascii_digit() || c == ' ');
    let gap_before = run.last().is_some_and(Option::is_none);
    let placed = apart && gap_before || !apart && l.follows(pl) && nl.follows(l);
    // An inner line: full, no wider than a column line, not opening on
    // what opens a paragraph.
    let inner = full(nl.width, nm)
        && nl.width < nm + 2.0
        && !indent_shape(nl, nm)
        && !nl.indented
        && !nl.bullet
        && !enumerator(&nl.text)
        && !heading_like(nl, page.measure[n]);
    // A line opening on a character and marks no line may open on
    // (片……雵絧) took that character along from the line over it, which
    // then broke early: a paragraph's first line, short by what moved.
    let no_open = |c: &char| !c.is_alphanumeric() && !"“‘「『（(《 ".contains(*c);
    let marks = nl.text.chars().skip(1).take_while(no_open).count();
    let pushed = marks > 0 && l.width + 1.0 + marks as f32 >= m - 2.5;
    placed
        && plain
        && !pushed
        && l.level.is_none()
        && !l.bold
        // Narrower than a paragraph's first line, whose indent only the
        // OCR dropped (乐手们在后排讨论刚才那 over its second line).
        && l.width <= m - 3.0
        && !indent_shape(l, m)
        && !enumerator(&l.text)
        && ends_sentence(&pl.text)
        && full(pl.width, pm)
        && inner
}

/// The lines `at` and their measures, where each line has one.
fn measured<'p, const N: usize>(
    page: &'p Page,
    at: [usize; N],
) -> Option<([&'p Line; N], [f32; N])> {
    let mut ms = [0.0; N];
    for (k, &i) in at.iter().enumerate() {
        ms[k] = page.measure[i]?;
    }
    Some((at.map(|i| &page.lines[i]), ms))
}

/// Two Han characters or more, and nothing but Han characters and what
/// `also` lets in: words, no mark of any kind.
fn words(l: &Line, also: impl Fn(char) -> bool) -> bool {
    let han = l.text.chars().filter(|&c| super::names::is_han(c)).count();
    han >= 2 && l.text.chars().all(|c| super::names::is_han(c) || also(c))
}
