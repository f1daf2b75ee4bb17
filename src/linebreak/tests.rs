//! Table-driven checks of the breaker on synthetic items: 10 pt em, every
//! CJK character one em, punctuation with a half-em blank.

use super::classes::{PunctClass, punct_class};
use super::*;
use crate::resolve::Prohibition;

const EM: f64 = 10.0;

fn items(text: &str) -> Vec<Item> {
    text.chars()
        .map(|c| {
            let class = punct_class(c);
            Item {
                width: Pt(EM),
                first: c,
                last: c,
                end_compress: match class {
                    Some(PunctClass::Closing | PunctClass::Stop | PunctClass::Pause) => {
                        Pt(EM / 2.0)
                    }
                    _ => Pt::ZERO,
                },
                start_compress: Pt::ZERO,
                ideographic: crate::script::is_ideographic(c),
                gap: Gap {
                    natural: Pt::ZERO,
                    stretch: Pt(EM / 4.0),
                    shrink: Pt::ZERO,
                    kind: GapKind::InterChar,
                    breakable: true,
                },
            }
        })
        .collect()
}

fn lines_of(text: &str, chars: usize, level: Prohibition) -> (Vec<String>, Vec<Line>) {
    let its = items(text);
    let measure = move |_| Pt(EM * chars as f64);
    let p = Params {
        measure: &measure,
        first_indent: Pt::ZERO,
        prohibition: level,
        justify: true,
    };
    let lines = break_paragraph(&its, &p);
    let chars: Vec<char> = text.chars().collect();
    let strs = lines
        .iter()
        .map(|l| chars[l.items.clone()].iter().collect())
        .collect();
    (strs, lines)
}

fn assert_justified(lines: &[Line], chars: usize) {
    for l in &lines[..lines.len() - 1] {
        assert!((l.width.0 - EM * chars as f64).abs() < EPSILON, "{l:?}");
    }
}

#[test]
fn han_lines_fill_the_grid_exactly() {
    let text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳";
    let (s, lines) = lines_of(text, 13, Prohibition::Strict);
    assert_eq!(
        s,
        ["一二三四五六七八九十甲乙丙", "丁戊己庚辛壬癸子丑寅卯辰巳"]
    );
    assert_justified(&lines, 13);
    // A pure Han line at exactly N characters needs no spacing at all.
    let pos: Vec<Pt> = lines[0].positions(&items(text)).map(|(_, p)| p).collect();
    assert_eq!(pos[12], Pt(120.0));
}

#[test]
fn table_of_prohibitions() {
    // (text, column, level, lines expected)
    let cases: &[(&str, usize, Prohibition, &[&str])] = &[
        // A comma would start line 2; the line cannot take it even at half
        // width, so a character moves down with it (推出).
        (
            "一二三四五六七八九十甲乙丙，丁戊己庚",
            13,
            Prohibition::Basic,
            &["一二三四五六七八九十甲乙", "丙，丁戊己庚"],
        ),
        // A comma that ends the line exactly stays.
        (
            "一二三四五六七八九十甲乙，丙丁戊己",
            13,
            Prohibition::Basic,
            &["一二三四五六七八九十甲乙，", "丙丁戊己"],
        ),
        // With no prohibition the comma may start the line.
        (
            "一二三四五六七八九十甲乙丙，丁戊己庚",
            13,
            Prohibition::None,
            &["一二三四五六七八九十甲乙丙", "，丁戊己庚"],
        ),
        // An opening quote would end line 1: it moves down.
        (
            "一二三四五六七八九十甲乙“丙丁”戊己",
            13,
            Prohibition::Basic,
            &["一二三四五六七八九十甲乙", "“丙丁”戊己"],
        ),
        // 。」 both closing: both pushed, or the pair moves with a character.
        (
            "一二三四五六七八九十甲乙丙。」丁戊己",
            13,
            Prohibition::Basic,
            &["一二三四五六七八九十甲乙", "丙。」丁戊己"],
        ),
        // —— never splits, and under strict does not start a line.
        (
            "一二三四五六七八九十甲乙——丙丁戊",
            13,
            Prohibition::Strict,
            &["一二三四五六七八九十甲", "乙——丙丁戊"],
        ),
        (
            "一二三四五六七八九十甲乙丙……丁",
            13,
            Prohibition::Basic,
            &["一二三四五六七八九十甲乙", "丙……丁"],
        ),
    ];
    for (text, n, level, want) in cases {
        let (got, lines) = lines_of(text, *n, *level);
        assert_eq!(&got, want, "{text} at {level:?}");
        assert_justified(&lines, *n);
        assert!(
            lines.iter().all(|l| l.width.0 <= EM * *n as f64 + EPSILON),
            "{text}: overfull"
        );
    }
}

#[test]
fn no_lone_character_on_the_last_line() {
    let (s, lines) = lines_of("一二三四五六七八九十甲乙丙丁", 13, Prohibition::Strict);
    assert_eq!(s.last().unwrap().chars().count(), 2, "{s:?}");
    assert_justified(&lines, 13);
}

#[test]
fn first_line_indent_counts_against_the_measure() {
    let its = items("一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯");
    let measure = |_| Pt(130.0);
    let p = Params {
        measure: &measure,
        first_indent: Pt(20.0),
        prohibition: Prohibition::Strict,
        justify: true,
    };
    let lines = break_paragraph(&its, &p);
    assert_eq!(lines[0].items, 0..11);
    assert_eq!(lines[0].positions(&its).next().unwrap().1, Pt(20.0));
}
