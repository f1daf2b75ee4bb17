//! Continuation pages (转版): an article too long for its page stops at
//! （下转第2版）, and where it goes on the page prints its headline again,
//! whole or its first phrase, over （上接第1版）. Several articles' rests
//! often share that page, each under its own head. The head names the
//! article the text after it belongs to: that text goes back to the article
//! whose headline it repeats, not to the rest read before it, and the head
//! itself is the page's furniture (the title is already the article's).

use super::furniture::jump_line;
use super::lines::Role;
use super::names::is_han;
use super::page::{Item, Page, Segment};
use super::prep::Line;
use super::shape::{ends_sentence, heading_text};
use super::{Note, NoteKind};

/// Furniture a continuation head may have been taken out as already.
const REPEATED: [&str; 2] = [
    "repeated header or footer",
    "continuation head (the headline's first phrase over a jump line)",
];

/// What a head over a continuation line is called in the report.
const HEAD: &str = "continuation head (an earlier article's headline over its continuation line)";

/// The letters and digits of a line: a head and its headline compared
/// without the marks and spaces OCR reads differently in each.
fn letters(t: &str) -> Vec<char> {
    t.chars()
        .filter(|&c| is_han(c) || c.is_alphanumeric())
        .collect()
}

/// `head` is `headline`, or its first phrase (of at least four
/// characters), with one misread character in six allowed, and one in a
/// shorter head (凌晨一点 read 次晨一点 in the headline: the line under it
/// is a continuation line, and the article is still open).
fn repeats(head: &[char], headline: &[char]) -> bool {
    if head.len() < 4 || head.len() > headline.len() {
        return false;
    }
    let whole = head.len() == headline.len();
    let phrase = head.len() + 2 <= headline.len();
    let misread = head.iter().zip(headline).filter(|(a, b)| a != b).count();
    (whole || phrase) && misread <= (head.len() / 6).max(1)
}

/// The heads printed beside a continuation line (上接第1版) on the page,
/// each with its input line number: where a jumped article goes on, the
/// page prints its headline again, whole or its first phrase.
pub(super) fn heads_over_jumps(lines: &[Line]) -> Vec<(usize, Vec<char>)> {
    let filled: Vec<&Line> = lines.iter().filter(|l| !l.is_blank()).collect();
    let mut heads = Vec::new();
    for (k, l) in filled.iter().enumerate() {
        if jump_line(l.text.trim()) != Some(false) {
            continue;
        }
        let beside = [k.checked_sub(1), Some(k + 1)];
        for b in beside.into_iter().flatten().filter_map(|b| filled.get(b)) {
            if heading_text(&b.text) && jump_line(b.text.trim()).is_none() {
                heads.push((b.no, letters(&b.text)));
            }
        }
    }
    heads
}

/// Whether the headline-block line `t` (input line `no`) is a headline a
/// continuation head in `heads` (`heads_over_jumps`) repeats.
pub(super) fn named_again(heads: &[(usize, Vec<char>)], no: usize, t: &str) -> bool {
    let line = letters(t);
    heads.iter().any(|(at, h)| *at != no && repeats(h, &line))
}

/// The open article whose headline the line `i` (a head taken out as
/// the page's furniture) repeats.
pub(super) fn named(page: &Page, i: usize, segs: &[Segment]) -> Option<usize> {
    let head = letters(&page.lines[i].text);
    naming(page, &head, segs, |_| true)
}

/// The article whose headline `head` repeats, among those `may` allows:
/// an open one, or else one closed by an end mark (a serial box's
/// （未完待续） read into its column across the page: a headline over a
/// continuation line says the article goes on).
fn naming(
    page: &Page,
    head: &[char],
    segs: &[Segment],
    may: impl Fn(usize) -> bool,
) -> Option<usize> {
    let names = |j: usize| may(j) && headlines(page, &segs[j]).iter().any(|h| repeats(head, h));
    (0..segs.len())
        .find(|&j| open(&segs[j]) && names(j))
        .or_else(|| (0..segs.len()).find(|&j| ended_by_mark(&segs[j]) && names(j)))
}

/// Closed by an end mark alone (（未完待续）, 完), not by its source line
/// or an installment number.
fn ended_by_mark(seg: &Segment) -> bool {
    let last = seg.body.iter().rev().find(|i| !matches!(i, Item::Blank));
    matches!(last, Some(Item::Alone(_)))
}

/// The headline lines of a segment's block: each text line, and each two
/// neighbouring ones read as one (a headline broken over two lines).
fn headlines(page: &Page, seg: &Segment) -> Vec<Vec<char>> {
    let texts: Vec<Vec<char>> = seg
        .header
        .iter()
        .filter_map(|it| match it {
            Item::Text(i) => Some(letters(&page.lines[*i].text)),
            _ => None,
        })
        .collect();
    let pairs = texts
        .windows(2)
        .map(|w| [w[0].clone(), w[1].clone()].concat());
    texts.iter().cloned().chain(pairs).collect()
}

/// An article that may go on: its text did not end with a source line,
/// an end mark or an installment number (a closed article has no rest).
fn open(seg: &Segment) -> bool {
    let last = seg.body.iter().rev().find(|i| !matches!(i, Item::Blank));
    !matches!(
        last,
        Some(Item::Source(..) | Item::Alone(_) | Item::Installment(..))
    )
}

/// The text lines at the end of the segment's current part (its body once
/// the body began, else its headline block) that may be a head: one or
/// two, heading-shaped, ending no sentence. Positions in that part.
fn trailing_head(page: &Page, part: &[Item]) -> Vec<usize> {
    let mut at = Vec::new();
    for (k, it) in part.iter().enumerate().rev() {
        match it {
            Item::Blank => continue,
            Item::Text(i) => {
                let t = &page.lines[*i].text;
                if ends_sentence(t) || !heading_text(t.trim_end_matches(['，', ','])) {
                    break;
                }
                at.push(k);
                if at.len() == 2 {
                    break;
                }
            }
            _ => break,
        }
    }
    at.reverse();
    at
}

/// At a continuation line (上接第1版): the article whose headline the head
/// just read over it repeats, with the head taken out of the current
/// segment (`in_body`: which part of it the head was read into).
/// Returns that article's index; `None` leaves everything as it is.
pub(super) fn continued(
    page: &Page,
    p: usize,
    segs: &mut [Segment],
    (cur, in_body): (usize, bool),
    notes: &mut Vec<Note>,
) -> Option<usize> {
    // A head already taken out as the page's furniture (a headline printed
    // twice, over its jump line, is a repeated line): it names the article
    // all the same.
    let before = page.order[..p]
        .iter()
        .rev()
        .find(|&&i| page.roles[i] != Role::Blank);
    if let Some(&i) = before
        && let Role::Furniture { what, .. } = page.roles[i]
        && REPEATED.contains(&what)
    {
        return named(page, i, segs);
    }
    let part = if in_body {
        &segs[cur].body
    } else {
        &segs[cur].header
    };
    let at = trailing_head(page, part);
    let line = |k: usize| match part[k] {
        Item::Text(i) => i,
        _ => unreachable!("trailing_head gives text items only"),
    };
    // The head's last line alone, or its two lines read as one.
    let found = (0..at.len()).rev().find_map(|from| {
        let head: Vec<char> = at[from..]
            .iter()
            .flat_map(|&k| letters(&page.lines[line(k)].text))
            .collect();
        naming(page, &head, segs, |j| j != cur || in_body).map(|j| (from, j))
    })?;
    let (from, j) = found;
    let lines: Vec<usize> = at[from..].iter().map(|&k| line(k)).collect();
    let part = if in_body {
        &mut segs[cur].body
    } else {
        &mut segs[cur].header
    };
    part.truncate(at[from]);
    for i in lines {
        notes.push(Note {
            line: page.lines[i].no,
            kind: NoteKind::Removed,
            message: format!("{HEAD}: {}", page.lines[i].text),
        });
    }
    Some(j)
}

/// Where the text read before a continuation head found inside a column
/// began, in an article whose own rest went on earlier (under its own
/// continuation line, at reading position `since`): the last place in its
/// body, after `since` and not before body position `cut` (the last page
/// number or jump line read into it: the text before that came there by
/// the page's order), where a paragraph ended on a short line and a line
/// standing as a head came after it (a figure's caption, a head), over
/// text. An OCR reading the page by position moves to another column
/// there; the head's article may have begun at it (a paragraph's end
/// alone, or a full line's, says nothing: text runs on across them). A
/// body position, or `None` (no such place: nothing is taken back).
pub(super) fn column_break(
    page: &Page,
    body: &[Item],
    (since, cut): (usize, usize),
) -> Option<usize> {
    let pos = |i: usize| page.order.iter().position(|&x| x == i);
    let text = |k: usize| body.get(k).and_then(Item::text);
    (cut.max(1)..body.len().saturating_sub(1)).rev().find(|&k| {
        let (Some(a), Some(i), Some(n)) = (text(k - 1), text(k), text(k + 1)) else {
            return false;
        };
        let before = &page.lines[a];
        let ended = ends_sentence(&before.text)
            && page.measure[a].is_some_and(|m| super::shape::short(before.width, m));
        ended
            && super::heads::is_head(page, i, (Some(n), text(k + 2)), true, &[])
            && pos(i).is_some_and(|q| q > since)
    })
}

/// Where another article's column begins at the foot of `body` (the text
/// an article held when a jump line was read into it): the last place
/// where a full line left its sentence open and a paragraph's first line
/// (two ems short, its indent dropped) came after it, with text alone from
/// there to the foot, left open as a jump line leaves it. A justified
/// column sets no first line under a line its paragraph runs on through:
/// the OCR moved to another column there. A body position, or `None`.
pub(super) fn column_switch(page: &Page, body: &[Item]) -> Option<usize> {
    let text = |k: usize| body.get(k).and_then(Item::text);
    let last = (0..body.len()).rev().find_map(text)?;
    if ends_sentence(&page.lines[last].text) {
        return None;
    }
    for k in (1..body.len()).rev() {
        let Some(c) = text(k) else {
            if matches!(body[k], Item::Blank) {
                continue;
            }
            return None;
        };
        let a = (0..k).rev().find_map(text)?;
        let next = (k + 1..body.len()).find_map(text).map(|n| &page.lines[n]);
        let (p, l) = (&page.lines[a], &page.lines[c]);
        let switched = page.measure[c].is_some_and(|m| {
            super::shape::full(p.width, m)
                && !ends_sentence(&p.text)
                && super::shape::first_line(l, next, m)
        });
        if switched {
            return Some(k);
        }
    }
    None
}

/// Moves the body items `range` of article `k` to the end of article
/// `j`'s body, with a warning naming their lines and `why`.
pub(super) fn hand_over(
    page: &Page,
    segs: &mut [Segment],
    (k, range, j): (usize, std::ops::Range<usize>, usize),
    why: &str,
    notes: &mut Vec<Note>,
) {
    let taken: Vec<Item> = segs[k].body.drain(range).collect();
    let lines: Vec<usize> = taken
        .iter()
        .filter_map(super::interleave::line_of)
        .collect();
    if let (Some(&a), Some(&b)) = (lines.first(), lines.last()) {
        notes.push(super::interleave::lines_warning(page, (a, b), why));
    }
    segs[j].body.extend(taken);
}

#[cfg(test)]
mod tests {
    use super::super::{Block, clean};

    /// Two articles jumped to page 2, whose rests come there in the other
    /// order, each under its headline repeated over （上接第1版）, one line
    /// a box and no indents, as line-per-box OCR reads a page.
    const PAGE: &str = "第1版\n村口通了公交\n本报记者 林晓舟\n本报讯　上个月，村里的第一班公交车开进了村口，老人们\n站在路边看了很久。司机老周说，这条线路从镇上\n（下转第2版）\n夜校的灯\n本报记者 罗晓岗\n本报讯　社区夜校开办一年半，报名的多是三四十\n（下转第2版）\n第2版\n夜校的灯\n（上接第1版）\n岁的上班族。每周三晚上，教室里坐得满满的。\n村口通了公交\n（上接第1版）\n一直开到村委会门口，单程四十分钟。\n";

    fn text(blocks: &[Block]) -> String {
        blocks
            .iter()
            .map(|b| match b {
                Block::Para(p) | Block::Head(p) => p.as_str(),
            })
            .collect()
    }

    #[test]
    fn rests_on_a_shared_page_go_back_to_the_articles_their_heads_name() {
        let c = clean(PAGE);
        let titles: Vec<&str> = c.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["村口通了公交", "夜校的灯"]);
        let bus = text(&c.articles[0].blocks);
        assert!(
            bus.ends_with("这条线路从镇上一直开到村委会门口，单程四十分钟。"),
            "{bus}"
        );
        let school = text(&c.articles[1].blocks);
        assert!(school.contains("三四十岁的上班族。"), "{school}");
        assert!(!school.contains("村口"), "{school}");
        // The heads are reported (the second one, printed twice beside
        // page furniture, as a repeated line), the text is all kept.
        for (line, what) in [(12, "continuation head"), (15, "repeated header")] {
            assert!(
                c.notes
                    .iter()
                    .any(|n| n.line == line && n.message.starts_with(what)),
                "{:?}",
                c.notes
            );
        }
    }

    /// A head of four characters with one of them misread still names
    /// its article.
    #[test]
    fn a_continuation_head_with_a_misread_character_names_its_article() {
        let c = clean(&PAGE.replace("第2版\n夜校的灯\n", "第2版\n夜校的订\n"));
        let school = text(&c.articles[1].blocks);
        assert!(school.contains("三四十岁的上班族。"), "{school}");
        assert_eq!(c.articles.len(), 2, "{:?}", c.articles);
    }

    /// A short line over a continuation line that repeats no headline
    /// read earlier stays text.
    #[test]
    fn a_line_over_a_continuation_line_that_repeats_no_headline_stays() {
        let c = clean(&PAGE.replace("第2版\n夜校的灯\n", "第2版\n春天的课\n"));
        let all: String = c
            .articles
            .iter()
            .map(|a| text(&a.blocks) + &a.title)
            .collect();
        assert!(all.contains("春天的课"), "{all}");
    }
}
