//! Paragraphs from printed lines. Where the text keeps its indents, an
//! indent starts a paragraph; where blank lines mean something (Tesseract
//! leaves one after a paragraph), a blank after a sentence end does.
//! Line-per-box OCR keeps neither, so the break between two lines is read
//! from their shape against the column's measure: inside a paragraph every
//! line is full, so a sentence end on a short line ends a paragraph, and
//! so does a sentence end before a line two ems short (the next
//! paragraph's first line, its indent dropped) or before an enumerator. A
//! short line ending in a comma over a line that can open a paragraph is
//! a paragraph end whose 。 was misread.

use super::joins::{
    Ctx, alone_between, bare_end, bare_ends_para, cut_at_pause, cut_box, first_cut, level_through,
    level_unmeasured, loose_first, narrowed, narrowed_across, opens_after_comma, opens_on_closer,
    opens_under_open, quote_alone, runs_across, sliver_level, sliver_runs_on, widens_full,
};
use super::prep::Line;
use super::shape::{
    ends_sentence, ends_with_comma, enumerator, first_line, full, heading_text, printed, short,
    split_run_together, turn,
};
use super::{Note, NoteKind};

/// How the text marks paragraphs, seen over the whole input.
#[derive(Debug, Clone, Copy)]
pub(super) struct Marks {
    /// The text keeps paragraph indents.
    pub indents: bool,
    /// Blank lines separate paragraphs (not every line).
    pub blanks: bool,
    /// And the OCR did leave them (one pair of lines in ten or more): a
    /// paragraph end usually has one.
    pub gapped: bool,
}

impl Marks {
    /// `columns`: the text has a measure (is set in columns) somewhere.
    pub fn of(lines: &[Line], text: &[bool], columns: bool) -> Marks {
        let idx: Vec<usize> = (0..lines.len()).filter(|&i| text[i]).collect();
        // One indent is enough where no column shape tells paragraphs.
        let n = idx.iter().filter(|&&i| lines[i].indented).count();
        let indents = n >= 2 || n == 1 && !columns;
        let pairs = idx.windows(2).count().max(1);
        let gaps = idx
            .windows(2)
            .filter(|w| (w[0] + 1..w[1]).any(|j| lines[j].is_blank()))
            .count();
        Marks {
            indents,
            blanks: gaps * 10 < pairs * 8,
            gapped: gaps * 10 < pairs * 8 && gaps * 10 >= pairs,
        }
    }
}

/// A paragraph gathered from printed lines, before its inline repair.
pub(super) struct Para {
    /// Input line numbers of its first and last printed lines.
    pub first: usize,
    pub last: usize,
    pub text: String,
}

/// What happens between two printed lines.
#[derive(Debug, PartialEq)]
enum Join {
    Same,
    /// A blank line in the middle of a sentence.
    AcrossBlank,
    Break,
    /// A paragraph end whose 。 was read as a comma.
    BreakComma,
    /// A paragraph end with no mark at all.
    BreakBare,
}

/// One run of body lines between heads: `Some(line index)` or `None` for
/// a blank line.
pub(super) fn build(
    lines: &[Line],
    measure: &[Option<f32>],
    run: &[Option<usize>],
    marks: Marks,
    notes: &mut Vec<Note>,
) -> Vec<Para> {
    let texts: Vec<usize> = run.iter().flatten().copied().collect();
    let spaced = double_spaced(run);
    let boxed = narrow_runs(lines, measure, &texts);
    let mut paras: Vec<Para> = Vec::new();
    let mut gap = false;
    let mut prev: Option<usize> = None;
    // The text line before `prev`.
    let mut before: Option<usize> = None;
    let mut first_of_para = true;
    // The width of the piece before the current line where the OCR cut
    // its printed line into two boxes (0: none).
    let mut carry = 0.0;
    let mut k = 0;
    for entry in run {
        let Some(i) = *entry else {
            gap = true;
            continue;
        };
        // Blank lines between every two lines here say nothing.
        if prev.is_some() {
            gap &= !spaced[k];
            k += 1;
        }
        let line = &lines[i];
        // A paragraph's lone first line, short and ending on a word, that
        // the next line (as wide as any) goes on from: see `unmarked`.
        let mut unmarked = None;
        let join = match prev {
            None => Join::Break,
            Some(p) => {
                let next = texts
                    .iter()
                    .position(|&t| t == i)
                    .and_then(|k| texts.get(k + 1));
                // Inside a narrower block its own measure holds; its first
                // line starts a paragraph after a sentence end.
                let own = boxed
                    .iter()
                    .find(|b| b.lines.contains(&p) && b.lines.contains(&i));
                let ctx = Ctx {
                    p: &lines[p],
                    p_width: lines[p].width + carry,
                    c: line,
                    n: next.map(|&n| &lines[n]),
                    m: own.map(|b| b.measure).or(measure[p]).or(measure[i]),
                    p_first: first_of_para,
                    b: before.map(|b| &lines[b]),
                    gap,
                };
                let opens = boxed.iter().any(|b| b.lines.first() == Some(&i));
                let join = if sliver_edge(&boxed, &ctx, p, i) {
                    Join::Same
                } else if opens && ends_sentence(&lines[p].text) {
                    Join::Break
                } else {
                    decide(&ctx, marks)
                };
                // A box cut from its line is short even as a first line
                // (whose indent the OCR dropped), as decide() takes it.
                let indent = if first_of_para && !marks.indents {
                    2.0
                } else {
                    0.0
                };
                let cut = ctx
                    .m
                    .is_some_and(|m| short(ctx.p_width + indent, m) && cut_box(&ctx, m));
                carry = if join == Join::Same && !gap && cut {
                    ctx.p_width
                } else {
                    0.0
                };
                let lone = first_of_para && join == Join::Same && !gap && !cut;
                let head = ctx.m.is_some_and(|m| {
                    short(ctx.p_width + indent, m)
                        && full(line.width, m)
                        && !first_line(line, ctx.n, m)
                });
                let text = lines[p].text.trim_end();
                if lone && head && bare_end(text) && heading_text(text) {
                    unmarked = Some(p);
                }
                join
            }
        };
        match (&join, paras.last_mut()) {
            (Join::Same | Join::AcrossBlank, Some(para)) => {
                if join == Join::AcrossBlank {
                    note(
                        notes,
                        para.last,
                        "paragraph split mid-sentence: joined with the next".into(),
                    );
                }
                // Print sets no paragraph's first line short of the column
                // with the sentence going on under it: a head or a caption
                // with no mark of its size, or a first line whose indent the
                // OCR kept (no line narrower says where paragraphs start).
                // Nothing tells which: the line stays, joined, and is told.
                if let Some(p) = unmarked {
                    notes.push(Note {
                        line: lines[p].no,
                        kind: NoteKind::Warning,
                        message: format!(
                            "a short line of words and no mark opens a paragraph (a section head or a caption?): kept as its first words: {}",
                            lines[p].text.trim()
                        ),
                    });
                }
                append(para, line);
                first_of_para = false;
            }
            (_, last) => {
                if let Some(para) = last {
                    mend_end(para, &join, notes);
                }
                paras.push(Para {
                    first: line.no,
                    last: line.no,
                    text: line.text.clone(),
                });
                first_of_para = true;
            }
        }
        split_pieces(&mut paras, line, notes);
        before = prev;
        prev = Some(i);
        gap = false;
    }
    paras
}

/// A block set narrower than its column (a pull quote, a boxed
/// paragraph): its lines and their own measure.
struct Narrow {
    lines: Vec<usize>,
    measure: f32,
}

/// Runs of three or more lines, all short against the column's measure
/// and within two ems of each other, that begin after a sentence end, end
/// one themselves and hold none inside: a narrower block, whose lines
/// would otherwise each read as a paragraph's last.
fn narrow_runs(lines: &[Line], measure: &[Option<f32>], texts: &[usize]) -> Vec<Narrow> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < texts.len() {
        let Some(m) = measure[texts[k]] else {
            k += 1;
            continue;
        };
        let fits = |i: usize| {
            let w = lines[i].width;
            measure[i] == Some(m) && short(w, m) && w >= m * 0.5
        };
        let mut end = k;
        while end < texts.len()
            && fits(texts[end])
            && (end == k || !ends_sentence(&lines[texts[end - 1]].text))
        {
            end += 1;
        }
        // The block's paragraph may end on a line of any width (针地颖。
        // under four lines of eight ems in a column of twelve).
        let last_end = |i: usize| measure[i] == Some(m) && ends_sentence(&lines[i].text);
        if end > k
            && end < texts.len()
            && !ends_sentence(&lines[texts[end - 1]].text)
            && last_end(texts[end])
        {
            end += 1;
        }
        let run = &texts[k..end];
        if run.len() < 3 {
            k += 1;
            continue;
        }
        let widths: Vec<f32> = run.iter().map(|&i| lines[i].width).collect();
        let top = widths.iter().copied().fold(0.0, f32::max);
        let after_end = k
            .checked_sub(1)
            .is_none_or(|b| ends_sentence(&lines[texts[b]].text));
        let closed = run.last().is_some_and(|&i| ends_sentence(&lines[i].text));
        // The inner lines are the block's full lines.
        let even = widths[1..widths.len() - 1].iter().all(|&w| w >= top - 1.0);
        if after_end && closed && even {
            out.push(Narrow {
                lines: run.to_vec(),
                measure: top,
            });
            k = end;
        } else {
            k += 1;
        }
    }
    out
}

/// A narrower block found on a column narrowed beside a figure: `c`
/// opens it and the line over it is as narrow ([`sliver_above`]), or `p`
/// ends it and the column stays narrowed under it, `c` no wider than its
/// lines and three ems short of the column. Either way the narrow lines
/// run on across the block's edge, and a sentence ending flush there
/// ends no paragraph.
fn sliver_edge(boxed: &[Narrow], x: &Ctx, p: usize, i: usize) -> bool {
    let above = boxed.iter().find(|b| b.lines.first() == Some(&i));
    let below = boxed.iter().find(|b| b.lines.last() == Some(&p));
    above.is_some_and(|b| sliver_above(x, b.measure))
        || below.is_some_and(|b| {
            sliver_above(x, b.measure)
                && x.c.width <= b.measure + 0.5
                && x.m.is_some_and(|m| narrowed(x.c.width, m))
        })
}

/// The line over a narrower block's first line `c` is a full line of
/// the same narrow measure `top` (with its indent if it opens its
/// paragraph, its squeezed marks taken off), short of the column, and
/// `c` is full too, no first line two ems short (兴寄！晏也已甚冉而莫。 /
/// 袁中矣乎每。君子张竹, 11 and 10 ems of 10 in a column of 13): the
/// narrow lines began above, a column narrowed beside a figure, not a
/// block set apart, and the sentence ending flush at its edge ends no
/// paragraph, as in any column.
fn sliver_above(x: &Ctx, top: f32) -> bool {
    let indent = if x.p_first { 2.0 } else { 0.0 };
    let w = x.p_width + indent - super::prep::squeezed(&x.p.text);
    x.m.is_some_and(|m| short(x.p_width, m)) && w >= top - 1.0 && x.c.width >= top - 1.0
}

/// Paragraphs the scan ran together inside one line (`。　　`): the line's
/// text went into the last paragraph whole; it is split there.
fn split_pieces(paras: &mut Vec<Para>, line: &Line, notes: &mut Vec<Note>) {
    let pieces = split_run_together(&line.text);
    if pieces.len() < 2 {
        return;
    }
    note(
        notes,
        line.no,
        format!("{} paragraphs run together: split", pieces.len()),
    );
    let Some(para) = paras.last_mut() else { return };
    let whole = para.text.len() - line.text.len();
    para.text.truncate(whole);
    para.text.push_str(pieces[0]);
    for piece in &pieces[1..] {
        paras.push(Para {
            first: line.no,
            last: line.no,
            text: piece.to_string(),
        });
    }
}

/// For each pair of neighbouring text lines in the run: whether the lines
/// around it are double spaced (a blank line after nearly every line), so
/// that a blank line between them is no paragraph mark.
fn double_spaced(run: &[Option<usize>]) -> Vec<bool> {
    let mut gaps = Vec::new();
    let mut gap = false;
    let mut seen = false;
    for entry in run {
        match entry {
            None => gap = true,
            Some(_) => {
                if seen {
                    gaps.push(gap);
                }
                seen = true;
                gap = false;
            }
        }
    }
    (0..gaps.len())
        .map(|k| {
            let w = &gaps[k.saturating_sub(4)..(k + 5).min(gaps.len())];
            w.len() >= 5 && w.iter().filter(|&&g| g).count() * 4 >= w.len() * 3
        })
        .collect()
}

fn note(notes: &mut Vec<Note>, line: usize, message: String) {
    notes.push(Note {
        line,
        kind: NoteKind::Changed,
        message,
    });
}

/// The comma or missing mark at a paragraph's end.
fn mend_end(para: &mut Para, join: &Join, notes: &mut Vec<Note>) {
    match join {
        Join::BreakComma => {
            let t = para.text.trim_end().trim_end_matches(['，', ',']);
            para.text = format!("{t}。");
            note(notes, para.last, "paragraph end misread as a comma: → 。".into());
        }
        Join::BreakBare => notes.push(Note {
            line: para.last,
            kind: NoteKind::Warning,
            message: "a paragraph ends without a mark (short line, then a paragraph's first line): check it".into(),
        }),
        _ => {}
    }
}

/// Joins a printed line to the paragraph: a space only between Latin words
/// (inline repair drops the rest); a number the column split joins up.
fn append(para: &mut Para, line: &Line) {
    let digits = para.text.ends_with(|c: char| c.is_ascii_digit())
        && line.text.starts_with(|c: char| c.is_ascii_digit());
    if !digits {
        para.text.push(' ');
    }
    para.text.push_str(&line.text);
    para.last = line.no;
}

fn decide(x: &Ctx, marks: Marks) -> Join {
    let ends = ends_sentence(&x.p.text);
    if x.c.quote && !x.p.quote || x.c.bullet || x.p.bold || x.c.bold {
        return Join::Break;
    }
    // A paragraph's first line is two ems narrower (its indent dropped).
    let indent = if x.p_first && !marks.indents {
        2.0
    } else {
        0.0
    };
    let p_short = x.m.is_some_and(|m| short(x.p_width + indent, m));
    if marks.indents {
        return if x.c.indented && (ends || p_short) || ends && p_short {
            Join::Break
        } else if x.gap && marks.blanks && !ends {
            Join::AcrossBlank
        } else if x.gap && marks.blanks {
            Join::Break
        } else {
            Join::Same
        };
    }
    if opens_on_closer(&x.c.text) {
        return Join::Same;
    }
    if enumerator(&x.c.text) && (ends || p_short || x.p.text.ends_with(['：', ':', '；', ';'])) {
        return Join::Break;
    }
    if x.gap && marks.blanks {
        // A blank line inside a paragraph is a column break: a full
        // column line before it, and no paragraph's first line after it.
        // No wider than a column line either: one with marks in it holds
        // more characters, as typeset squeezes a mark beside another to
        // half an em (请来的“能人”：, fifteen characters read in a
        // thirteen-em column).
        let marks_in = (x.p.text.chars())
            .filter(|&c| super::prep::MARKS.contains(c) || c == '"')
            .count();
        let p_full = x.m.is_none_or(|m| {
            full(x.p_width + indent, m) && x.p_width < m + 2.0 + marks_in as f32 / 2.0
        });
        let c_first = x.m.is_some_and(|m| first_line(x.c, x.n, m));
        // Tesseract also leaves blanks inside paragraphs: a sentence end
        // on a full line, then another full line (no paragraph's first
        // line, whose indent it drops) is one paragraph going on. Full as
        // printed: a turn of dialogue (“娘的咳嗽, 还是老样子?”) fills the
        // line by its characters, its marks squeezed, but is an em short.
        let c_full =
            x.m.is_some_and(|m| full(x.c.width, m) && x.c.width < m + 2.0 && full(printed(x.c), m));
        return if ends && p_full && x.m.is_some() && c_full && !c_first {
            Join::Same
        } else if ends {
            Join::Break
        } else if p_short && ends_with_comma(&x.p.text) {
            Join::BreakComma
        } else if !p_full && !narrowed_across(x) {
            Join::Break
        } else if c_first {
            Join::BreakBare
        } else {
            Join::AcrossBlank
        };
    }
    match x.m {
        Some(m) => by_shape(x, m, ends, p_short, marks.gapped),
        // One line a paragraph, or lines of any width: a sentence end ends
        // a paragraph, unless it is flush with open lines around it.
        None => {
            if ends && !level_unmeasured(x) {
                Join::Break
            } else {
                Join::Same
            }
        }
    }
}

/// Line-per-box text: the break from the lines' widths.
fn by_shape(x: &Ctx, m: f32, ends: bool, p_short: bool, gapped: bool) -> Join {
    // The next line starts a paragraph: two ems short, and not the last
    // line of its own paragraph. Where the OCR leaves a blank line at
    // paragraph ends, a line with none before it that is that short only
    // if a closing mark was squeezed in is a full line that lost a
    // character to the OCR (发黑，母 read 发黑，); not a turn of dialogue
    // (阿禾吃了一惊:“这么多?”), its quotation's own marks squeezed.
    let as_printed = x.c.width >= m - 3.75 && x.c.width <= m - 1.25;
    let lost_one = gapped && !x.gap && !as_printed && !turn(&x.c.text);
    let c_first = first_line(x.c, x.n, m) && !lost_one;
    let split_box = !ends && p_short && cut_box(x, m);
    // 新华社北京3月14日电: the news follows on the next line.
    let dateline = super::people::dateline(&x.p.text).is_some_and(|k| k == x.p.text.len());
    if split_box || dateline {
        return Join::Same;
    }
    // 本报讯, 新华社北京3月14日电: a news item's lead opens on its dateline,
    // whatever line the OCR read before it (another column's, left open).
    if super::people::dateline(&x.c.text).is_some() {
        return Join::Break;
    }
    // A line opening a quotation under a sentence end an em short of the
    // column (as printed: two marks side by side take an em and a half)
    // opens a paragraph of dialogue, though its opening mark, set in half
    // an em, makes it as wide as a full line by its characters, and a
    // paragraph of two lines has no full line under it to show its shape.
    // Under a full line the quotation is the paragraph going on: a line
    // inside a paragraph runs to the measure, whatever ends on it.
    let opens_quote = x.c.text.starts_with(['“', '「'])
        && x.p_width - super::prep::squeezed(&x.p.text) <= m - 1.0;
    if ends && (sliver_runs_on(x, m) || widens_full(x, m) || level_through(x, m)) {
        return Join::Same;
    }
    let opens = c_first || opens_quote || first_cut(x, m) || alone_between(x, m);
    if ends && (p_short || opens || super::joins::narrowed_first(x, m) || loose_first(x, m)) {
        return Join::Break;
    }
    let comma = ends_with_comma(&x.p.text);
    if p_short {
        // A short line ending in a character: a paragraph end whose mark
        // was lost only if a first line follows; else a justified line
        // whose next word (40%) did not fit.
        let bare =
            x.p.text
                .ends_with(|c: char| super::names::is_han(c) || c.is_ascii_alphanumeric());
        // The comma is a misread 。 unless the column is narrowed there
        // beside a figure: the next two lines under half the measure too
        // (本地老街 / 的书， / 读完 / 大家一), the sentence going on. (A short
        // paragraph may follow a paragraph's end, 相关数据：, but a wider
        // line comes after it.) Or the three lines are as narrow, three
        // ems short or more (joins::sliver_level).
        let half = |w: f32| w <= m / 2.0;
        let narrowed =
            !c_first && half(x.c.width) && x.n.is_some_and(|n| half(n.width)) || sliver_level(x, m);
        // A line two ems short over a short line that runs on is no
        // paragraph's first line (its second line is full, or its last,
        // ending on a mark): the column is narrowed there beside a figure,
        // and the bare short line before it runs on too.
        let wrapped =
            x.n.is_some_and(|n| !full(n.width, m) && !ends_sentence(&n.text) && !n.is_blank());
        // No paragraph ends on a pause inside a list or a clause (采购、
        // / 编目和): beside a figure the sentence goes on; and none on 、,
        // which stands between two items of one list, wherever it is.
        let pause = x.p.text.trim_end().ends_with(['、', '；', ';']);
        return if quote_alone(x, m) {
            Join::Break
        } else if runs_across(&x.p.text, &x.c.text) || cut_at_pause(x, m, c_first) {
            Join::Same
        } else if comma && !narrowed && opens_after_comma(x, m, c_first) {
            Join::BreakComma
        } else if comma || pause && (narrowed || x.p.text.trim_end().ends_with('、')) {
            Join::Same
        } else if bare && c_first && !wrapped && (alone_over_first(x, m) || bare_ends_para(x, m)) {
            Join::BreakBare
        } else if bare {
            Join::Same
        } else {
            Join::Break
        };
    }
    if opens_under_open(x, m, c_first) {
        return Join::Break;
    }
    Join::Same
}

/// `p` opens its paragraph and is two ems short of a first line's width or
/// more (能好友道学先饭菜之, nine ems of thirteen, under a sentence end, over
/// a first line): no first line of a paragraph that runs on (which fills
/// the measure after its indent), so a line of its own (a caption, a head,
/// a one-line paragraph that lost its mark) whatever word it ends on. Nor
/// is it a line of a narrowed column as wide as the line over it
/// (`sliver_widens`): that line is the last of the paragraph before,
/// short because it ends there.
fn alone_over_first(x: &Ctx, m: f32) -> bool {
    x.p_first && x.p_width <= m - 4.0
}

#[cfg(test)]
mod tests {
    use super::super::{Block, clean};

    /// A paragraph's first line (its indent dropped), then a line the OCR
    /// cut into two boxes (层土加 / 为三层，新建匝道4 条,): the cut is the
    /// second line's, though the first line and the first box together
    /// are as wide as a column line too. Before, the first line was taken
    /// for the cut's first piece, and the second box's comma for a
    /// paragraph's end.
    #[test]
    fn a_box_cut_after_a_first_line() {
        let input = "立交\n\n本报记者 林晓舟\n\n西立交改造工程昨天通过竣工\n验收，今晚8 时起全面恢复\n通行。\n改造后的立交由原来的两\n层土加\n为三层，新建匝道4 条,\n设计通行能刀提高约40%。市\n交通部门预计，早晚高峰时段\n经过这里的车辆,平均通行时\n间可以缩短6 分钟左右。\n";
        let blocks = &clean(input).articles[0].blocks;
        assert!(
            matches!(&blocks[1], Block::Para(p) if p.contains("4条，设计通行")),
            "{blocks:?}"
        );
        assert_eq!(blocks.len(), 2, "{blocks:?}");
    }
}
