//! Captions (图片说明) and photo credits, which may run over several lines,
//! as wide as the column: from a cue (▲, 图为) down to a credit or a
//! sentence end, or up from a credit (`…赏花。本报记者 王强 摄`) to a
//! sentence end above or a cue (a date opening the caption). A caption
//! line that cannot be bounded this way stays in the text, with a warning.

use super::lines::{Role, keep_in_text};
use super::people::{caption_start, dateline, photo_credit};
use super::prep::Line;
use super::shape::{ends_sentence, enumerator, first_line, full};
use super::{Note, NoteKind};

/// The most characters of a caption set inside a paragraph's run.
const MAX_INSIDE: usize = 40;

/// A caption set inside a paragraph, as a figure across two columns cuts
/// the column: a line alone between blank lines, ending no sentence, much
/// wider than the column, where the column line before it stops
/// mid-sentence and the column line after it carries on (no indent, no
/// opening mark or enumerator). A short line there (a figure's label, but
/// as often a head or a headline's part that OCR read out of place) stays
/// in the text: only the width across columns is evidence enough.
fn interrupting(lines: &[Line], measure: &[Option<f32>], roles: &mut [Role]) {
    let blank = |j: usize| lines.get(j).is_none_or(Line::is_blank);
    for i in 2..lines.len().saturating_sub(2) {
        let l = &lines[i];
        let Some(m) = measure[i] else { continue };
        let n = l.text.chars().count();
        let odd_width = l.width >= m * 1.4;
        let alone = blank(i - 1) && blank(i + 1);
        if roles[i] != Role::Text || !alone || !odd_width || !(2..=MAX_INSIDE).contains(&n) {
            continue;
        }
        if ends_sentence(&l.text) || l.level.is_some() || l.quote || l.bullet || l.indented {
            continue;
        }
        let before = (0..i - 1).rev().find(|&j| !lines[j].is_blank());
        let after = (i + 2..lines.len()).find(|&j| !lines[j].is_blank());
        let (Some(b), Some(a)) = (before, after) else {
            continue;
        };
        let open = |t: &str| {
            t.trim_end()
                .ends_with(|c: char| super::names::is_han(c) || c == '，' || c == '、')
        };
        let carries = |x: &Line| {
            !x.indented && !x.text.starts_with(['“', '「', '（', '(', '《']) && !enumerator(&x.text)
        };
        // Both inside runs of column lines (by input line numbers: boxes
        // split off one line do not count); a headline block's lines, a
        // deck between its headline and the text, stand alone.
        let next_to = |x: &Line, y: &Line| !x.is_blank() && !y.is_blank() && y.follows(x);
        let runs = b > 0
            && next_to(&lines[b - 1], &lines[b])
            && lines.get(a + 1).is_some_and(|y| next_to(&lines[a], y));
        let column = |x: &Line| full(x.width, m) && x.width < m * 1.4;
        if roles[b] == Role::Text
            && roles[a] == Role::Text
            && runs
            && column(&lines[b])
            && column(&lines[a])
            && open(&lines[b].text)
            && carries(&lines[a])
        {
            // Reported as removed with the other furniture (gather.rs).
            roles[i] = Role::Furniture {
                what: "caption inside a paragraph",
                closes: false,
            };
        }
    }
}

const BETWEEN: &str = "figure caption (a column-wide line between paragraphs)";
const OVER_RUNAROUND: &str = "figure caption (over the text run round its figure)";
const OVER_JUMP: &str = "figure caption (over the jump line)";

/// A caption told by its place: it stands inside its column, which goes
/// on under the figure (no column ends there).
pub(super) fn placed(role: &Role) -> bool {
    [BETWEEN, OVER_RUNAROUND, OVER_JUMP]
        .iter()
        .any(|w| is(role, w))
}

/// Captions told by their place among the column's lines, read in order
/// (columns read across put back): a line of no mark at all that is no
/// line of the column, standing where a figure stood.
pub(super) fn by_place(
    lines: &[Line],
    measure: &[Option<f32>],
    order: &[usize],
    roles: &mut [Role],
) {
    let filled: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&j| !lines[j].is_blank())
        .collect();
    for k in 1..filled.len().saturating_sub(1) {
        let i = filled[k];
        let l = &lines[i];
        let Some(m) = measure[i] else { continue };
        let n = l.text.chars().count();
        let plain = l
            .text
            .chars()
            .all(|c| super::names::is_han(c) || c.is_ascii_alphanumeric());
        let set_apart = l.level.is_some() || l.quote || l.bullet || l.indented || l.bold;
        if roles[i] != Role::Text || !plain || set_apart || !(4..=MAX_INSIDE).contains(&n) {
            continue;
        }
        let what = if between_paragraphs(lines, roles, &filled, k, m) {
            BETWEEN
        } else if over_runaround(lines, measure, roles, &filled, k) {
            OVER_RUNAROUND
        } else if over_jump(lines, roles, &filled, k, m) {
            OVER_JUMP
        } else {
            continue;
        };
        roles[i] = Role::Furniture {
            what,
            closes: false,
        };
    }
}

/// A caption set as wide as the column under a figure that stands
/// between two paragraphs: at least as wide as a column line, after a
/// paragraph's last line (a sentence end) and over a paragraph's first
/// line (or at a page's top under text closed before the page's number,
/// `closed_above`). It is neither of the column's lines: a paragraph's first line
/// is two ems short (its indent), a one-line paragraph ends on a mark,
/// and the paragraph after it opens on the next line. A section head is
/// no column wide (a few words, set short); a headline block stands over
/// a byline or a dateline, which the next line is not.
fn between_paragraphs(lines: &[Line], roles: &[Role], filled: &[usize], k: usize, m: f32) -> bool {
    let (i, a) = (filled[k], filled[k + 1]);
    // The next line is two ems short, as a first line whose indent the
    // OCR dropped: a column's line cut short after a word is not.
    let after = &lines[a];
    let opens = roles[a] == Role::Text
        && (m - 2.5..=m - 1.5).contains(&after.width)
        && after.level.is_none()
        && dateline(&after.text).is_none()
        && first_line(after, filled.get(k + 2).map(|&j| &lines[j]), m);
    full(lines[i].width, m) && closed_above(lines, roles, &filled[..k]) && opens
}

/// The text read before a line (`above`, in reading order) is closed: its
/// last line ends a sentence. A page's number between (第2版, a folio
/// read at the page's foot or head) says only that a page turns there: a
/// line at the new page's top under a sentence end, or under an end mark
/// (（未完待续）) closing a serial on the page before, stands between
/// paragraphs as one under a sentence end in the column does.
fn closed_above(lines: &[Line], roles: &[Role], above: &[usize]) -> bool {
    let folio = |j: &&usize| {
        matches!(roles[**j], Role::Number(_))
            || matches!(roles[**j], Role::Furniture { what, .. } if what == "page number")
    };
    let mut back = above.iter().rev();
    let Some(&b) = back.next() else { return false };
    if roles[b] == Role::Text {
        return ends_sentence(&lines[b].text);
    }
    if !folio(&&b) {
        return false;
    }
    match back.find(|j| !folio(j)) {
        Some(&c) => {
            roles[c] == Role::End || roles[c] == Role::Text && ends_sentence(&lines[c].text)
        }
        None => false,
    }
}

/// A line of no mark between a full column line and the jump line
/// (下转第2版) under it, narrower than the column: no line of the text,
/// whose column runs full down to its jump (a paragraph's last line there
/// ends on a mark). Where the line over it ends a sentence, a paragraph's
/// first line could stand there, two ems short: the line must be
/// narrower. A figure at the foot of the column, its caption over the
/// jump line.
fn over_jump(lines: &[Line], roles: &[Role], filled: &[usize], k: usize, m: f32) -> bool {
    let (b, i, a) = (filled[k - 1], filled[k], filled[k + 1]);
    let jump = matches!(
        roles[a],
        Role::Furniture {
            what: "jump line",
            closes: true
        }
    );
    let w = lines[i].width;
    let column_over = roles[b] == Role::Text && full(lines[b].width, m) && lines[b].level.is_none();
    let no_first_line = !ends_sentence(&lines[b].text) || w <= m - 2.5;
    jump && column_over && !full(w, m) && no_first_line && !ends_sentence(&lines[i].text)
}

/// Text run round a figure in the sliver of column beside it: two lines
/// or more of a few characters each (a third of the column at most),
/// under a full column line. A line of no mark read between them, narrower than a paragraph's
/// first line (no line of a paragraph but its last, which ends on a
/// mark) or wider than the column (a line of Han characters alone is set
/// to the measure exactly), is the figure's caption.
fn over_runaround(
    lines: &[Line],
    measure: &[Option<f32>],
    roles: &[Role],
    filled: &[usize],
    k: usize,
) -> bool {
    let i = filled[k];
    let Some(m) = measure[i] else { return false };
    let sliver = |j: usize| {
        let l = &lines[j];
        roles[j] == Role::Text && l.level.is_none() && l.width <= (m / 3.0).max(3.0)
    };
    let slivers = filled[k + 1..].iter().take_while(|&&j| sliver(j)).count();
    let w = lines[i].width;
    let han = lines[i].text.chars().all(super::names::is_han);
    // The column runs full over it (a narrow column's lines are all
    // short: none of them is a sliver).
    let b = filled[k - 1];
    let column_over =
        roles[b] == Role::Text && measure[b].is_some_and(|bm| full(lines[b].width, bm));
    column_over && slivers >= 2 && (w <= m - 2.5 || han && w >= m + 1.0)
}

/// What a figure's caption names the figure before its key: 线路示意：…,
/// 书房标识：…, 改造效果图：….
const FIGURE_WORDS: [&str; 12] = [
    "示意图",
    "示意",
    "效果图",
    "平面图",
    "位置图",
    "资料图",
    "标识",
    "标志",
    "徽记",
    "地图",
    "標識",
    "標誌",
];

/// A caption that names its figure and explains it after a colon
/// (`37 路夜班线路示意: 从城东总站到城西终点`): the label is short and
/// ends in a word for a figure. Only this line: where its key goes on is
/// not known.
pub(super) fn keyed(t: &str) -> bool {
    let Some((label, key)) = t.split_once([':', '：']) else {
        return false;
    };
    let label: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    // A phrase of running text (他在纸上画了示意) is no label.
    let phrase = label
        .chars()
        .any(|c| super::names::NOT_IN_NAMES.contains(c));
    (2..=14).contains(&label.chars().count())
        && !phrase
        && !key.trim().is_empty()
        && FIGURE_WORDS.iter().any(|w| label.ends_with(w))
}

/// A line of a few words ending in a word for a figure and saying
/// nothing more (灯的徽记, 线路示意图): what a caption set under a figure
/// names it by. No mark, and no word of running text (他在纸上画了地图 is a
/// sentence's piece): only where a line already stands apart from the
/// text as a caption would (the body's only head, a line inside a
/// sentence) does this tell it is one.
pub(super) fn names_figure(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let words = t
        .chars()
        .all(|c| super::names::is_han(c) || c.is_ascii_digit());
    let running = t.chars().any(|c| "了是在说把被着过画看给向让".contains(c));
    (3..=12).contains(&t.chars().count())
        && words
        && !running
        && FIGURE_WORDS.iter().any(|w| t.ends_with(w))
}

/// Lines a caption may take.
const MAX_LINES: usize = 4;

fn caption() -> Role {
    Role::Furniture {
        what: "figure label",
        closes: false,
    }
}

fn is(role: &Role, what: &str) -> bool {
    matches!(role, Role::Furniture { what: w, .. } if *w == what)
}

pub(super) fn mark(
    lines: &[Line],
    measure: &[Option<f32>],
    roles: &mut [Role],
    notes: &mut Vec<Note>,
) {
    let next = |i: usize| (i + 1..lines.len()).find(|&j| !lines[j].is_blank());
    let cues: Vec<usize> = (0..lines.len())
        .filter(|&i| is(&roles[i], "figure label") && caption_start(&lines[i].text))
        .collect();
    for &i in &cues {
        if bullet_list(lines, &cues, i) {
            keep_in_text(
                &lines[i],
                &mut roles[i],
                notes,
                "▲ opens several lines near here and no photo credit follows: read as a list",
            );
        } else {
            forward(lines, measure, roles, i, &next);
        }
    }
    interrupting(lines, measure, roles);
    tails(lines, roles);
    for i in 0..lines.len() {
        let credit = photo_credit(&lines[i].text);
        // A credit alone on its line stays alone: its caption, if any, ends
        // a sentence above it.
        if credit.is_some_and(|k| k > 0) && roles[i] == Role::Text {
            backward(lines, roles, notes, i);
        }
    }
}

/// The end of a keyed caption left open (书房标识：一枚定位针，意思是),
/// read apart from it as a box of its own: the nearest line that is one
/// quoted phrase with no mark of a sentence inside (“楼下就有”), a blank
/// line beside it. One such line for each open caption; a quotation that
/// is a line of dialogue (“走吧。”) has its sentence's mark.
fn tails(lines: &[Line], roles: &mut [Role]) {
    let blank = |j: Option<usize>| j.and_then(|j| lines.get(j)).is_some_and(Line::is_blank);
    let phrase = |i: usize| {
        let t = lines[i].text.trim();
        let inner = t.strip_prefix('“').and_then(|r| r.strip_suffix('”'));
        roles[i] == Role::Text
            && (blank(i.checked_sub(1)) || blank(Some(i + 1)))
            && inner.is_some_and(|r| {
                (2..=10).contains(&r.chars().count()) && r.chars().all(super::names::is_han)
            })
    };
    let open: Vec<usize> = (0..lines.len())
        .filter(|&i| is(&roles[i], "figure caption (its label and key)"))
        .filter(|&i| !ends_sentence(&lines[i].text))
        .collect();
    let phrases: Vec<usize> = (0..lines.len()).filter(|&i| phrase(i)).collect();
    for c in open {
        let tail = phrases
            .iter()
            .copied()
            .filter(|&i| roles[i] == Role::Text)
            .min_by_key(|&i| i.abs_diff(c));
        if let Some(i) = tail {
            roles[i] = Role::Furniture {
                what: "figure caption (its end, read apart)",
                closes: false,
            };
        }
    }
}

/// ▲ used as a list's bullet: another ▲ line a few lines away, and no
/// photo credit on or between them.
fn bullet_list(lines: &[Line], cues: &[usize], i: usize) -> bool {
    let t = &lines[i].text;
    let credit_free =
        |a: usize, b: usize| (a.min(b)..=a.max(b)).all(|k| photo_credit(&lines[k].text).is_none());
    t.starts_with('▲')
        && !t.contains(['图', '圖', '摄', '攝'])
        && cues.iter().any(|&j| {
            j != i && j.abs_diff(i) <= 8 && lines[j].text.starts_with('▲') && credit_free(i, j)
        })
}

/// From a cue line down: full-width lines that do not end a sentence run
/// on, up to a credit.
fn forward(
    lines: &[Line],
    measure: &[Option<f32>],
    roles: &mut [Role],
    i: usize,
    next: &dyn Fn(usize) -> Option<usize>,
) {
    let mut j = i;
    for _ in 1..MAX_LINES {
        let t = &lines[j].text;
        let Some(n) = next(j) else { return };
        if photo_credit(t).is_some() || ends_sentence(t) {
            if photo_credit(&lines[n].text) == Some(0) {
                roles[n] = caption();
            }
            return;
        }
        let wide = measure[j].is_some_and(|m| full(lines[j].width, m));
        if roles[n] != Role::Text || !wide {
            return;
        }
        roles[n] = caption();
        j = n;
    }
}

/// A date (3月16日) or a cue opens a caption.
fn opens_caption(t: &str) -> bool {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    caption_start(t) || (digits > 0 && t.chars().nth(digits) == Some('月'))
}

/// From the credit at line `c` up to where the caption starts: the line
/// itself after a sentence end, or a line above that opens a caption (a
/// date, a cue) with nothing ending a sentence between.
fn backward(lines: &[Line], roles: &mut [Role], notes: &mut Vec<Note>, c: usize) {
    let prev = |i: usize| (0..i).rev().find(|&j| !lines[j].is_blank());
    let mut s = c;
    let mut start = None;
    for _ in 0..MAX_LINES {
        if s != c && opens_caption(&lines[s].text) {
            start = Some(s);
            break;
        }
        match prev(s) {
            Some(p) if roles[p] == Role::Text && !ends_sentence(&lines[p].text) => s = p,
            _ => {
                start = (s == c).then_some(c);
                break;
            }
        }
    }
    match start {
        Some(s) => {
            for role in roles.iter_mut().take(c + 1).skip(s) {
                *role = caption();
            }
        }
        None if roles[c] == Role::Text => notes.push(Note {
            line: lines[c].no,
            kind: NoteKind::Warning,
            message: format!(
                "a photo credit inside a line, its caption not found: kept in the text: {}",
                lines[c].text
            ),
        }),
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::keyed;

    #[test]
    fn keyed_captions() {
        assert!(keyed("37 路夜班线路示意: 从城东总站到城西终点"));
        assert!(keyed("书房标识：一枚定位针，意思是"));
        assert!(!keyed("他在纸上画了示意：先左后右"));
        assert!(!keyed("市场管理办公室主任陶建平说：标识"));
        assert!(!keyed("书房标识"));
    }

    #[test]
    fn a_line_of_words_ending_in_a_word_for_a_figure_names_it() {
        let cases = [
            ("灯的徽记", true),
            ("37路夜班线路示意图", true),
            ("他在纸上画了地图", false),
            ("书房标识：一枚定位针", false),
            ("标识", false),
        ];
        for (t, named) in cases {
            assert_eq!(super::names_figure(t), named, "{t}");
        }
    }
}
