//! Front matter from an article's headline block: kicker (引题), headline
//! (主题), deck (副题), byline, and for a serial the work, author and
//! installment number. Roles come from evidence: `#` levels (larger type
//! is the headline, smaller above it the kicker, below it the deck), a dash
//! that opens a deck, a kicker's column name (随笔, 快讯), a serial's clues
//! (《…》, 著, 连载 416). A headline broken over two lines is joined.

use super::gather::Item;
use super::inline::{Style, repair_heading_with};
use super::names::{is_han, is_name};
use super::prep::Line;
use super::shape::{chapter_title, ends_sentence, enumerator, fragment, heading_text, kicker_word};
use super::{Article, Note, NoteKind, Serial};

/// A text line of the headline block.
#[derive(Clone)]
struct Head {
    no: usize,
    /// The line's text as read, and repaired.
    raw: String,
    text: String,
    level: Option<u8>,
    /// Came after the byline.
    after_byline: bool,
    /// A blank line before it: a block of its own.
    after_gap: bool,
}

/// What the block held besides text.
#[derive(Default)]
struct Clues {
    bylines: Vec<String>,
    author: Option<String>,
    number: Option<u32>,
    work: Option<String>,
    /// Numbers alone: a serial's installment number if there are other
    /// serial clues, else page numbers.
    bare: Vec<(usize, String, u32)>,
}

/// Fills the front matter; returns the header lines that are section heads
/// of the body after all. `jumps`: the page's continuation heads
/// ([`super::resume::heads_over_jumps`], found once per page).
pub(super) fn fill(
    art: &mut Article,
    header: &[Item],
    lines: &[Line],
    body_levels: &[u8],
    style: Style,
    jumps: &[(usize, Vec<char>)],
    notes: &mut Vec<Note>,
) -> Vec<usize> {
    let (mut heads, clues) = collect(header, lines, style, notes);
    // A line the headline repeats above it is the page's running head
    // (the headline printed at the top of a one-article page).
    let mut k = 0;
    while k < heads.len() {
        // Read short, only as the block's first two lines of an article
        // that is no serial (a serial box's lines repeat its work's name).
        let serial = clues.author.is_some() || clues.number.is_some() || clues.work.is_some();
        let again = heads[k + 1..]
            .iter()
            .position(|h| h.text == heads[k].text)
            .or_else(|| {
                (k == 0
                    && !serial
                    && heads.len() > 1
                    && same_headline(&heads[1].text, &heads[0].text))
                .then_some(0)
            });
        if let Some(j) = again {
            // Keep the fuller reading: OCR loses a character at either end
            // of the one or the other.
            if heads[k].text.chars().count() > heads[k + 1 + j].text.chars().count() {
                heads[k + 1 + j].text = heads[k].text.clone();
            }
            let h = heads.remove(k);
            notes.push(Note {
                line: h.no,
                kind: NoteKind::Removed,
                message: format!("running head (the headline again): {}", h.raw),
            });
        } else {
            k += 1;
        }
    }
    let mut back = Vec::new();
    // A row the OCR made of a picture or rule holds a stray fragment; a
    // short box beside it on the same row that is not all Han (念 / 念和AV)
    // is more of the same, not a deck.
    let stray_rows: Vec<usize> = heads
        .iter()
        .filter(|h| fragment(&h.text) && !rule(&h.text))
        .map(|h| h.no)
        .collect();
    let noise = |h: &Head| {
        let cs: Vec<char> = h.text.chars().filter(|c| !c.is_whitespace()).collect();
        stray_rows.contains(&h.no) && cs.len() <= 6 && !cs.iter().all(|&c| is_han(c))
    };
    heads.retain(|h| {
        if !fragment(&h.text) && !noise(h) {
            return true;
        }
        if rule(&h.text) {
            // A printed rule or a deck's dash read on a line of its own:
            // no text.
            notes.push(Note {
                line: h.no,
                kind: NoteKind::Removed,
                message: format!("a rule in the headline block: {}", h.raw),
            });
            return false;
        }
        notes.push(Note {
            line: h.no,
            kind: NoteKind::Warning,
            message: format!("stray characters over the headline (large type the OCR could not read?): kept in the text: {}", h.text),
        });
        if let Some(i) = lines.iter().position(|l| l.no == h.no && l.text.trim() == h.raw) {
            back.push(i);
        }
        false
    });
    join_broken(&mut heads, notes);
    // A marked line after the byline, or in the size the body's section
    // heads have (and not above a byline), is the first section head.
    let bylined = !clues.bylines.is_empty();
    while let Some(h) = heads.last() {
        let same = h.level.is_some_and(|l| body_levels.contains(&l))
            && heads.len() >= 2
            && (!bylined || h.after_byline);
        if h.after_byline || same && !h.text.starts_with(['—', '─']) {
            let Some(i) = lines.iter().position(|l| l.no == h.no) else {
                break;
            };
            back.push(i);
            heads.pop();
        } else {
            break;
        }
    }
    first_head_read_over(&mut heads, lines, &mut back);
    first_body_line(&mut heads, lines, &mut back);
    let mut bylines = clues.bylines.clone();
    if bylines.is_empty()
        && heads.len() >= 2
        && heads.last().is_some_and(|h| is_name(&h.text))
        && let Some(h) = heads.pop()
    {
        moved(notes, h.no, "byline", &h.text);
        bylines.push(h.text);
    }
    if !bylines.is_empty() {
        art.byline = Some(bylines.join(" "));
    }
    let serial = clues.author.is_some() || clues.number.is_some() || clues.work.is_some();
    if serial {
        serial_front(art, &mut heads, clues, notes);
    }
    titles(art, heads, jumps, notes);
    back.sort_unstable();
    back
}

fn moved(notes: &mut Vec<Note>, line: usize, what: &str, text: &str) {
    notes.push(Note {
        line,
        kind: NoteKind::Moved,
        message: format!("{what}: {text}"),
    });
}

fn collect(
    header: &[Item],
    lines: &[Line],
    style: Style,
    notes: &mut Vec<Note>,
) -> (Vec<Head>, Clues) {
    let mut heads = Vec::new();
    let mut clues = Clues::default();
    let mut gap = false;
    for item in header {
        if matches!(item, Item::Blank) {
            gap = true;
            continue;
        }
        match item {
            Item::Text(i) => {
                let l = &lines[*i];
                if l.level.is_some() {
                    let message = format!("heading marks removed: {}", l.text);
                    notes.push(Note {
                        line: l.no,
                        kind: NoteKind::Changed,
                        message,
                    });
                }
                heads.push(Head {
                    no: l.no,
                    raw: l.text.clone(),
                    text: repair_heading_with(&l.text, style).text,
                    level: l.level,
                    after_byline: !clues.bylines.is_empty(),
                    after_gap: gap,
                });
                gap = false;
            }
            Item::Byline(i, b) => {
                moved(notes, lines[*i].no, "byline", &lines[*i].text);
                clues.bylines.push(b.clone());
            }
            Item::Author(i, a) => {
                moved(notes, lines[*i].no, "author credit", &lines[*i].text);
                clues.author = Some(a.clone());
            }
            Item::Installment(i, n) => {
                let what = format!("installment number {n}");
                moved(notes, lines[*i].no, &what, &lines[*i].text);
                clues.number = Some(*n);
            }
            Item::Number(i, n) => clues.bare.push((lines[*i].no, lines[*i].text.clone(), *n)),
            Item::Serial(i, h) => {
                moved(notes, lines[*i].no, "serial head", &lines[*i].text);
                clues.number = clues.number.or(h.number);
                clues.author = clues.author.clone().or(h.author.clone());
                clues.work = clues.work.clone().or(h.work.clone());
            }
            Item::Source(..) | Item::Blank | Item::Alone(_) => {}
        }
    }
    let serial = clues.author.is_some() || clues.number.is_some() || clues.work.is_some();
    for (no, text, n) in std::mem::take(&mut clues.bare) {
        if serial && clues.number.is_none() {
            moved(notes, no, &format!("installment number {n}"), &text);
            clues.number = Some(n);
        } else {
            notes.push(Note {
                line: no,
                kind: NoteKind::Removed,
                message: format!("page number: {text}"),
            });
        }
    }
    (heads, clues)
}

/// Two dashes or rule strokes alone (——, 一一, --): a line of the page's
/// make-up, not a word.
fn rule(t: &str) -> bool {
    let cs: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
    cs.len() == 2 && cs.iter().all(|c| "—─一-－_".contains(*c))
}

/// The same headline read twice (the running head of a one-article page
/// and the headline under it), one reading short of a character at an end.
fn same_headline(a: &str, b: &str) -> bool {
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let n = short.chars().count();
    n >= 4 && long.chars().count() == n + 1 && (long.starts_with(short) || long.ends_with(short))
}

/// A line under the headline that opens the count of a list (一、书房开到
///楼下, （一）, 1.) is no deck: a deck is never numbered. It is the
/// text's first section head, read over the byline (OCR reads a block's
/// boxes in its own order); given back to the body, where
/// article::first_head_piece joins it to the head it begins.
fn first_head_read_over(heads: &mut Vec<Head>, lines: &[Line], back: &mut Vec<usize>) {
    let mut k = 1;
    while k < heads.len() {
        let h = &heads[k];
        let found = first_count(&h.text) && !h.text.starts_with(['—', '─']);
        match lines.iter().position(|l| l.no == h.no) {
            Some(i) if found => {
                back.push(i);
                heads.remove(k);
            }
            _ => k += 1,
        }
    }
}

/// Opens a list's first item: 一、 （一） 1. 1、 (an enumerator counting one).
pub(super) fn first_count(t: &str) -> bool {
    count_of(t, '一', '1')
}

/// Opens a list's item numbered `cn` (一) or `digit` (1).
pub(super) fn count_of(t: &str, cn: char, digit: char) -> bool {
    let bare = t.trim_start_matches(['（', '(']);
    let mut cs = bare.chars();
    let (first, second) = (cs.next(), cs.next());
    enumerator(t)
        && (first == Some(cn) || first == Some(digit))
        && !second.is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
}

/// The body's first line read into the block: where the block's lines are
/// parted by blank lines (or under a name alone), a last line that holds a comma, ends no sentence
/// and runs straight on into the next line (小时候住在河边，家里点 / 的是煤油灯。)
/// opens a paragraph. Given back to the body.
fn first_body_line(heads: &mut Vec<Head>, lines: &[Line], back: &mut Vec<usize>) {
    let parted = heads.iter().filter(|h| h.after_gap).count() >= 2;
    let Some(h) = heads.last() else { return };
    // Or, read with no blank lines, under a name alone below the headline
    // (一盏灯 / 林晓舟 / 小时候住在河边，家里点): a byline, under which
    // the block is over.
    let named = heads.len() >= 3 && {
        let by = &heads[heads.len() - 2];
        by.level.is_none() && h.level.is_none() && is_name(&by.text)
    };
    if !(parted || named) || heads.len() < 2 || h.after_byline || !h.text.contains(['，', ',']) {
        return;
    }
    if ends_sentence(&h.text) {
        return;
    }
    let Some(i) = lines.iter().position(|l| l.no == h.no) else {
        return;
    };
    if lines.get(i + 1).is_some_and(|l| !l.is_blank()) {
        back.push(i);
        heads.pop();
    }
}

/// A headline set in two balanced lines whose second is a word or two
/// (城东新桥合龙 年底前 / 通车) is one headline.
fn join_broken(heads: &mut Vec<Head>, notes: &mut Vec<Note>) {
    let mut k = 1;
    while k < heads.len() {
        let (a, b) = (&heads[k - 1], &heads[k]);
        // A short line that stops on a comma is no tail: it is the first
        // half of a headline broken after its comma (今年没算， / 齐一章…),
        // the line under a kicker.
        let short = b.text.chars().count() <= 5 && !b.after_gap && !b.text.ends_with(['，', ',']);
        let long = a.text.chars().count() >= 7;
        let open = !a.text.ends_with(|c: char| "，。：；！？、".contains(c));
        // A headline broken after its comma (村口通了公交， / 山货出了山):
        // no kicker or headline of its own stops on a comma.
        let comma = a.text.ends_with(['，', ','])
            && !b.after_gap
            && !b.text.contains(['，', ','])
            && heading_text(&b.text);
        let broken = short && long && open || comma;
        if broken && a.level == b.level && !kicker_word(&a.text) && !b.after_byline {
            notes.push(Note {
                line: b.no,
                kind: NoteKind::Changed,
                message: format!("headline continued on this line: joined: {}", b.text),
            });
            let tail = heads.remove(k).text;
            heads[k - 1].text.push_str(&tail);
        } else {
            k += 1;
        }
    }
}

/// A serial: the work's title (from 《》 or the first line), the author,
/// the installment number; what is left titles the installment.
fn serial_front(art: &mut Article, heads: &mut Vec<Head>, clues: Clues, notes: &mut Vec<Note>) {
    let work = clues.work.or_else(|| {
        let pos = heads
            .iter()
            .position(|h| h.text.starts_with('《') && h.text.ends_with('》'))
            // The first line; a serial box always names the work, the
            // installment's own title (第七章 渡口) is the one left out.
            .or((!heads.is_empty() && !chapter_title(&heads[0].text)).then_some(0))?;
        let h = heads.remove(pos);
        let w = h
            .text
            .trim_start_matches('《')
            .trim_end_matches('》')
            .to_string();
        moved(notes, h.no, "the work's title", &w);
        Some(w)
    });
    if work.is_none() {
        warn(
            notes,
            "serial without the work's title: fill in [serial] work",
        );
    }
    // A serial box prints its author's name alone under the work's title
    // as often as with 著: a name alone there is the author.
    let author = clues.author.or_else(|| {
        let k = heads
            .iter()
            .position(|h| h.level.is_none() && super::names::is_name(&h.text))?;
        let h = heads.remove(k);
        moved(
            notes,
            h.no,
            "author credit (a name alone in a serial's box)",
            &h.text,
        );
        Some(h.text)
    });
    art.serial = Some(Serial {
        work: work.unwrap_or_default(),
        author: author.unwrap_or_default(),
        installment: clues.number.unwrap_or(0),
    });
}

/// The remaining lines: headline alone; with a dash line, the deck from
/// there; by type size when marked; else kicker by its column name, and by
/// count (headline and deck; kicker, headline and deck).
fn titles(
    art: &mut Article,
    mut heads: Vec<Head>,
    jumps: &[(usize, Vec<char>)],
    notes: &mut Vec<Note>,
) {
    let n = heads.len();
    // A kicker read after the headline (OCR reads a block's lines by their
    // boxes, not by the page's order) still goes above it.
    if n >= 3
        && heads.iter().all(|h| h.level.is_none())
        && !kicker_word(&heads[0].text)
        && let Some(k) =
            (1..n).find(|&k| kicker_word(&heads[k].text) && heads[k].text.chars().count() <= 8)
    {
        let h = heads.remove(k);
        heads.insert(0, h);
    }
    let headline = headline_at(&heads, jumps, notes);
    two_line_headline(&mut heads, headline, notes);
    let n = heads.len();
    for h in heads.iter_mut() {
        // A headline line never ends on a pause mark: one there is the
        // OCR's reading of a stroke or a gap (城市书房越开越多;).
        let t = h.text.trim_end_matches(|c: char| "；;，,：:、".contains(c));
        if t.len() < h.text.len() && !t.is_empty() {
            h.text = t.to_string();
        }
        // Nor is there a space at a full-width mark (the OCR's gap).
        if h.text.contains(' ') {
            h.text = unspace_marks(&h.text);
        }
    }
    for (k, h) in heads.iter().enumerate() {
        let role = match k.cmp(&headline) {
            std::cmp::Ordering::Less => "kicker",
            std::cmp::Ordering::Equal => "headline",
            std::cmp::Ordering::Greater => "deck",
        };
        moved(notes, h.no, role, &h.text);
    }
    let join = |hs: &[Head]| {
        hs.iter()
            .map(|h| h.text.as_str())
            .collect::<Vec<_>>()
            .join("")
    };
    if n > 0 {
        if headline > 0 {
            art.kicker = Some(join(&heads[..headline]));
        }
        art.title = heads[headline].text.clone();
        if headline + 1 < n {
            art.deck = Some(join(&heads[headline + 1..]));
        }
    }
    if art.title.is_empty() && art.serial.is_none() {
        warn(notes, "no headline found: the title is empty, fill it in");
    }
}

/// Which of the block's lines is the headline: the line over a deck's
/// dash; the largest type when marked; else the line a continuation head
/// on the page repeats (`jumps`: the type's size, which tells a headline,
/// is lost, but the page prints the headline again over its rest); else
/// by a kicker's column name and by count and lengths.
fn headline_at(heads: &[Head], jumps: &[(usize, Vec<char>)], notes: &mut Vec<Note>) -> usize {
    let n = heads.len();
    let dash = heads
        .iter()
        .skip(1)
        .position(|h| h.text.starts_with(['—', '─']))
        .map(|k| k + 1);
    let top = heads.iter().filter_map(|h| h.level).min();
    let marked = heads.iter().filter(|h| h.level.is_some()).count() == n
        && heads.iter().any(|h| h.level != top);
    if let Some(d) = dash {
        return d - 1;
    }
    if marked {
        return heads.iter().position(|h| h.level == top).unwrap_or(0);
    }
    // The page's continuation heads are looked up only where neither the
    // dash nor the marks tell.
    let named: Vec<usize> = (0..n)
        .filter(|&k| super::resume::named_again(jumps, heads[k].no, &heads[k].text))
        .collect();
    if let [k] = named[..] {
        return k;
    }
    by_length_only(heads, notes);
    let kicker = n >= 2 && kicker_word(&heads[0].text);
    usize::from(kicker || n >= 3 || n == 2 && kicker_over(heads))
}

/// Two lines of one size, each a phrase of no mark, the first no column's
/// name (随笔) and the second no two halves: kicker over headline, or
/// headline over deck, is told by their lengths alone (`kicker_over`), and
/// either may be the longer on a page. The type's size, which the OCR
/// lost, is what tells them: a warning to check them.
fn by_length_only(heads: &[Head], notes: &mut Vec<Note>) {
    let [a, b] = heads else { return };
    let bare = |t: &str| t.chars().all(is_han);
    let label = a.text.chars().count() <= 5;
    if !bare(&a.text) || !bare(&b.text) || label || kicker_word(&a.text) {
        return;
    }
    notes.push(Note {
        line: a.no,
        kind: NoteKind::Warning,
        message: format!(
            "two lines of one size over the text, each a phrase of no mark ({} / {}): kicker and headline, or headline and deck, told by their lengths only; check them",
            a.text, b.text
        ),
    });
}

/// A headline set in two lines of one size, each a short phrase with no
/// mark inside (一张读者证 / 全市书房通借通还): one headline, its lines
/// parted by a full-width space as the page sets it. A deck is smaller
/// type, or a sentence (commas, a colon, a dash), or longer than that.
/// Only under a kicker: two lines alone may as well be a headline and its
/// deck, or a kicker and its headline.
fn two_line_headline(heads: &mut Vec<Head>, headline: usize, notes: &mut Vec<Note>) {
    if headline == 0 || headline + 2 != heads.len() {
        return;
    }
    let (h, d) = (&heads[headline], &heads[headline + 1]);
    let phrase = |t: &str| {
        (3..=10).contains(&t.chars().count()) && t.chars().all(|c| is_han(c) || c.is_ascii_digit())
    };
    let (nh, nd) = (h.text.chars().count(), d.text.chars().count());
    if h.level != d.level || !phrase(&h.text) || !phrase(&d.text) || nh + nd > 18 {
        return;
    }
    notes.push(Note {
        line: d.no,
        kind: NoteKind::Changed,
        message: format!(
            "the headline's second line (one size, a short phrase, no deck's sentence): joined: {}",
            d.text
        ),
    });
    let tail = heads.remove(headline + 1).text;
    heads[headline].text = format!("{}\u{3000}{tail}", heads[headline].text);
}

/// Two lines of one size: a short label (a column's name of five
/// characters at most: 读者服务, 城事·旧楼) over a headline twice its
/// length with no pause inside (读者服务 / 一张读者证　全市书房通借通还)
/// are kicker and headline; a phrase of six or more is a headline over
/// its deck, and a deck under a short headline is a sentence with its
/// commas or colon (夜班车 / 一条夜班公交线路的十二年，和它载过的普通人).
///
/// Or a single phrase over two short phrases parted by a comma or a space
/// (古镇老街 / 城乡联通，服务延伸到村): the headline's own shape, two
/// balanced halves of a few characters each; a deck's sentence has longer
/// clauses, and a kicker is one phrase.
///
/// Or a phrase over a line no longer than it: a deck says more than the
/// headline it explains, in more words, so a line under it as short or
/// shorter is the headline and the phrase its kicker.
fn kicker_over(heads: &[Head]) -> bool {
    let [k, h] = heads else { return false };
    let (nk, nh) = (k.text.chars().count(), h.text.chars().count());
    let pause = |t: &str| t.contains(|c: char| "，,：:；;、".contains(c));
    let label = nk <= 5 && nh >= 2 * nk && !h.text.contains(|c: char| "，,：:；;、—".contains(c));
    k.level == h.level
        && !pause(&k.text)
        && !k.text.contains(['　', ' '])
        && (label || halves(&h.text) || nk >= nh)
}

/// Two phrases of 2 to 10 characters parted by one comma or full-width
/// space, no other mark: 城乡联通，服务延伸到村.
fn halves(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['，', ',', '　']).collect();
    parts.len() == 2
        && parts.iter().all(|p| {
            (2..=10).contains(&p.chars().count())
                && p.chars().all(|c| is_han(c) || c.is_alphanumeric())
        })
}

/// `；` `，` `：` with the spaces beside them dropped.
pub(super) fn unspace_marks(t: &str) -> String {
    let cs: Vec<char> = t.chars().collect();
    let mark = |c: Option<&char>| c.is_some_and(|c| "，。；：！？、".contains(*c));
    cs.iter()
        .enumerate()
        .filter(|&(k, &c)| {
            c != ' ' || !(mark(k.checked_sub(1).and_then(|j| cs.get(j))) || mark(cs.get(k + 1)))
        })
        .map(|(_, &c)| c)
        .collect()
}

/// A warning about the whole article, reported at line 1.
pub(super) fn warn(notes: &mut Vec<Note>, message: &str) {
    notes.push(Note {
        line: 1,
        kind: NoteKind::Warning,
        message: message.to_string(),
    });
}
