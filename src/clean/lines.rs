//! Each line's role, from its content and its neighbours. A content test
//! (furniture.rs, people.rs) proposes; the neighbours confirm: a weak
//! furniture match (a date alone, 要闻, 西岭日报) counts only beside other
//! furniture or at the top or foot of the text, a repeated line only when
//! it recurs at page intervals with page evidence, a caption runs over the
//! lines its cue and its credit bound. Anything uncertain stays text, with
//! a warning.

use super::furniture::{self, Sure};
use super::people::{self, SerialHead};
use super::prep::Line;
use super::shape::{ends_sentence, full, heading_text};
use super::{Note, NoteKind};

/// What a line is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    Blank,
    /// Taken out of the text; `closes` when it ends the article before it
    /// (a credit, an end mark, a jump line).
    Furniture {
        what: &'static str,
        closes: bool,
    },
    Byline(String),
    Source(String),
    Author(String),
    Installment(u32),
    /// A number alone: a page number, or a serial's installment number.
    Number(u32),
    Serial(SerialHead),
    /// （完）, （未完待续）: the article's last line, kept in its text; it
    /// closes the article.
    End,
    Text,
}

/// What the content alone says, before the neighbours are asked.
enum Cand {
    Sure(Role),
    Weak(&'static str),
    Caption,
    /// 第1236期: a paper's issue number, or a serial's installment.
    Issue(u32),
}

fn furniture(what: &'static str) -> Role {
    Role::Furniture {
        what,
        closes: false,
    }
}

fn candidate(l: &Line) -> Cand {
    let t = l.text.as_str();
    if t.is_empty() {
        return Cand::Sure(Role::Blank);
    }
    if furniture::is_end_mark(t) {
        return Cand::Sure(Role::End);
    }
    if let Some(closes) = furniture::jump_line(t) {
        return Cand::Sure(Role::Furniture {
            what: "jump line",
            closes,
        });
    }
    if let Some(h) = people::serial_head(t) {
        return Cand::Sure(Role::Serial(h));
    }
    if let Some(n) = people::installment(t) {
        return Cand::Sure(Role::Installment(n));
    }
    if t.len() <= 4
        && t.chars().all(|c| c.is_ascii_digit())
        && let Some(n) = people::number(t)
    {
        return Cand::Sure(Role::Number(n));
    }
    sure_furniture(t)
        .map(Cand::Sure)
        .or_else(|| caption_or_people(t))
        .unwrap_or_else(|| weak(t))
}

fn sure_furniture(t: &str) -> Option<Role> {
    if furniture::is_folio(t) {
        Some(furniture("page number"))
    } else if furniture::is_credit(t) {
        Some(Role::Furniture {
            what: "editor credit",
            closes: true,
        })
    } else if furniture::date_line(t) == Some(Sure::Strong) || furniture::issue_or_weekday(t) {
        Some(furniture("running head"))
    } else if furniture::is_imprint(t) {
        Some(furniture("imprint"))
    } else if people::photo_credit(t) == Some(0) {
        Some(furniture("photo credit"))
    } else {
        None
    }
}

fn caption_or_people(t: &str) -> Option<Cand> {
    if people::caption_start(t) {
        return Some(Cand::Caption);
    }
    if super::captions::keyed(t) {
        return Some(Cand::Sure(furniture("figure caption (its label and key)")));
    }
    if let Some(b) = people::byline(t) {
        return Some(Cand::Sure(Role::Byline(b)));
    }
    if let Some(s) = people::source(t) {
        return Some(Cand::Sure(Role::Source(s)));
    }
    people::author(t).map(|a| Cand::Sure(Role::Author(a)))
}

fn weak(t: &str) -> Cand {
    if let Some(n) = t
        .strip_prefix('第')
        .and_then(|r| r.strip_suffix('期'))
        .and_then(people::number)
    {
        return Cand::Issue(n);
    }
    if furniture::date_line(t) == Some(Sure::Weak) {
        Cand::Weak("date line")
    } else if furniture::is_masthead(t) {
        Cand::Weak("masthead")
    } else if furniture::is_section_label(t) {
        Cand::Weak("section label")
    } else if furniture::is_paper_and_section(t) {
        Cand::Weak("running head")
    } else {
        Cand::Sure(Role::Text)
    }
}

/// Every line's role and the column measure around it.
pub(super) struct Classified {
    pub roles: Vec<Role>,
    /// The typical width of a full line around each line, when the text is
    /// set in columns read line by line.
    pub measure: Vec<Option<f32>>,
}

pub(super) fn classify(lines: &[Line], notes: &mut Vec<Note>) -> Classified {
    let cands: Vec<Cand> = lines.iter().map(candidate).collect();
    let is_text: Vec<bool> = cands
        .iter()
        .zip(lines)
        .map(|(c, l)| matches!(c, Cand::Sure(Role::Text)) && l.level.is_none())
        .collect();
    let measure = super::measure::local(lines, &is_text);
    let mut roles = resolve(lines, cands, notes);
    split_numbers(lines, &mut roles, notes);
    super::captions::mark(lines, &measure, &mut roles, notes);
    super::repeats::mark(lines, &measure, &mut roles, notes);
    super::repeats::continuation_heads(lines, &measure, &mut roles);
    super::repeats::heads_read_in_columns(lines, &measure, &mut roles);
    Classified { roles, measure }
}

/// Indexes of the non-blank lines.
pub(super) fn filled(lines: &[Line]) -> Vec<usize> {
    (0..lines.len()).filter(|&i| !lines[i].is_blank()).collect()
}

/// Settles weak candidates and issue numbers by their neighbours.
fn resolve(lines: &[Line], cands: Vec<Cand>, notes: &mut Vec<Note>) -> Vec<Role> {
    let serial_near = |i: usize| {
        let lo = i.saturating_sub(6);
        cands[lo..(i + 7).min(cands.len())].iter().any(|c| {
            matches!(
                c,
                Cand::Sure(Role::Author(_) | Role::Serial(_) | Role::Installment(_))
            )
        })
    };
    let mut roles: Vec<Option<Role>> = Vec::with_capacity(cands.len());
    let mut weak = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        roles.push(match c {
            Cand::Sure(r) => Some(r.clone()),
            Cand::Caption => Some(furniture("figure label")),
            Cand::Issue(n) if serial_near(i) => Some(Role::Installment(*n)),
            Cand::Issue(_) => Some(furniture("issue number")),
            Cand::Weak(what) => {
                weak.push((i, *what));
                None
            }
        });
    }
    let idx = filled(lines);
    let pos: Vec<usize> = {
        let mut p = vec![0; lines.len()];
        for (k, &i) in idx.iter().enumerate() {
            p[i] = k;
        }
        p
    };
    // Confirm weak lines beside furniture (or confirmed weak lines) until
    // nothing changes, so a cluster of them at a page's top holds.
    let mut changed = true;
    while changed {
        changed = false;
        for &(i, what) in &weak {
            if roles[i].is_some() {
                continue;
            }
            let k = pos[i];
            let edge = k < 4 || k + 4 >= idx.len();
            let near = idx[k.saturating_sub(2)..(k + 3).min(idx.len())]
                .iter()
                .any(|&j| j != i && matches!(roles[j], Some(Role::Furniture { .. })));
            if edge || near {
                roles[i] = Some(furniture(what));
                changed = true;
            }
        }
    }
    let mut out = Vec::with_capacity(roles.len());
    for (i, r) in roles.into_iter().enumerate() {
        out.push(r.unwrap_or_else(|| {
            let what = weak.iter().find(|w| w.0 == i).map_or("furniture", |w| w.1);
            notes.push(Note {
                line: lines[i].no,
                kind: NoteKind::Warning,
                message: format!(
                    "looks like a {what} but stands alone: kept in the text: {}",
                    lines[i].text
                ),
            });
            Role::Text
        }));
    }
    out
}

/// What follows a number in a sentence (1930年, 22个, 28.6公里, 40%): a
/// line opening with one of these goes on from a number before it.
const AFTER_NUMBER: &str =
    "年月日号號个個元万萬亿億岁歲公米里次人名余餘多%％点點时時分天家户戶间間座条條位辆輛吨噸斤倍";

/// A number alone that a scan's box split off the line it stands in
/// (`…立于` / `1930` / `年颐其…`: the line before it goes on, the line
/// after it opens with a year's 年, a count's 个, a unit) is the text's,
/// not a page or installment number.
fn split_numbers(lines: &[Line], roles: &mut [Role], notes: &mut Vec<Note>) {
    let idx = filled(lines);
    for w in idx.windows(3) {
        let [b, i, a] = [w[0], w[1], w[2]];
        if !matches!(roles[i], Role::Number(_)) || roles[b] != Role::Text || roles[a] != Role::Text
        {
            continue;
        }
        let goes_on = !ends_sentence(&lines[b].text);
        let follows = lines[a]
            .text
            .starts_with(|c: char| AFTER_NUMBER.contains(c));
        if goes_on && follows {
            keep_in_text(
                &lines[i],
                &mut roles[i],
                notes,
                "a number alone inside a sentence, the next line its unit",
            );
        }
    }
}

/// A line a rule would take out of the text but is not sure of: it stays
/// text, and a warning says why it was doubted (never remove body text).
pub(super) fn keep_in_text(l: &Line, role: &mut Role, notes: &mut Vec<Note>, why: &str) {
    *role = Role::Text;
    notes.push(Note {
        line: l.no,
        kind: NoteKind::Warning,
        message: format!("{why}: kept in the text: {}", l.text),
    });
}

/// A line of text that could be a headline or head: heading-like text, and
/// not as wide as a full column line unless marked as large type.
pub(super) fn heading_like(l: &Line, measure: Option<f32>) -> bool {
    if l.level.is_some() || l.bold {
        return !ends_sentence(&l.text) && l.text.chars().count() >= 2;
    }
    // An indent, a box or a bullet marks a paragraph.
    if l.quote || l.bullet || l.indented {
        return false;
    }
    heading_text(&l.text) && measure.is_none_or(|m| !full(l.width, m) || l.width >= m + 2.0)
}
