//! What two neighbouring printed lines of line-per-box text show of the
//! break between them beyond their widths: a line the OCR cut into two
//! boxes, a column narrowed beside a figure, a line that leads into the
//! next. Split from paras.rs, which decides the break.

use super::prep::Line;
use super::shape::{ends_sentence, ends_with_comma, enumerator, full};

/// Two neighbouring printed lines and what is known around them.
pub(super) struct Ctx<'a> {
    pub(super) p: &'a Line,
    /// The width of `p`'s printed line: `p`'s own, or with the piece
    /// before it where the OCR cut that line into two boxes.
    pub(super) p_width: f32,
    pub(super) c: &'a Line,
    /// The line after `c`.
    pub(super) n: Option<&'a Line>,
    /// The line before `p`.
    pub(super) b: Option<&'a Line>,
    pub(super) m: Option<f32>,
    /// `p` is its paragraph's first line (two ems narrower when full).
    pub(super) p_first: bool,
    /// A blank line between `p` and `c`.
    pub(super) gap: bool,
}

/// A blank line between two lines of a column narrowed beside a figure
/// (居民步行十五分钟 / / 就能走到一间。, eight characters of thirteen):
/// Tesseract leaves one where the column's edge moves, and no paragraph
/// ends on a line that leaves its sentence open, nor opens on a line
/// three ems short or more (a first line is two ems short). Nor where
/// the column widens back past the figure under the blank
/// ([`sliver_widens`]: 头，就 / 着那一小 / / 团黄光，一针一针地缝。, three and
/// four ems of thirteen): the sliver's last line is as short as every
/// line beside the figure, whatever ends on it.
pub(super) fn narrowed_across(x: &Ctx) -> bool {
    x.m.is_some_and(|m| {
        let sliver = narrowed(x.p_width, m) && narrowed(x.c.width, m) || sliver_widens(x, m);
        sliver && !ends_with_comma(&x.p.text)
    }) && !ends_sentence(&x.p.text)
}

/// `c`, under a sentence end, opens a paragraph in a column narrowed
/// beside a figure: two ems narrower (the indent the OCR drops) than the
/// line under it, which is narrowed too (three ems short or more) and
/// leaves its sentence open, as `c` does. A justified column, narrowed or
/// not, sets every line a paragraph runs on through to one width, so the
/// first line is the one two ems in.
pub(super) fn narrowed_first(x: &Ctx, m: f32) -> bool {
    x.n.is_some_and(|n| {
        narrowed(n.width, m)
            && !ends_sentence(&n.text)
            && !ends_sentence(&x.c.text)
            && (n.width - x.c.width - 2.0).abs() <= 0.75
    })
}

/// A line `w` ems wide is narrowed round a figure in a column of `m`:
/// three ems short or more (a paragraph's first line is two).
pub(super) fn narrowed(w: f32, m: f32) -> bool {
    w <= m - 3.0
}

/// The ems a paragraph's first line is set in from the measure: two for
/// `p` opening its paragraph (line-per-box OCR drops the indent).
fn indent(x: &Ctx) -> f32 {
    if x.p_first { 2.0 } else { 0.0 }
}

/// Whether `text` ends on a Han character, a letter or a digit.
fn ends_on_word(text: &str) -> bool {
    (text.trim_end()).ends_with(|c: char| super::names::is_han(c) || c.is_ascii_alphanumeric())
}

/// Whether `text` is words alone (Han characters, letters, digits and
/// spaces), no mark in it or at its end: a line with a pause or a quote
/// in it is a sentence's piece.
pub(super) fn bare_end(text: &str) -> bool {
    let word = |c: char| super::names::is_han(c) || c.is_alphanumeric();
    (text.chars()).all(|c| word(c) || c.is_whitespace()) && text.trim_end().ends_with(word)
}

/// One printed line the OCR cut into two boxes, `p` and `c`: together as
/// wide as a column line, cut between two words (not at a mark, nor after
/// a 。 misread as `o`).
pub(super) fn cut_box(x: &Ctx, m: f32) -> bool {
    let word =
        |c: Option<char>| c.is_some_and(|c| super::names::is_han(c) || c.is_ascii_alphanumeric());
    word(x.p.text.chars().last())
        && word(x.c.text.chars().next())
        && (x.p_width + x.c.width - m).abs() <= 1.5
}

/// One printed line the OCR cut into two boxes at a gap after a comma or a
/// pause (凤歌而时开通而成， / 时不可以): together as wide as a column line,
/// `c` ending on a word (whatever marks it holds), as no paragraph's last
/// line does, and too narrow
/// for a paragraph's first (its indent dropped), so the comma is no
/// paragraph end misread: `c` is the rest of `p`'s line. (A comma that is
/// a misread 。 has a paragraph's first line under it, two ems short.)
pub(super) fn cut_at_pause(x: &Ctx, m: f32, c_first: bool) -> bool {
    let p = x.p.text.trim_end();
    p.ends_with(['，', ',', '、', '；', ';'])
        && p.chars().count() >= 3
        && !c_first
        && ends_on_word(&x.c.text)
        && (x.p_width + indent(x) + x.c.width - m).abs() <= 1.5
}

/// `p`, ending a sentence, is a line of the sliver of text run round a
/// figure (under half the measure), and the two lines under it are as
/// narrow, no narrower than `p` nor the first than the second by more
/// than an em, and run on with no mark at their ends (另算。 / 六十二 /
/// 间书房): every line there is short whatever ends on it, so its
/// shortness says nothing, and a paragraph opening there would start two
/// ems narrower than the sliver's lines.
pub(super) fn sliver_runs_on(x: &Ctx, m: f32) -> bool {
    let narrow = |w: f32| w <= m / 2.0;
    let runs_on = |l: &Line| narrow(l.width) && bare_end(&l.text) && !enumerator(&l.text);
    let level = |n: &Line| runs_on(n) && x.c.width >= n.width - 1.0;
    let in_sliver = narrow(x.p_width) && x.c.width >= x.p_width - 0.5;
    // Or at the sliver's top, where the column narrows round the figure:
    // `p` as narrowed as the line over it or more, which runs on (a
    // paragraph's last line stands under full lines).
    let at_top = narrowed(x.p_width, m)
        && x.b.is_some_and(|b| {
            narrowed(b.width, m) && b.width >= x.p_width - 1.0 && !ends_sentence(&b.text)
        });
    (in_sliver || at_top) && runs_on(x.c) && x.n.is_some_and(level)
}

/// `p` leads into what follows: it ends on an opening mark (说:“), or on
/// a colon with `c` opening the quotation it announces (了說： / 「裡經…).
/// A paragraph never ends there, however short the line: a box the OCR
/// cut, or a line of the sliver beside a figure. (A colon before an
/// enumerator does end one: that is decided before the lines' shapes.)
pub(super) fn lead_in(p: &str, c: &str) -> bool {
    let p = p.trim_end();
    p.ends_with(['“', '「', '『', '《', '（', '('])
        || p.ends_with(['：', ':']) && c.starts_with(['“', '「', '『', '"'])
}

/// `c` is a quotation of its own (“你去吗？”: opening, ending its
/// sentence and closing at its end, no wider than a first line) under `p`
/// ending on the colon that announces it with three ems or more left,
/// under a full line (no column narrowed beside a figure). A quotation
/// going on in `p`'s paragraph would open on `p`'s line, room enough for
/// its mark and two characters: over the four generated sets, which set
/// 说：“… by the thousand, no colon line under a full line ends three
/// ems short over a quotation. So `p` ends its paragraph, and the
/// quotation is one of its own, as dialogue is set (问了一句： / “你去吗？”,
/// the corpus's c03-dialogue-essay), not a box the OCR cut at the colon.
pub(super) fn quote_alone(x: &Ctx, m: f32) -> bool {
    let c = x.c.text.trim_end();
    let closed = c
        .strip_suffix(['”', '」', '』', '"'])
        .is_some_and(|t| t.ends_with(['。', '？', '！', '?', '!', '…']));
    x.p.text.trim_end().ends_with(['：', ':'])
        && x.p_width <= m - 3.0
        && x.b.is_some_and(|b| full(b.width, m))
        && c.starts_with(['“', '「', '『', '"'])
        && closed
        && x.c.width <= m - 2.0
}

/// `p` leaves a quotation open (“ 「 『, or a straight quote with words
/// after it, and no closing mark after that) and `c` closes it before it
/// opens another (「晚看的爟諄了來的裡 / 燈……」年了…, 说：“盗此东狮子 / 曰欲进…”):
/// the quoted words run across the break, and print ends no paragraph
/// inside a quotation that the next line goes on to close, however short
/// the line. The OCR cut the line there, or the scan dropped its last
/// characters. Only the two lines are read: Tesseract drops opening
/// marks and reads ” as `"` or `-`, so a count over the whole paragraph
/// joins paragraphs the page keeps apart (the thirty-second round).
pub(super) fn closes_open_quote(p: &str, c: &str) -> bool {
    const OPEN: [char; 3] = ['“', '「', '『'];
    const CLOSE: [char; 4] = ['”', '」', '』', '"'];
    let p = p.trim_end();
    // What follows the last opening mark (its own character dropped).
    let after = |k: usize| p[k..].chars().skip(1).collect::<String>();
    let opened = p.rfind(OPEN).map(after).or_else(|| {
        // A straight quote at the line's end may close as well as open.
        p.rfind('"').map(after).filter(|rest| !rest.is_empty())
    });
    let left_open = opened.is_some_and(|rest| !rest.contains(CLOSE));
    let closed = c.find(CLOSE).is_some_and(|k| !c[..k].contains(OPEN));
    left_open && closed
}

/// A comma ending a short line is a misread 。 only where the line under
/// it can open a paragraph: as wide as a first line (two ems short, its
/// indent dropped), or a one-line paragraph (ending its sentence, no
/// wider than a first line). A full line, or a short line that runs on
/// (不曾牛畒个来大， / 了飦了，, 衖進天啪過角被， / 儦夜面凈墧來年的回), is no
/// paragraph's start: the scan cut the printed line there, or dropped
/// its last characters, and the sentence goes on across the comma.
pub(super) fn opens_after_comma(x: &Ctx, m: f32, c_first: bool) -> bool {
    c_first || ends_sentence(&x.c.text) && !full(x.c.width, m) || introduces_list(x, m)
}

/// `c` is a one-line paragraph introducing a list (相关数据： over
/// △全市现有…): it ends on a colon, no wider than a first line, and the
/// line under it opens an enumerated item, a paragraph of its own. The
/// colon ends `c`'s paragraph there, so `c` opens it too: a label of its
/// own, not the end of the sentence before. Not where `p` and `c` could
/// be one printed line the OCR cut into two boxes at the comma's gap
/// (市政府表示， / 主要措施如下：, together a column line's width).
fn introduces_list(x: &Ctx, m: f32) -> bool {
    x.c.text.trim_end().ends_with(['：', ':'])
        && x.c.width <= m - 2.0
        && x.p_width + x.c.width > m + 1.5
        && x.n.is_some_and(|n| enumerator(&n.text))
}

/// `c` opens on a mark print never sets at a line's start (a pause, a
/// stop, a closing quote or bracket): the compositor keeps it on the line
/// before, so the OCR cut that line's box in front of it (里身窆一…… /
/// ”上了塆的面河), and no paragraph ends between the two.
pub(super) fn opens_on_closer(c: &str) -> bool {
    c.trim_start().starts_with([
        '，', '。', '、', '；', '：', '！', '？', '”', '’', '」', '』', '）',
    ])
}

/// `c` and the line under it are one paragraph's first line (two ems
/// short, its indent dropped) the OCR cut into two boxes (惟借色勃如， /
/// 周边，这里): `c` ending on a word or a pause, the second box opening on
/// a word and leaving its sentence open, the two together a first line's
/// width. Either alone is too narrow to show it.
pub(super) fn first_cut(x: &Ctx, m: f32) -> bool {
    let Some(n) = x.n else {
        return false;
    };
    let c = x.c.text.trim_end();
    let opens_on_word = n
        .text
        .starts_with(|ch: char| super::names::is_han(ch) || ch.is_ascii_alphanumeric());
    let w = x.c.width + n.width;
    (ends_on_word(c) || c.ends_with(['，', ',', '、', '；', ';']))
        && x.c.width <= m - 3.0
        && opens_on_word
        && !ends_sentence(&n.text)
        && w >= m - 3.75
        && w <= m - 1.25
}

/// `p` is a line of a column narrowed beside a figure (three ems short or
/// more, as is the line over it, within an em of it), and `c` is wider:
/// the column widens back past the figure's edge (丘也没有 / 不宜对曰寡在，
/// 尤难事事, 10 then 11 ems of 13), so `c`'s two-em shortness is no
/// paragraph's first line, and `p`, ending on a word, no paragraph's end.
pub(super) fn sliver_widens(x: &Ctx, m: f32) -> bool {
    let narrow = |w: f32| narrowed(w, m);
    narrow(x.p_width)
        && x.b
            .is_some_and(|b| narrow(b.width) && (b.width - x.p_width).abs() <= 1.0)
        && x.c.width > x.p_width
}

/// `p` ends its sentence on a line of a column narrowed beside a figure
/// (three ems short or more, as is the line over it), and `c` fills the
/// measure (下榖经灯的了里溜。 / 夜已了一缅蕮娢递，了她鴟了, 9 then 13 ems of
/// 13): the column widens back past the figure's foot. A paragraph's
/// first line is two ems short, so `c` opens none, and `p`'s shortness is
/// the figure's edge, not its paragraph's end.
pub(super) fn widens_full(x: &Ctx, m: f32) -> bool {
    narrowed(x.p_width, m)
        && x.b.is_some_and(|b| narrowed(b.width, m) && !b.is_blank())
        && x.c.width >= m
}

/// `p` ends its sentence inside a column narrowed beside a figure, level
/// through it: the line over `p`, `p` and `c` three ems short or more and
/// within an em of `p`, the line under `c` within an em of `c` (的译雨的了
/// 嬉两了。 / 信年一的了，了丽晍, nine ems each of 13). A paragraph opening
/// there would start two ems narrower than the lines beside it; `c` is
/// level with them, so the paragraph goes on.
pub(super) fn level_through(x: &Ctx, m: f32) -> bool {
    let level = |w: f32, to: f32| narrowed(w, m) && (w - to).abs() <= 1.0;
    level(x.p_width, x.p_width)
        && level(x.c.width, x.p_width)
        && x.b
            .is_some_and(|b| !b.is_blank() && level(b.width, x.p_width))
        && x.n
            .is_some_and(|n| !n.is_blank() && (n.width - x.c.width).abs() <= 1.0)
}

/// `p` and the two lines under it are three ems short of the column or
/// more and within an em of each other (人必不取仁再不能以， / 对曰痴而遇有
/// 出矣乎文 / 子。绥之本单位不能事, 10 ems each of 13): the column narrowed
/// beside a figure, where every line is short. `c` is no paragraph's
/// first line (a first line has a full line under it, not one as narrow),
/// so a comma at `p`'s end is no misread 。 ending a paragraph.
pub(super) fn sliver_level(x: &Ctx, m: f32) -> bool {
    let level = |w: f32| narrowed(w, m) && (w - x.p_width).abs() <= 1.0;
    level(x.p_width) && level(x.c.width) && x.n.is_some_and(|n| level(n.width) && !n.is_blank())
}

/// `c` opens a paragraph under a full line `p` that leaves its sentence
/// open (了整理之宰，见有天外，子必 / 退而窒今之在广寒,不穷 / a full line): `c`
/// as wide as a first line (two ems short, its indent dropped) and an em
/// narrower than the full line under it, ending on a Han character with
/// its sentence going on. A justified column sets every line a paragraph
/// runs on through to the measure, so no inner line is two ems short
/// with its sentence open under it: `p`'s sentence went on in a line the
/// scan read elsewhere (another column's, read across) or dropped, and
/// `c` is a first line. A line holding digits or letters is no measure of
/// an indent (they set looser or tighter, and the OCR spaces them at
/// will), nor is one that opens into a quotation `p` leads into or
/// closes one it left open, nor a line running on from `p` (a word or two
/// and a stop).
pub(super) fn opens_under_open(x: &Ctx, m: f32, c_first: bool) -> bool {
    let c = x.c.text.trim_end();
    let under = |n: &Line| full(n.width, m) && n.width >= x.c.width + 1.0 && !n.is_blank();
    c_first
        && !ends_sentence(&x.p.text)
        && c.ends_with(super::names::is_han)
        && !c.contains(|ch: char| ch.is_ascii_alphanumeric())
        && x.n.is_some_and(under)
        && !runs_across(&x.p.text, c)
}

/// The sentence runs across the break from `p` to `c`, whatever the
/// lines' widths: `p` leads into a quotation `c` opens ([`lead_in`]), `c`
/// closes one `p` left open ([`closes_open_quote`]), or `c` opens on a
/// word or two and a stop (连连点 / 头。今年…), as no paragraph opens, the
/// sentence running across the break as under a head (`shape::runs_on`,
/// read by heads::is_head too).
pub(super) fn runs_across(p: &str, c: &str) -> bool {
    lead_in(p, c) || closes_open_quote(p, c) || super::shape::runs_on(c)
}

/// `p`, short and ending on a word over a line as wide as a first line,
/// ends a paragraph whose mark the OCR lost: not where it ends inside a
/// phrase (的, 和…), nor as a line of a column narrowed beside a figure
/// that widens back under it ([`sliver_widens`]), and only where it stands
/// under a full line (or opens its paragraph), as a paragraph's last line
/// does. In a narrowed column the line over `p` is short too (颜渊曰夫达矣夫君
/// / 极；戴着每天下去公论 / 诗者与，皆可以，则知线, 8, 10 and 11 ems of 13):
/// every line there is, so `p`'s shortness is the figure's edge, and the
/// wider line under it the column widening back, not a first line.
pub(super) fn bare_ends_para(x: &Ctx, m: f32) -> bool {
    let under_full = x.p_first || x.b.is_none_or(|b| full(b.width, m));
    !super::shape::leaves_open(&x.p.text) && !sliver_widens(x, m) && under_full
}

/// `c` is a paragraph of one line between two others: `p` ends its
/// sentence an em short of the column (也而知。求于是硬约束后。, twelve
/// ems of thirteen), `c` is as wide as a first line and ends its own
/// (尤慧双修己子问；不去。), and the line under `c` opens a paragraph (a
/// first line's width, its sentence open). `first_line` refuses `c`, as
/// a line ending its sentence over a line that is not full is as often
/// a paragraph's last; but then `p` would be a line its paragraph runs
/// on through, which a justified column sets to the measure, and `p`
/// is an em short. Under a full line the widths cannot tell, but a turn
/// of dialogue (其事说：“必应这是社。”, opening its quotation and closing
/// it) is set as a paragraph of its own, one a turn, so `p`'s width is
/// not asked there. Not where `c` opens on a mark that cannot end a line
/// (“): the compositor pushes the character before it down with it,
/// leaving `p` short inside its paragraph; nor where `p` holds letters
/// or digits, which set looser or tighter.
pub(super) fn alone_between(x: &Ctx, m: f32) -> bool {
    let one_line = super::shape::indent_shape(x.c, m)
        && ends_sentence(&x.c.text)
        && super::shape::printed(x.c) <= m - 1.0
        && !x
            .c
            .text
            .starts_with(['“', '‘', '「', '『', '（', '《', '(', '"']);
    let opens =
        x.n.is_some_and(|n| !n.is_blank() && super::shape::first_line(n, None, m));
    ends_sentence(&x.p.text)
        && (x.p_width + indent(x) <= m - 0.75 || super::shape::turn(&x.c.text))
        && !x.p.text.contains(|ch: char| ch.is_ascii_alphanumeric())
        && one_line
        && opens
}

/// `c` opens a paragraph set loose (了挱了螇她豱氖了玉 / 片……雵絧的蕟鄡虓轖？了另,
/// nine ems of thirteen): under a full line ending its sentence, `c` is
/// narrower than a first line, leaves its sentence open and has a full
/// line under it. Inside a paragraph a justified column sets every line
/// but the last to the measure, so `c` is no inner line; a first line is
/// set short of its two ems in when the next unit cannot be parted (a
/// word with the ellipsis after it, which no line opens on) and is too
/// wide for the room left. Not in a column narrowed beside a figure,
/// whose lines are short over one another (`p` is full here).
pub(super) fn loose_first(x: &Ctx, m: f32) -> bool {
    ends_sentence(&x.p.text)
        && full(x.p_width, m)
        && !x.p_first
        && !ends_sentence(&x.c.text)
        && x.c.width < m - 3.75
        && x.c.width >= m / 2.0
        && x.n.is_some_and(|n| full(n.width, m) && n.width <= m + 2.0)
}

/// Where no measure holds (too few lines of one width near them: a
/// column narrowed round a figure step by step, 10, 9 then 8 ems of
/// 13), `p` ends its sentence flush with the lines around it: the line
/// over it and the two under it within an em of `p` and each leaving
/// its sentence open (有祖母嫌它太亮，说 / 照得人心里发慌。 / 她晚上做针线，还
/// / 是习惯把煤油灯挪). A paragraph opening under `p` would start two
/// ems narrower, and text set a paragraph a line ends nearly every line
/// on a sentence end, so the lines are a column's and the paragraph
/// goes on.
pub(super) fn level_unmeasured(x: &Ctx) -> bool {
    let level =
        |l: &Line| !l.is_blank() && (l.width - x.p_width).abs() <= 1.0 && !ends_sentence(&l.text);
    x.p_width >= 6.0 && !x.gap && x.b.is_some_and(level) && level(x.c) && x.n.is_some_and(level)
}
