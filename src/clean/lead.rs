//! The lead (导语): the paragraphs a feature sets under its headline block,
//! before its first section head. OCR gives no sign of the lead's other
//! type, so only its place and the article's shape tell it: a feature with
//! a kicker, a deck and a byline, two or more section heads (one of them
//! numbered 一、), and one to three paragraphs before the first head. A news
//! item's first paragraphs are its body, and stay there. A paragraph that
//! says it is one (导语：, 【导语】) is the lead wherever the article has it
//! first.

use super::shape::enumerator;
use super::{Article, Block, Note, NoteKind};

/// Paragraphs before the first head that can still be a lead.
const MOST: usize = 3;

/// The text after a 导语 label, if the paragraph starts with one.
fn labelled(p: &str) -> Option<&str> {
    ["【导语】", "【導語】", "导语：", "導語：", "导语:", "導語:"]
        .iter()
        .find_map(|l| p.strip_prefix(l))
        .map(str::trim_start)
}

/// How many paragraphs open the body before its first head, if the article
/// has a feature's shape.
fn feature_lead(art: &Article) -> usize {
    if art.serial.is_some() || art.kicker.is_none() || art.deck.is_none() || art.byline.is_none() {
        return 0;
    }
    let heads: Vec<&str> = art
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Head(h) => Some(h.as_str()),
            Block::Para(_) => None,
        })
        .collect();
    let numbered = heads
        .iter()
        .any(|h| enumerator(h) && h.chars().nth(1) == Some('、'));
    let before = art
        .blocks
        .iter()
        .take_while(|b| matches!(b, Block::Para(_)))
        .count();
    if heads.len() >= 2 && numbered && (1..=MOST).contains(&before) {
        before
    } else {
        0
    }
}

/// A head opening the body of a feature whose numbered heads start with
/// 一、 after one to three paragraphs is no section head: the first of
/// them would be numbered too. It is the headline's second line, which
/// the OCR read as a block of its own under the byline (一份十二元的午饭 /
/// 能走多远): joined to a headline of one phrase, with a note.
fn headline_rest(art: &mut Article, notes: &mut Vec<Note>) {
    let feature = art.serial.is_none()
        && art.byline.is_some()
        && (art.kicker.is_some() || art.deck.is_some());
    if !feature || art.title.is_empty() || art.title.contains('\u{3000}') {
        return;
    }
    let Some(Block::Head(h)) = art.blocks.first() else {
        return;
    };
    let before = art.blocks[1..]
        .iter()
        .take_while(|b| matches!(b, Block::Para(_)))
        .count();
    let next_numbered =
        matches!(art.blocks.get(1 + before), Some(Block::Head(n)) if n.starts_with("一、"));
    if enumerator(h) || h.chars().count() > 12 || !(1..=MOST).contains(&before) || !next_numbered {
        return;
    }
    let rest = h.clone();
    art.blocks.remove(0);
    art.title = format!("{}\u{3000}{rest}", art.title);
    notes.push(Note {
        line: 1,
        kind: NoteKind::Moved,
        message: format!(
            "headline: its second line, read under the byline as an unnumbered head before the first numbered one: {rest}"
        ),
    });
}

/// Moves the lead out of the body into `art.lead`, with a note.
pub(super) fn take(art: &mut Article, notes: &mut Vec<Note>) {
    headline_rest(art, notes);
    let label = match art.blocks.first() {
        Some(Block::Para(p)) => labelled(p).map(str::to_string),
        _ => None,
    };
    let (n, first) = match label {
        Some(text) => (1, Some(text)),
        None => (feature_lead(art), None),
    };
    if n == 0 {
        return;
    }
    let mut paras: Vec<String> = art
        .blocks
        .drain(..n)
        .map(|b| match b {
            Block::Para(p) | Block::Head(p) => p,
        })
        .collect();
    if let Some(text) = first {
        paras[0] = text;
    }
    notes.push(Note {
        line: 1,
        kind: NoteKind::Moved,
        message: format!(
            "lead (导语): the {n} paragraph(s) under the headline block, before the first section head"
        ),
    });
    art.lead = Some(paras.join("\n\n"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feature(blocks: Vec<Block>) -> Article {
        Article {
            title: "题".into(),
            kicker: Some("引".into()),
            deck: Some("副".into()),
            byline: Some("本报记者 某".into()),
            blocks,
            ..Article::default()
        }
    }

    fn p(s: &str) -> Block {
        Block::Para(s.into())
    }

    fn h(s: &str) -> Block {
        Block::Head(s.into())
    }

    #[test]
    fn a_features_opening_paragraphs() {
        let mut a = feature(vec![
            p("甲。"),
            p("乙。"),
            h("一、起"),
            p("丙。"),
            h("二、落"),
            p("丁。"),
        ]);
        take(&mut a, &mut Vec::new());
        assert_eq!(a.lead.as_deref(), Some("甲。\n\n乙。"));
        assert_eq!(a.blocks.len(), 4);
    }

    #[test]
    fn news_keeps_its_opening() {
        // No deck: a news item's first paragraph is body.
        let mut a = feature(vec![p("甲。"), h("一、起"), p("丙。"), h("二、落")]);
        a.deck = None;
        take(&mut a, &mut Vec::new());
        assert_eq!(a.lead, None);
        // Heads not numbered, or only one head: body.
        let mut a = feature(vec![p("甲。"), h("起"), p("丙。"), h("落")]);
        take(&mut a, &mut Vec::new());
        assert_eq!(a.lead, None);
        let mut a = feature(vec![p("甲。"), h("一、起"), p("丙。")]);
        take(&mut a, &mut Vec::new());
        assert_eq!(a.lead, None);
    }

    #[test]
    fn a_headlines_second_line_read_under_the_byline() {
        let mut a = feature(vec![
            h("能走多远"),
            p("甲。"),
            p("乙。"),
            h("一、起"),
            p("丙。"),
            h("二、落"),
        ]);
        take(&mut a, &mut Vec::new());
        assert_eq!(a.title, "题\u{3000}能走多远");
        assert_eq!(a.lead.as_deref(), Some("甲。\n\n乙。"));
        // Heads not numbered: the first one is a head like the others.
        let mut a = feature(vec![h("能走多远"), p("甲。"), h("起"), p("丙。")]);
        take(&mut a, &mut Vec::new());
        assert_eq!((a.title.as_str(), a.blocks.len()), ("题", 4));
    }

    #[test]
    fn a_labelled_lead() {
        let mut a = feature(vec![p("【导语】 甲。"), p("乙。")]);
        a.kicker = None;
        take(&mut a, &mut Vec::new());
        assert_eq!(a.lead.as_deref(), Some("甲。"));
        assert_eq!(a.blocks, vec![p("乙。")]);
    }
}
