//! The breaker on real shaping (bundled fonts, 10 pt, one em = 10 pt): one
//! case per rule of CLREQ §1–5 and §8, each checked for its lines and for
//! the invariants every paragraph must keep.

use std::sync::OnceLock;

use super::*;
use crate::model::Lang;
use crate::model::punct::{may_end_line, may_start_line};
use crate::model::{Align, ParaStyle, Role, Scheme};
use crate::resolve::{FontBook, Run, load_layout};
use crate::shape::{Fallbacks, ShapedPara, Shaper, shape_para};

pub(super) const EM: f64 = 10.0;

pub(super) fn book() -> &'static (FontBook, ParaStyle) {
    static BOOK: OnceLock<(FontBook, ParaStyle)> = OnceLock::new();
    BOOK.get_or_init(|| {
        let layout = load_layout("feature", None).unwrap();
        let mut book = FontBook::new(&[], false).unwrap();
        let roles = book.resolve_roles(&layout).unwrap();
        let style = ParaStyle {
            role: Role::Body,
            font: roles["song"].cjk,
            strong_font: roles["hei_bold"].cjk,
            latin_font: roles["song"].latin,
            strong_latin_font: roles["hei_bold"].latin,
            scheme: Scheme::Quanjiao,
            tate_chu_yoko: 3,
            upright_max: 1,
            han_latin_max: 1.0 / 3.0,
            size: Pt(EM),
            align: Align::Justify,
            lines: 1,
            space_before: 0,
            space_after: 0,
            inset: 0,
            indent: 0,
            min_scale: 1.0,
        };
        (book, style)
    })
}

pub(super) fn shape(text: &str, scheme: Scheme) -> ShapedPara {
    shape_in(text, scheme, false)
}

/// [`shape`], in a vertical line where `vertical`.
pub(super) fn shape_in(text: &str, scheme: Scheme, vertical: bool) -> ShapedPara {
    let (book, style) = book();
    let mut style = style.clone();
    style.scheme = scheme;
    let mut shaper = Shaper::new(book, &Lang::default(), Fallbacks::default()).vertical(vertical);
    let para = crate::resolve::Para {
        style,
        runs: vec![Run {
            text: text.into(),
            emphasis: false,
            strong: false,
            loc: Default::default(),
        }],
    };
    shape_para(&mut shaper, &para)
}

#[derive(Clone, Copy)]
pub(super) struct Opts {
    pub level: Prohibition,
    pub scheme: Scheme,
    pub hanging: Hanging,
    pub greedy: bool,
    pub indent: f64,
}

pub(super) const BASIC: Opts = Opts {
    level: Prohibition::Basic,
    scheme: Scheme::Quanjiao,
    hanging: Hanging::Never,
    greedy: false,
    indent: 0.0,
};

pub(super) fn params<'a>(o: Opts, measure: &'a dyn Fn(usize) -> Pt) -> Params<'a> {
    Params {
        measure,
        first_indent: Pt(o.indent * EM),
        prohibition: o.level,
        justify: true,
        hanging: o.hanging,
        compress_line_start: false,
        breaking: if o.greedy {
            Breaking::Greedy
        } else {
            Breaking::TotalFit
        },
        flush_short: false,
    }
}

/// Lines as text (a hyphenated line shows its hyphen), after checking the
/// invariants: no prohibited mark at a line start or end, no overfull line,
/// every non-final line exactly on the measure.
pub(super) fn lines_of(text: &str, chars: usize, o: Opts) -> Vec<String> {
    let p = shape(text, o.scheme);
    let m = Pt(EM * chars as f64);
    let measure = move |_| m;
    let lines = break_paragraph(&p.items, &params(o, &measure));
    let mut out = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        let first = &p.items[l.items.start];
        let last = &p.items[l.items.end - 1];
        if k > 0 {
            assert!(
                may_start_line(first.first, o.level),
                "{text}: line {k} starts with {}",
                first.first
            );
        }
        if !l.last {
            assert!(
                may_end_line(last.last, o.level),
                "{text}: line {k} ends with {}",
                last.last
            );
            assert!(
                (l.width.0 - m.0).abs() < EPSILON,
                "{text}: line {k} is {:?}, measure {m:?}",
                l.width
            );
        }
        assert!(
            l.width.0 <= m.0 + EPSILON,
            "{text}: line {k} overfull: {:?}",
            l.width
        );
        let mut s = String::new();
        for i in l.items.clone() {
            s.push_str(&p.text[p.info[i].text.start as usize..p.info[i].text.end as usize]);
            if i + 1 < l.items.end && p.items[i].gap.kind == GapKind::WordSpace {
                s.push(' ');
            }
        }
        if l.hyphen {
            s.push('-');
        }
        out.push(s);
    }
    out
}

pub(super) const fn lv(level: Prohibition) -> Opts {
    Opts { level, ..BASIC }
}

const fn scheme(scheme: Scheme) -> Opts {
    Opts { scheme, ..BASIC }
}

const H9: &str = "一二三四五六七八九";
const H10: &str = "一二三四五六七八九十";

/// One case per rule beyond the classes of §2: (rule, text, characters per
/// line, options, expected lines). One row a case, so the table reads as one.
#[rustfmt::skip]
const RULES: &[(&str, &str, usize, Opts, &[&str])] = &[
    ("none: a comma may start a line", "一二三四五六七八九十，甲乙丙", 10, lv(Prohibition::None), &[H10, "，甲乙丙"]),
    ("none: an opening quote may end a line", "一二三四五六七八九“甲乙丙丁”", 10, lv(Prohibition::None), &["一二三四五六七八九“", "甲乙丙丁”"]),
    ("basic: —— starts a line only as the last resort: a line spaced by 1/8 em first", "一二三四五六七八九十——甲乙", 10, lv(Prohibition::Basic), &[H9, "十——甲乙"]),
    ("basic: a line spaced by 1/11 em rather than —— at a line start", "一二三四五六七八九十甲乙丙——丁戊", 13, lv(Prohibition::Basic), &["一二三四五六七八九十甲乙", "丙——丁戊"]),
    ("strict: —— may not start a line", "一二三四五六七八九十——甲乙", 10, lv(Prohibition::Strict), &[H9, "十——甲乙"]),
    ("strict: …… may not start a line", "一二三四五六七八九十……甲乙", 10, lv(Prohibition::Strict), &[H9, "十……甲乙"]),
    ("—— is never split", "一二三四五六七八九——甲乙丙", 10, lv(Prohibition::None), &[H9, "——甲乙丙"]),
    ("…… is never split", "一二三四五六七八九……甲乙丙", 10, lv(Prohibition::None), &[H9, "……甲乙丙"]),
    ("basic: a solidus may start a line", "一二三四五六七八九十／甲乙", 10, lv(Prohibition::Basic), &[H10, "／甲乙"]),
    ("gb: a solidus may not start a line", "一二三四五六七八九十／甲乙", 10, lv(Prohibition::Gb), &[H9, "十／甲乙"]),
    ("a pure Han line is exactly N characters", "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑", 10, BASIC, &[H10, "甲乙丙丁戊己庚辛壬癸", "子丑"]),
    ("no lone character on the last line", "一二三四五六七八九十甲乙丙丁", 13, BASIC, &["一二三四五六七八九十甲乙", "丙丁"]),
    ("spacing over 0.1 em rather than a lone last character", "一二三四五六七八九十甲", 10, BASIC, &["一二三四五六七八九", "十甲"]),
    ("no line of punctuation alone", "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰……", 25, BASIC, &["一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅", "卯辰……"]),
    ("push-in on an earlier line rather than letter spacing", "一，二三四五六七八九十，甲乙丙丁戊己庚辛壬癸子丑寅卯。辰巳", 13, BASIC, &["一，二三四五六七八九十，甲乙", "丙丁戊己庚辛壬癸子丑寅卯。", "辰巳"]),
    ("centred: marks compress (推入) before a character is pushed out", "一二，三四，五六七八。甲乙丙", 10, scheme(Scheme::Centred), &["一二，三四，五六七八。", "甲乙丙"]),
    ("basic: —— at a line start costs more than spacing wider than 0.1 em", "一，二三四五六七八九——甲乙", 10, lv(Prohibition::Basic), &["一，二三四五六七八", "九——甲乙"]),
    ("Han–Latin gaps shrink to take a number", "这条线路开通于2014年。当时", 11, BASIC, &["这条线路开通于2014年。", "当时"]),
    ("a comma that ends a line exactly stays", "一二三四五六七八九，甲乙丙", 10, BASIC, &["一二三四五六七八九，", "甲乙丙"]),
    ("push-in: inner marks compress so a comma fits", "一二三，四五六七八九，十甲乙丙", 10, BASIC, &["一二三，四五六七八九，", "十甲乙丙"]),
    ("hanging: a comma past the measure", "一二三四五六七八九十，甲乙丙", 10, Opts { hanging: Hanging::Always, ..BASIC }, &["一二三四五六七八九十，", "甲乙丙"]),
    ("。」 at a break moves with a character", "一二三四五六七八九十。」甲乙", 10, BASIC, &[H9, "十。」甲乙"]),
    ("digits stay whole", "一二三四五六七八共12345678个", 10, BASIC, &["一二三四五六七八共", "12345678个"]),
    ("a URL stays whole", "网址https://ex.com/a/b见", 10, BASIC, &["网址", "https://ex.com/a/b见"]),
    ("an English word is hyphenated", "这是typesetting的测试和检验工作", 6, BASIC, &["这是typeset-", "ting的测试", "和检验工作"]),
    ("words break at spaces", "we set the text in columns", 8, lv(Prohibition::None), &["we set the text in", "columns"]),
    ("a compound breaks after its hyphen", "一二三四五六七八self-driving开车", 11, BASIC, &["一二三四五六七八self-", "driving开车"]),
    ("after the indent an opening quote compresses (推入) to take ！” along", "“你听说了吗？”“听说了！”两个人同时笑了。", 13, Opts { indent: 2.0, ..lv(Prohibition::Strict) }, &["“你听说了吗？”“听说了！”", "两个人同时笑了。"]),
    ("centred: after the indent 「 compresses to take ！」 along", "「你聽說了嗎？」「聽說了！」兩個人同時笑了。", 13, Opts { indent: 2.0, scheme: Scheme::Centred, ..BASIC }, &["「你聽說了嗎？」「聽說了！」", "兩個人同時笑了。"]),
    ("first-line indent of two characters", "一二三四五六七八九十甲乙丙", 10, Opts { indent: 2.0, ..BASIC }, &["一二三四五六七八", "九十甲乙丙"]),
    ("greedy fills lines first", "一二三四五六七八九十甲", 10, Opts { greedy: true, ..BASIC }, &[H10, "甲"]),
    ("kaiming: commas half width", "一二三四，五六七八，九十甲", 10, scheme(Scheme::Kaiming), &["一二三四，五六七八，九", "十甲"]),
    ("kaiming: stops full width", "一二三四。五六七八九十甲", 10, scheme(Scheme::Kaiming), &["一二三四。五六七八九", "十甲"]),
    ("banjiao: stops half width", "一二三四。五六七八。九十甲", 10, scheme(Scheme::Banjiao), &["一二三四。五六七八。九", "十甲"]),
    ("centred: marks keep their em", "一二三四，五六七八九十甲乙丙", 10, scheme(Scheme::Centred), &["一二三四，五六七八九", "十甲乙丙"]),
];

/// A case of `one_case_per_rule`.
struct Case {
    rule: String,
    text: String,
    chars: usize,
    opts: Opts,
    want: Vec<String>,
}

/// §2 by class: every closing mark moves a character down with it rather
/// than start a line; every opening mark goes down rather than end one.
fn class_cases() -> Vec<Case> {
    let closing = "，。、；：！？）」』》〉】〕”’·".chars().map(|c| Case {
        rule: format!("'{c}' does not start a line"),
        text: format!("{H10}{c}甲乙丙"),
        chars: 10,
        opts: BASIC,
        want: vec![H9.into(), format!("十{c}甲乙丙")],
    });
    let opening = "（「『《〈【〔“‘".chars().map(|c| Case {
        rule: format!("'{c}' does not end a line"),
        text: format!("{H9}{c}甲乙丙丁"),
        chars: 10,
        opts: BASIC,
        want: vec![H9.into(), format!("{c}甲乙丙丁")],
    });
    closing.chain(opening).collect()
}

#[test]
fn one_case_per_rule() {
    let mut cases = class_cases();
    cases.extend(RULES.iter().map(|&(rule, text, chars, opts, want)| Case {
        rule: rule.into(),
        text: text.into(),
        chars,
        opts,
        want: want.iter().map(|l| l.to_string()).collect(),
    }));
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| {
            let got = lines_of(&c.text, c.chars, c.opts);
            (got != c.want).then(|| {
                format!(
                    "{}: {}\n   got {got:?}\n  want {:?}",
                    c.rule, c.text, c.want
                )
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Natural width of a one-line paragraph, in ems.
fn ems(text: &str, scheme: Scheme) -> f64 {
    let p = shape(text, scheme);
    let w: f64 = p
        .items
        .iter()
        .map(|i| i.width.0 + i.gap.natural.0)
        .sum::<f64>()
        - p.items.last().unwrap().gap.natural.0;
    w / EM
}

#[test]
fn punctuation_widths_by_scheme() {
    use Scheme::*;
    let cases: &[(&str, Scheme, f64)] = &[
        // Adjacent pairs take 1.5 em under quanjiao (CLREQ §3).
        ("甲。」乙", Quanjiao, 3.5),
        ("甲，“乙”", Quanjiao, 4.5),
        ("（「甲」）", Quanjiao, 4.0),
        ("甲，乙。", Quanjiao, 4.0),
        // Kaiming: stops full, the rest half.
        ("甲，乙。", Kaiming, 3.5),
        ("甲“乙”", Kaiming, 3.0),
        // Pairs go to one em under kaiming: 。 gives up its blank.
        ("甲。」", Kaiming, 2.0),
        // Banjiao: all half.
        ("甲。乙，", Banjiao, 3.0),
        ("“甲”", Banjiao, 2.0),
        // Centred: single marks full; adjacent pairs give up half an em
        // where they meet (CLREQ §3.1.6.2).
        ("甲，乙。", Centred, 4.0),
        ("甲。」乙", Centred, 3.5),
        ("甲：「乙」", Centred, 4.5),
        ("甲」，乙", Centred, 3.5),
        ("（「甲」）", Centred, 4.0),
        ("甲？！乙", Centred, 4.0),
        ("甲——乙", Centred, 4.0),
        // CJK–Latin: a quarter em on each side of a number (CLREQ §5).
        ("共2个", Quanjiao, 2.5 + ems("2", Quanjiao)),
    ];
    for (text, scheme, want) in cases {
        let got = ems(text, *scheme);
        assert!(
            (got - want).abs() < 0.01,
            "{text} under {scheme:?}: {got} em, want {want}"
        );
    }
}

#[test]
fn centred_marks_sit_in_the_middle_of_the_em() {
    let p = shape("甲，", Scheme::Centred);
    let comma = p.glyphs[p.info[1].glyphs.start as usize];
    let plain = shape("甲，", Scheme::Quanjiao);
    let left = plain.glyphs[plain.info[1].glyphs.start as usize];
    assert!(comma.dx.0 > left.dx.0 + 2.0, "moved right: {comma:?}");
    assert_eq!(comma.dy, left.dy, "on the baseline");
}

#[test]
fn a_centred_stop_before_a_closing_bracket_stays_centred_in_half_an_em() {
    let p = shape("甲。」", Scheme::Centred);
    let alone = shape("甲。", Scheme::Centred);
    let (g, g1) = (
        p.glyphs[p.info[1].glyphs.start as usize],
        alone.glyphs[alone.info[1].glyphs.start as usize],
    );
    assert!((p.items[1].width.0 - EM / 2.0).abs() < 0.01);
    assert!(
        (g1.dx.0 - g.dx.0 - EM / 4.0).abs() < 0.01,
        "{g:?} vs {g1:?}"
    );
    // 「 after a colon: its glyph moves back by its blank half.
    let q = shape("：「甲", Scheme::Centred);
    let open = q.glyphs[q.info[1].glyphs.start as usize];
    assert!(open.dx.0 < -EM / 2.0 + 1.0, "{open:?}");
}

#[test]
fn opening_marks_lose_their_leading_blank_in_a_pair() {
    // （「: the 「 loses its leading half, its glyph moves back.
    let p = shape("（「甲", Scheme::Quanjiao);
    assert!((p.items[1].width.0 - EM / 2.0).abs() < 0.01);
    let g = p.glyphs[p.info[1].glyphs.start as usize];
    assert!(g.dx.0 < -EM / 2.0 + 1.0, "{g:?}");
}

#[test]
fn hyphenation_text_stays_whole() {
    let p = shape("internationalization", Scheme::Quanjiao);
    assert!(p.items.len() > 3, "split at hyphenation points");
    assert!(
        p.items[..p.items.len() - 1]
            .iter()
            .all(|i| i.gap.breakable && i.gap.is_hyphen())
    );
    let joined: String = p
        .info
        .iter()
        .map(|i| &p.text[i.text.start as usize..i.text.end as usize])
        .collect();
    assert_eq!(joined, "internationalization");
}

#[test]
fn explanations_name_the_rule() {
    let p = shape("一二三四五六七八九十，甲乙丙", Scheme::Quanjiao);
    let m = |_| Pt(100.0);
    let params = params(BASIC, &m);
    let lines = break_paragraph(&p.items, &params);
    let why = explain(&p.items, &lines, &params);
    assert!(why[0].contains("'，' may not start a line"), "{why:?}");
    assert_eq!(why[1], "paragraph end");
}

/// Paragraphs mixed from the measurement sentences (tools/sentences), as
/// tools/gen-serial.py mixes them: deterministic, 3–8 sentences each.
pub(super) fn mixed_paragraphs(sentences: &str, count: usize) -> Vec<String> {
    let lines: Vec<&str> = sentences.lines().filter(|l| !l.is_empty()).collect();
    let mut x: u64 = 7;
    let mut next = move || {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) as usize
    };
    (0..count)
        .map(|_| {
            let n = 3 + next() % 6;
            (0..n).map(|_| lines[next() % lines.len()]).collect()
        })
        .collect()
}

/// Letter-spaced lines of many paragraphs at 13 characters: (lines,
/// spaced by more than 0.05 em, the widest spacing in ems, lone last
/// characters).
pub(super) fn spacing_figures(sentences: &str, o: Opts) -> (usize, usize, f64, usize) {
    let m = Pt(EM * 13.0);
    let measure = move |_| m;
    let (mut lines, mut spaced, mut widest, mut lone) = (0, 0, 0.0f64, 0);
    for text in mixed_paragraphs(sentences, 300) {
        let p = shape(&text, o.scheme);
        let set = break_paragraph(&p.items, &params(o, &measure));
        for l in &set {
            let em = l.adjust.inter.0 / EM;
            lines += 1;
            spaced += (em > 0.05) as usize;
            widest = widest.max(em);
            assert!(l.width.0 <= m.0 + EPSILON, "overfull: {text}");
        }
        let last = set.last().expect("a line");
        lone += (set.len() > 1 && demerits::lone_character(&p.items[last.items.clone()])) as usize;
    }
    (lines, spaced, widest, lone)
}

#[test]
fn a_spaced_first_line_spreads_its_room_over_the_indent_too() {
    // Eleven characters after the indent and a comma twelfth: ten are set
    // and one em is spread over the nine gaps and the indent's two
    // ideographic spaces, 1/11 em each; the first character moves by two.
    let text = "窗外的雨声忽然大了起来，屋檐下的水滴落个不停。";
    let p = shape(text, Scheme::Quanjiao);
    let m = Pt(EM * 13.0);
    let measure = move |_| m;
    let o = Opts {
        indent: 2.0,
        ..lv(Prohibition::Strict)
    };
    let lines = break_paragraph(&p.items, &params(o, &measure));
    let first = &lines[0];
    assert_eq!(first.items.len(), 10, "ten characters on the first line");
    let gap = first.adjust.inter.0 / EM;
    assert!((gap - 1.0 / 11.0).abs() < 1e-6, "{gap} em a gap");
    let placed: Vec<Placed> = first.positions(&p.items).collect();
    assert!((placed[0].origin.0 - (2.0 + 2.0 * gap) * EM).abs() < 1e-6);
    assert!((first.width.0 - m.0).abs() < EPSILON);
    // Without an indent nothing moves the first character.
    let o = Opts { indent: 0.0, ..o };
    let lines = break_paragraph(&p.items, &params(o, &measure));
    assert_eq!(
        lines[0].positions(&p.items).next().map(|q| q.origin),
        Some(Pt::ZERO)
    );
}

#[test]
fn letter_spacing_policy_at_thirteen_characters() {
    // zh-Hant: centred marks, basic prohibitions; zh-Hans: full-width
    // marks, strict prohibitions. At most 3% and 1% of lines spaced,
    // none by more than 0.1 em, no lone last character.
    // Hanging where needed, the default: a first line of eleven characters
    // after the indent with a prohibited mark twelfth and no mark to
    // compress hangs that mark rather than being spaced by 1/11 em (see
    // hang_tests for the figures without it).
    let hant = Opts {
        scheme: Scheme::Centred,
        hanging: Hanging::Needed,
        ..lv(Prohibition::Basic)
    };
    let hans = Opts {
        hanging: Hanging::Needed,
        ..lv(Prohibition::Strict)
    };
    let indented = |o: Opts| Opts { indent: 2.0, ..o };
    let hant_text = include_str!("../../tools/sentences/zh-Hant.txt");
    let hans_text = include_str!("../../tools/sentences/zh-Hans.txt");
    for (name, text, o, share) in [
        ("zh-Hant", hant_text, hant, 0.03),
        ("zh-Hans", hans_text, hans, 0.01),
        ("zh-Hant, indented", hant_text, indented(hant), 0.03),
        ("zh-Hans, indented", hans_text, indented(hans), 0.013),
    ] {
        let (lines, spaced, widest, lone) = spacing_figures(text, o);
        let got = spaced as f64 / lines as f64;
        assert!(
            got <= share && widest <= 0.1 + 1e-9 && lone == 0,
            "{name}: {spaced} of {lines} lines spaced ({:.2}%), widest {widest:.3} em, {lone} lone",
            got * 100.0
        );
    }
}

/// Hyphenated lines of an English paragraph broken at `chars` ems, and
/// the share of its justified lines whose word spaces pass half an em.
fn english_figures(text: &str, chars: usize) -> (Vec<bool>, f64) {
    let p = shape(text, Scheme::Quanjiao);
    let m = Pt(EM * chars as f64);
    let measure = move |_| m;
    let lines = break_paragraph(&p.items, &params(lv(Prohibition::None), &measure));
    let hyphens = lines.iter().map(|l| l.hyphen).collect();
    let body: Vec<&Line> = lines.iter().filter(|l| !l.last).collect();
    let loose = body.iter().filter(|l| l.ratio > 1.0 + 1e-6).count();
    (hyphens, loose as f64 / body.len().max(1) as f64)
}

const LICENCE: &str = "This Font Software is licensed under the SIL Open Font License, Version 1.1. \
The goals of the Open Font License (OFL) are to stimulate worldwide development of collaborative font projects, \
to support the font creation efforts of academic and linguistic communities, and to provide a free and open \
framework in which fonts may be shared and improved in partnership with others. The OFL allows the licensed \
fonts to be used, studied, modified and redistributed freely as long as they are not sold by themselves. \
The fonts, including any derivative works, can be bundled, embedded, redistributed and/or sold with any \
software provided that any reserved names are not used by derivative works. The fonts and derivatives, \
however, cannot be released under any other type of license. The requirement for fonts to remain under this \
license does not apply to any document created using the fonts or their derivatives.";

#[test]
fn at_most_two_hyphenated_lines_in_a_row() {
    let mut pairs = 0;
    for chars in 8..=24 {
        let (hyphens, _) = english_figures(LICENCE, chars);
        let runs = hyphens.windows(3).filter(|w| w.iter().all(|&h| h)).count();
        assert_eq!(
            runs, 0,
            "{chars} ems: three hyphenated lines in a row: {hyphens:?}"
        );
        pairs += hyphens.windows(2).filter(|w| w[0] && w[1]).count();
    }
    // The cap is what stops longer runs: two in a row still happen.
    assert!(pairs > 0, "no two hyphenated lines in a row at any measure");
}

/// Lines of an English paragraph broken at `chars` ems that end with a
/// hyphen, typeset's own or the text's.
fn hyphen_ended_lines(text: &str, chars: usize) -> Vec<bool> {
    let p = shape(text, Scheme::Quanjiao);
    let m = Pt(EM * chars as f64);
    let measure = move |_| m;
    let lines = break_paragraph(&p.items, &params(lv(Prohibition::None), &measure));
    lines
        .iter()
        .map(|l| l.hyphen || (!l.last && p.items[l.items.end - 1].last == '-'))
        .collect()
}

const COMPOUNDS: &str = "Peer-to-peer file-sharing made well-known non-free programs a \
household matter: copy-paste, run-of-the-mill add-ons and second-hand co-operative \
record-keeping were part of everyday life. Ready-made, state-of-the-art, user-friendly \
follow-up tools, often built by self-taught part-time volunteers, turned up in long-term \
open-source projects whose decision-making was anything but top-down.";

#[test]
fn hard_hyphens_count_towards_hyphenated_lines_in_a_row() {
    let mut hard = 0;
    for chars in 8..=24 {
        let ends = hyphen_ended_lines(COMPOUNDS, chars);
        let runs = ends.windows(3).filter(|w| w.iter().all(|&h| h)).count();
        assert_eq!(
            runs, 0,
            "{chars} ems: three lines in a row end with a hyphen: {ends:?}"
        );
        hard += ends.iter().filter(|&&h| h).count();
    }
    // The text's own hyphens do end lines: the cap, not their absence,
    // keeps the runs short.
    assert!(hard > 20, "only {hard} lines end with a hyphen");
}

#[test]
fn few_loose_english_lines_at_thirteen_ems() {
    // Typst sets 39% of the lines of a licence text at this measure with
    // word spaces over half an em; the breaker concentrates looseness.
    let (_, loose) = english_figures(LICENCE, 13);
    assert!(loose <= 0.39, "{:.0}% of lines loose", loose * 100.0);
}

/// Total fit's pruned search (nodes skipped on a floor, lines not measured
/// twice, searches cut short past wide lines) ends with the least demerits
/// that trying every way to break the paragraph finds. Chinese text has no
/// hyphens, and every line's measure is the same, so a line's demerits
/// depend only on where it starts and ends.
#[test]
fn total_fit_finds_the_least_demerits_of_every_way_to_break() {
    let text = include_str!("../../tools/sentences/zh-Hant.txt");
    let o = Opts {
        scheme: Scheme::Centred,
        indent: 2.0,
        ..BASIC
    };
    for (k, para) in mixed_paragraphs(text, 40).iter().enumerate() {
        let chars = [13.0, 21.0, 30.0][k % 3];
        let p = shape(para, o.scheme);
        let m = Pt(EM * chars);
        let measure = move |_| m;
        let params = params(o, &measure);
        let items = &p.items;
        let lines = break_paragraph(items, &params);
        let found = total_demerits(items, &lines, &params);
        let sums = fit::Sums::new(items);
        let n = items.len();
        let mut least = vec![f64::INFINITY; n + 1];
        least[0] = 0.0;
        for b in 1..=n {
            if b < n && !allowed_break(items, b, &params) {
                continue;
            }
            for a in 0..b {
                let from = least[a];
                if !from.is_finite() {
                    continue;
                }
                if let Some(d) = demerits::line_demerits(items, &sums, a, b, 0, &params) {
                    least[b] = least[b].min(from + d);
                }
            }
        }
        assert!(
            (found - least[n]).abs() <= 1e-9 * least[n],
            "{para} at {chars} characters: total fit {found}, least {}",
            least[n]
        );
    }
}
