//! A serial's head the OCR read beside another article's headline, given
//! to the installment it belongs to.

use super::gather::{Item, Segment};
use super::prep::Line;
use super::shape::chapter_title;
use super::{Note, NoteKind};

/// A serial's head (连载 789 《长河灯影》 沈南星 著) that the OCR read beside
/// another article's headline is moved to the article that looks like the
/// installment (its title 第…回, no reporter's byline), with a warning.
pub(super) fn place_serial_heads(segs: &mut [Segment], lines: &[Line], notes: &mut Vec<Note>) {
    let clue = |it: &Item| {
        matches!(
            it,
            Item::Serial(..) | Item::Author(..) | Item::Installment(..)
        )
    };
    let reporter = |seg: &Segment| {
        seg.header.iter().any(|it| {
            matches!(it, Item::Byline(_, b) if ["记者", "記者", "通讯员", "通訊員"].iter().any(|r| b.contains(r)))
        })
    };
    let chapter = |seg: &Segment| {
        seg.header
            .iter()
            .any(|it| matches!(it, Item::Text(i) if chapter_title(&lines[*i].text)))
    };
    for k in 0..segs.len() {
        if !reporter(&segs[k]) || !segs[k].header.iter().any(clue) {
            continue;
        }
        let target = (0..segs.len())
            .filter(|&j| j != k && chapter(&segs[j]) && !segs[j].header.iter().any(clue))
            .min_by_key(|&j| j.abs_diff(k));
        let Some(j) = target else { continue };
        let (moved, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut segs[k].header)
            .into_iter()
            .partition(|it| clue(it));
        segs[k].header = kept;
        for it in moved.into_iter().rev() {
            if let Item::Serial(i, _) | Item::Author(i, _) | Item::Installment(i, _) = &it {
                let at = first_text(&segs[j], lines).unwrap_or(0);
                notes.push(warning(
                    lines[*i].no,
                    format!("a serial's head beside another article's headline: given to the installment titled at line {at}: check it"),
                ));
            }
            segs[j].header.insert(0, it);
        }
    }
}

/// A headline read over a serial box's own title (第…回) where the page
/// has a bylined article with no headline: that article's headline, read
/// out of its place (the OCR took it with the box under it). A newspaper
/// prints a headline over every byline, and a serial box's block is its
/// title and credits; the lines go to that article, with a warning.
/// Where no article lacks its headline they stay the box's kicker.
pub(super) fn place_stray_headlines(segs: &mut [Segment], lines: &[Line], notes: &mut Vec<Note>) {
    let untitled = |seg: &Segment| {
        !seg.header.iter().any(|it| matches!(it, Item::Text(_)))
            && seg.header.iter().any(|it| matches!(it, Item::Byline(..)))
    };
    for k in 0..segs.len() {
        let header = &segs[k].header;
        let Some(c) = header
            .iter()
            .position(|it| matches!(it, Item::Text(i) if chapter_title(&lines[*i].text)))
        else {
            continue;
        };
        let serial = header.iter().any(|it| matches!(it, Item::Serial(..)));
        let over = header[..c].iter().any(|it| matches!(it, Item::Text(_)));
        let target = (0..segs.len())
            .filter(|&j| j != k && untitled(&segs[j]))
            .min_by_key(|&j| j.abs_diff(k));
        let (true, true, Some(j)) = (serial, over, target) else {
            continue;
        };
        let moved: Vec<Item> = segs[k].header.drain(..c).collect();
        let at = byline_line(&segs[j], lines).unwrap_or(0);
        for it in &moved {
            if let Item::Text(i) = it {
                notes.push(warning(
                    lines[*i].no,
                    format!("a headline over a serial's title, where an article has a byline and no headline: given to that article (its byline at line {at}): check it"),
                ));
            }
        }
        segs[j].header.splice(0..0, moved);
    }
}

fn warning(line: usize, message: String) -> Note {
    Note {
        line,
        kind: NoteKind::Warning,
        message,
    }
}

pub(super) fn byline_line(seg: &Segment, lines: &[Line]) -> Option<usize> {
    seg.header.iter().find_map(|it| match it {
        Item::Byline(i, _) => Some(lines[*i].no),
        _ => None,
    })
}

fn first_text(seg: &Segment, lines: &[Line]) -> Option<usize> {
    seg.header.iter().find_map(Item::text).map(|i| lines[i].no)
}

/// A byline block read in the middle of a sentence of an article whose
/// headline block (two lines or more) has no byline: the rest of that
/// article's headline block, set across its columns and read by the OCR
/// after the first column (Tesseract reads a wide headline block in
/// pieces). A newspaper feature prints its byline once, under its own
/// headline; a box set into its columns has a headline of its own, or a
/// serial's credits, or opens with a dateline (those still start an
/// article): `byline`, `serial`, `news` say what the block holds and
/// whether a dateline follows it.
pub(super) fn late_byline(seg: &Segment, byline: bool, serial: bool, news: bool) -> bool {
    let texts = seg
        .header
        .iter()
        .filter(|it| matches!(it, Item::Text(_)))
        .count();
    let bylined = seg
        .header
        .iter()
        .chain(&seg.body)
        .any(|it| matches!(it, Item::Byline(..)));
    byline && !serial && !news && texts >= 2 && !bylined && !has_serial_clue(seg)
}

/// A serial (its number found) whose author is not yet known.
pub(super) fn lacks_author(seg: &Segment) -> bool {
    let credited = seg.header.iter().chain(&seg.body).any(|h| match h {
        Item::Author(..) => true,
        Item::Serial(_, s) => s.author.is_some(),
        _ => false,
    });
    has_serial_clue(seg) && !credited
}

pub(super) fn has_serial_clue(seg: &Segment) -> bool {
    seg.header.iter().chain(&seg.body).any(|h| {
        matches!(
            h,
            Item::Author(..) | Item::Serial(..) | Item::Installment(..)
        )
    })
}
