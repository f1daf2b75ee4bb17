//! Front matter: the headline candidates gathered before an article's body,
//! and the serial clues (author credit, installment number), become the
//! title, kicker, deck and [serial] table, each move reported.

use super::inline;
use super::{Article, Note, NoteKind, Serial};

/// What was gathered before the body that may go into the front matter.
#[derive(Default)]
pub(super) struct Header {
    /// Headline candidates: input line and text, in order.
    pub heads: Vec<(usize, String)>,
    /// From an author credit (沈南星 著).
    pub author: Option<String>,
    /// From an installment number line (（789）).
    pub number: Option<u32>,
}

/// Fills the front matter from the headline candidates and serial clues.
pub(super) fn finish(art: &mut Article, header: Header, notes: &mut Vec<Note>) {
    let mut heads: Vec<(usize, String)> = header
        .heads
        .into_iter()
        .map(|(n, h)| (n, inline::repair_heading(&h).text))
        .collect();
    let mut work: Option<(usize, String)> = None;
    if header.author.is_some() || header.number.is_some() {
        work = serial(art, &mut heads, header.author, header.number, notes);
    }
    if let Some((line, w)) = &work {
        notes.push(Note {
            line: *line,
            kind: NoteKind::Moved,
            message: format!("the work's title: {w}"),
        });
    }
    titles(art, heads, notes);
}

/// A serial: takes the work's title out of the headline candidates (the one
/// in 《》, or the first line) and fills [serial]; returns the work's line.
fn serial(
    art: &mut Article,
    heads: &mut Vec<(usize, String)>,
    author: Option<String>,
    number: Option<u32>,
    notes: &mut Vec<Note>,
) -> Option<(usize, String)> {
    let pos = heads
        .iter()
        .position(|(_, h)| h.starts_with('《') && h.ends_with('》'))
        .unwrap_or(0);
    let work = (!heads.is_empty()).then(|| heads.remove(pos));
    let work_title = work.as_ref().map(|(_, w)| {
        w.trim_start_matches('《')
            .trim_end_matches('》')
            .to_string()
    });
    if work.is_none() {
        warn(
            notes,
            "serial without the work's title: fill in [serial] work".into(),
        );
    }
    let n = number.unwrap_or_else(|| {
        warn(
            notes,
            "serial without an installment number: set to 1, correct it".into(),
        );
        1
    });
    art.serial = Some(Serial {
        work: work_title.unwrap_or_default(),
        author: author.unwrap_or_default(),
        installment: n,
    });
    if heads.is_empty() {
        art.title = format!("第{n}期");
        warn(
            notes,
            format!("installment without a title: titled {}", art.title),
        );
    }
    work
}

/// The remaining candidates by count: headline; headline and deck; kicker,
/// headline and deck (the rest joined into the deck).
fn titles(art: &mut Article, mut heads: Vec<(usize, String)>, notes: &mut Vec<Note>) {
    let roles: &[&str] = match heads.len() {
        0 => &[],
        1 => &["headline"],
        2 => &["headline", "deck"],
        _ => &["kicker", "headline", "deck"],
    };
    for (k, (line, h)) in heads.iter().enumerate() {
        notes.push(Note {
            line: *line,
            kind: NoteKind::Moved,
            message: format!("{}: {h}", roles.get(k).copied().unwrap_or("deck")),
        });
    }
    match heads.len() {
        0 => {}
        1 => art.title = heads.remove(0).1,
        2 => {
            art.title = heads[0].1.clone();
            art.deck = Some(heads[1].1.clone());
        }
        _ => {
            art.kicker = Some(heads[0].1.clone());
            art.title = heads[1].1.clone();
            art.deck = Some(
                heads[2..]
                    .iter()
                    .map(|h| h.1.as_str())
                    .collect::<Vec<_>>()
                    .join(""),
            );
        }
    }
    if art.title.is_empty() {
        warn(
            notes,
            "no headline found: the title is empty, fill it in".into(),
        );
    }
}

/// A warning about the whole article, reported at line 1.
fn warn(notes: &mut Vec<Note>, message: String) {
    notes.push(Note {
        line: 1,
        kind: NoteKind::Warning,
        message,
    });
}
