//! A kicker (引题) the OCR read apart from its headline block: Tesseract
//! reads a page's boxes in its own order, and a kicker's small box over a
//! headline may come out among another article's lines (城事·旧楼 between
//! two lines of one sentence of the article beside it). Such a line is
//! kept in that article as a paragraph with a warning (article.rs); when it
//! has a kicker's shape (two words parted by a middle dot), it goes to the
//! next article whose headline block has no kicker, with a note.

use super::article::Held;
use super::names::is_han;
use super::shape::kicker_shape;
use super::{Article, Block, Note, NoteKind};

fn han(t: &str) -> String {
    t.chars().filter(|&c| is_han(c)).collect()
}

/// Moves kicker-shaped lines that interrupted a sentence (`held`, from
/// article.rs) to the next article without a kicker.
pub(super) fn place(articles: &mut [Article], held: &[Held], notes: &mut Vec<Note>) {
    // Of the lines held, the kicker-shaped: input line and Han text.
    let inside: Vec<(usize, String)> = held
        .iter()
        .filter_map(|h| kicker_shape(&h.text).map(|_| (h.line, han(&h.text))))
        .collect();
    if inside.is_empty() {
        return;
    }
    for a in 0..articles.len() {
        let mut k = 0;
        while k < articles[a].blocks.len() {
            let at = match &articles[a].blocks[k] {
                Block::Para(p) if kicker_shape(p).is_some() => {
                    inside.iter().find(|(_, h)| *h == han(p))
                }
                _ => None,
            };
            let to = articles[a + 1..]
                .iter()
                .position(|t| t.kicker.is_none() && t.serial.is_none() && !t.title.is_empty());
            let (Some(&(line, _)), Some(to)) = (at, to) else {
                k += 1;
                continue;
            };
            let Block::Para(p) = articles[a].blocks.remove(k) else {
                unreachable!("matched as a paragraph above");
            };
            let kicker = kicker_shape(&p).unwrap_or(p);
            let target = &mut articles[a + 1 + to];
            notes.push(Note {
                line,
                kind: NoteKind::Moved,
                message: format!(
                    "kicker (a kicker's shape read among another article's lines): to the next headline without one, {}: {kicker}",
                    target.title
                ),
            });
            target.kicker = Some(kicker);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Article, Block, clean};
    use super::{Held, place};

    /// The lines held come as data: no warning in the notes is read, so
    /// the warning's wording cannot turn the move off.
    #[test]
    fn held_lines_are_placed_from_data_not_from_the_report() {
        let first = Article {
            title: "夜班车".into(),
            blocks: vec![
                Block::Para("零点整，车开了。".into()),
                Block::Para("城事…旧楼".into()),
            ],
            ..Article::default()
        };
        let second = Article {
            title: "六楼的电梯".into(),
            ..Article::default()
        };
        let mut articles = [first, second];
        let held = [Held {
            line: 7,
            text: "城事…旧楼".into(),
        }];
        let mut notes = Vec::new();
        place(&mut articles, &held, &mut notes);
        assert_eq!(articles[1].kicker.as_deref(), Some("城事·旧楼"));
        assert_eq!(articles[0].blocks.len(), 1);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, 7);
        // A paragraph of the same text that was not held stays.
        let mut notes = Vec::new();
        let mut articles = [articles[0].clone(), Article::default()];
        articles[0].blocks.push(Block::Para("城事…旧楼".into()));
        articles[1].title = "六楼的电梯".into();
        place(&mut articles, &[], &mut notes);
        assert_eq!(articles[1].kicker, None);
        assert!(notes.is_empty());
    }

    /// Two articles; the second's kicker read inside a sentence of the
    /// first.
    const PAGE: &str = "夜班车\n\n本报记者 林晓舟\n\n零点整，第一班车驶出总站。车厢里只有四名乘\n客，两位刚下班的餐馆服务员，一位背着画板的\n大学生。这条线路开通于二〇一四年。当时城东的新\n\nLINE\n\n区和老城之间没有任何夜间公共交通。开通夜班线\n是那一年呼声最高的一条。\n（本报记者采访整理）\n\n六楼的电梯　等了四年\n\n本报记者 罗晓岗\n\n梧桐埠十七号楼建于一九八九年，六层，没有电梯。\n住在六楼的周阿婆今年八十一岁。\n";

    #[test]
    fn a_kicker_read_inside_another_articles_sentence() {
        let c = clean(&PAGE.replace("LINE", "城事…旧楼"));
        assert_eq!(c.articles[1].kicker.as_deref(), Some("城事·旧楼"));
        assert_eq!(c.articles[0].blocks.len(), 1, "{:?}", c.articles[0].blocks);
        // Not a kicker's shape: kept in the text where it was read.
        let c = clean(&PAGE.replace("LINE", "城事旧楼"));
        assert_eq!(c.articles[1].kicker, None);
        assert_eq!(c.articles[0].blocks.len(), 2);
    }
}
