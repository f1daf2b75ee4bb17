//! Hanging punctuation where needed (`hanging = "needed"`, the default):
//! after compression (推入), before letter spacing wider than about 0.05 em,
//! a lone last character or a prohibited break; only ，。、 and, where the
//! scheme sets them at the em's start, ；：？！.

use super::tests::{BASIC, EM, Opts, lines_of, lv, params, shape, shape_in, spacing_figures};
use super::*;
use crate::model::Scheme;

const NEEDED: Opts = Opts {
    hanging: Hanging::Needed,
    ..BASIC
};

/// The lines of `text` at `chars` ems with a two-em indent when `indent`,
/// each with whether its last mark hangs.
fn hung(text: &str, chars: usize, o: Opts) -> Vec<(String, bool)> {
    let p = shape(text, o.scheme);
    let m = Pt(EM * chars as f64);
    let measure = move |_| m;
    let lines = break_paragraph(&p.items, &params(o, &measure));
    let text_of = |l: &Line| -> String {
        l.items
            .clone()
            .map(|i| &p.text[p.info[i].text.start as usize..p.info[i].text.end as usize])
            .collect()
    };
    lines.iter().map(|l| (text_of(l), l.hang)).collect()
}

fn owned(lines: &[(&str, bool)]) -> Vec<(String, bool)> {
    lines.iter().map(|&(t, h)| (t.to_string(), h)).collect()
}

#[test]
fn a_first_line_hangs_its_mark_rather_than_being_spaced() {
    // Eleven characters after the indent, a comma twelfth, nothing to
    // compress: the comma hangs; without hanging the line is spaced by
    // 1/11 em and a character goes down.
    let text = "窗外的雨声忽然大了起来，屋檐下的水滴落个不停。";
    let o = Opts {
        indent: 2.0,
        ..NEEDED
    };
    assert_eq!(
        hung(text, 13, o),
        owned(&[
            ("窗外的雨声忽然大了起来，", true),
            ("屋檐下的水滴落个不停。", false)
        ])
    );
    let never = Opts {
        hanging: Hanging::Never,
        ..o
    };
    assert_eq!(
        lines_of(text, 13, never),
        ["窗外的雨声忽然大了起", "来，屋檐下的水滴落个不停。"]
    );
}

#[test]
fn compression_comes_before_hanging() {
    // The inner comma compresses (推入) to take the last one along: no hang.
    // Hanging "always" hangs it instead, for free.
    let text = "一二三，四五六七八九，十甲乙丙";
    let want = [("一二三，四五六七八九，", false), ("十甲乙丙", false)];
    assert_eq!(hung(text, 10, NEEDED), owned(&want));
    let always = Opts {
        hanging: Hanging::Always,
        ..BASIC
    };
    assert!(hung(text, 10, always)[0].1, "always: the comma hangs");
}

#[test]
fn slight_spacing_comes_before_hanging() {
    // Thirty characters a line: pushing one character out spaces the line
    // by 1/28 em, below 0.05 em, which is kept rather than hanging.
    let han: String = "一二三四五六七八九十".repeat(3).chars().take(29).collect();
    let text = format!("{han}甲，乙丙丁");
    let lines = hung(&text, 30, NEEDED);
    assert_eq!(lines[0], (han, false));
    // At thirteen the same push would space by 1/11 em: the comma hangs.
    let text = "一二三四五六七八九十甲乙丙，丁戊";
    assert_eq!(
        hung(text, 13, NEEDED),
        owned(&[("一二三四五六七八九十甲乙丙，", true), ("丁戊", false)])
    );
}

#[test]
fn hanging_avoids_a_lone_last_character() {
    // Eleven characters and a stop after the indent: one line, the stop
    // hung, rather than 敲。 alone or a line spaced by 0.2 em.
    let text = "謱年菻她摺烜不重的葤敲。";
    let o = Opts {
        indent: 2.0,
        scheme: Scheme::Centred,
        ..NEEDED
    };
    assert_eq!(hung(text, 13, o), owned(&[(text, true)]));
}

#[test]
fn which_marks_hang() {
    // ；？ stand at the em's start under quanjiao (Simplified Chinese) and
    // hang there; centred they do not, and a character goes down instead.
    for (mark, scheme, hangs) in [
        ('，', Scheme::Quanjiao, true),
        ('；', Scheme::Quanjiao, true),
        ('？', Scheme::Quanjiao, true),
        ('，', Scheme::Centred, true),
        ('；', Scheme::Centred, false),
        ('）', Scheme::Quanjiao, false),
    ] {
        let text = format!("一二三四五六七八九十甲乙丙{mark}丁戊");
        let o = Opts { scheme, ..NEEDED };
        let lines = hung(&text, 13, o);
        assert_eq!(lines[0].1, hangs, "{mark} {scheme:?}: {lines:?}");
    }
}

#[test]
fn a_hung_mark_stands_within_half_an_em_of_the_measure() {
    // Whatever the scheme, the hung mark is set at half width: a centred
    // one loses its blank before too, clear of a column rule in the
    // gutter's middle. The rest of the line ends on the measure.
    for scheme in [Scheme::Quanjiao, Scheme::Centred] {
        let p = shape("一二三四五六七八九十甲乙丙，丁戊", scheme);
        let m = Pt(EM * 13.0);
        let measure = move |_| m;
        let o = Opts { scheme, ..NEEDED };
        let lines = break_paragraph(&p.items, &params(o, &measure));
        let first = &lines[0];
        assert!(first.hang && (first.width.0 - m.0).abs() < EPSILON);
        let mark = first.positions(&p.items).last().expect("a mark");
        let item = &p.items[mark.index];
        let ink = mark.origin + item.blank_before;
        let ink_end = ink + item.width - item.blank_before - item.blank_after;
        assert!(
            (ink.0 - m.0).abs() < EPSILON,
            "{scheme:?}: ink from {ink:?}"
        );
        assert!(
            ink_end.0 <= m.0 + EM / 2.0 + EPSILON,
            "{scheme:?}: to {ink_end:?}"
        );
    }
}

#[test]
fn hanging_where_needed_keeps_zh_hans_first_lines_unspaced() {
    // The letter-spacing policy's figures at 13 characters with the indent,
    // on paragraphs mixed from sixteen sentences (two of which, repeated a
    // dozen times, must be spaced: 敲门|声—— and 一句|“等我 in strict
    // zh-Hans): hanging takes the share from 2.1% to 1.2%. On the 40,000
    // characters gen-serial.py writes, 2.01% → 0.76% (README).
    let text = include_str!("../../tools/sentences/zh-Hans.txt");
    let o = Opts {
        indent: 2.0,
        ..lv(Prohibition::Strict)
    };
    let (lines, never, _, _) = spacing_figures(text, o);
    let needed = Opts {
        hanging: Hanging::Needed,
        ..o
    };
    let (lines2, spaced, widest, lone) = spacing_figures(text, needed);
    assert!(
        never as f64 / lines as f64 > 0.02,
        "never: {never} of {lines}"
    );
    assert!(
        spaced as f64 / lines2 as f64 <= 0.013 && lone == 0 && widest <= 0.1 + 1e-9,
        "needed: {spaced} of {lines2}, widest {widest:.3} em, {lone} lone"
    );
}

const RULED: Opts = Opts {
    hanging: Hanging::NeededAtStart,
    ..BASIC
};

#[test]
fn in_a_ruled_gutter_a_mark_at_the_ems_start_hangs_where_needed() {
    // The one-character ruled gutter: a Simplified ，。、；：！ hangs as in
    // an open gutter (its ink ends a fifth of an em or more before the
    // rule); ？, nearly half an em wide, never does.
    for (mark, hangs) in [
        ('，', true),
        ('。', true),
        ('；', true),
        ('！', true),
        ('？', false),
    ] {
        let text = format!("一二三四五六七八九十甲乙丙{mark}丁戊");
        let o = Opts {
            scheme: Scheme::Quanjiao,
            ..RULED
        };
        let lines = hung(&text, 13, o);
        assert_eq!(lines[0].1, hangs, "{mark}: {lines:?}");
    }
}

#[test]
fn in_a_ruled_gutter_a_centred_mark_hangs_rather_than_a_line_be_visibly_spaced() {
    // Centred, the hung comma's ink comes within about a sixth of an em of
    // the rule: it hangs rather than the line be spaced by 1/12 em, which
    // a reader sees...
    let o = Opts {
        scheme: Scheme::Centred,
        ..RULED
    };
    let text = "一二三四五六七八九十甲乙丙，丁戊";
    assert_eq!(
        hung(text, 13, o),
        owned(&[("一二三四五六七八九十甲乙丙，", true), ("丁戊", false)])
    );
    // ...but not where compressing a mark inside the line (推入) fits it.
    let text = "一二，三四五六七八九十甲乙，丁戊";
    assert_eq!(
        hung(text, 13, o),
        owned(&[("一二，三四五六七八九十甲乙，", false), ("丁戊", false)])
    );
    // Where a lone last character is the alternative, it hangs too.
    let text = "謱年菻她摺烜不重的葤敲。";
    let o = Opts { indent: 2.0, ..o };
    assert_eq!(hung(text, 13, o), owned(&[(text, true)]));
    // A plain hang (a mark at its em's start) is cheaper still.
    const { assert!(demerits::HANGING_LINE < demerits::CROWDED_HANG) };
}

#[test]
fn an_ellipsis_never_starts_a_line_while_spacing_can_avoid_it() {
    // Ten characters after the indent and a ……: the basic level allows
    // …… to start a line, but it is the last resort; two characters go
    // down with it and the first line is spaced (by 2/11 em).
    let text = "了杅的下不杸同了彼上……昏的了重了笛倒溆了說琂，了重瘭。";
    let o = Opts {
        indent: 2.0,
        scheme: Scheme::Centred,
        ..RULED
    };
    let lines = lines_of(text, 13, o);
    assert!(lines.iter().all(|l| !l.starts_with('…')), "{lines:?}");
    assert_eq!(lines[0], "了杅的下不杸同了彼");
}

#[test]
fn a_visibly_spaced_line_costs_more_than_a_compressed_last_line_with_its_stop_hung() {
    // Eleven characters after the indent, then fifteen with 、 and ， and a
    // closing 。: the second line can take all fifteen with its two marks
    // compressed and its 。 hung, or leave two characters to a third line
    // and be spaced by 1/11 em, which a reader sees (over 0.05 em). The
    // square of the spacing alone priced the spaced line (about 16,500)
    // above the hang and the compression of a paragraph's last line
    // (5,000 and 12,100) by too little; the visible step takes the hang.
    let text = "信了了灯起倌巫傉阢了了一、的珰咁被，熌起睡经的撴从。";
    let o = Opts {
        indent: 2.0,
        hanging: Hanging::Needed,
        ..lv(Prohibition::Strict)
    };
    assert_eq!(
        hung(text, 13, o),
        owned(&[
            ("信了了灯起倌巫傉阢了了", false),
            ("一、的珰咁被，熌起睡经的撴从。", true)
        ])
    );
}

#[test]
fn a_stretched_line_opens_its_pair_only_past_spacing_too_slight_to_see() {
    // 一…说 (8 ems), ：“ compressed to 1.5, 八九十: 12.5 ems, eleven gaps
    // between characters. Short of its measure by less than eleven times
    // QUIET_SPACING_EM, the line is letter-spaced that slightly and the
    // pair stays compressed (at two ems it leaves a hole); further short,
    // the pair opens to full width before the spacing can be seen.
    let p = shape("一二三四五六七说：“八九十。”", Scheme::Quanjiao);
    let k = p.items.iter().position(|i| i.first == '十').unwrap() + 1;
    let set = |ems: f64| {
        let m = Pt(EM * ems);
        let measure = move |_| m;
        let line = justify(&p.items, 0..k, Pt::ZERO, m, &params(BASIC, &measure));
        assert!((line.width.0 - m.0).abs() < EPSILON, "{:?}", line.width);
        (line.adjust.pair, line.adjust.inter.0 / EM)
    };
    let (pair, inter) = set(12.8);
    assert_eq!(pair, 0.0);
    assert!((inter - 0.3 / 11.0).abs() < 1e-9, "{inter}");
    let (pair, inter) = set(13.0);
    assert!((pair - 0.06 / 0.5).abs() < 1e-9, "{pair}");
    assert!((inter - demerits::QUIET_SPACING_EM).abs() < 1e-9, "{inter}");
    let (pair, inter) = set(13.5);
    assert_eq!(pair, 1.0);
    assert!((inter - 0.5 / 11.0).abs() < 1e-9, "{inter}");
    assert!(inter <= demerits::VISIBLE_SPACING_EM);
}

#[test]
fn a_line_compresses_its_pair_rather_than_open_it() {
    // Compression (推入) is cheaper than a pair at full width again: a
    // two-line paragraph whose first line can take one more character
    // with its marks compressed does so rather than push it out and open
    // ：“ to two ems.
    let text = "他说：“明天（星期六）再来。”她点点头，没有回答。";
    let o = Opts {
        indent: 2.0,
        ..lv(Prohibition::Strict)
    };
    assert_eq!(lines_of(text, 13, o)[0], "他说：“明天（星期六）再");
}

#[test]
fn wide_spacing_ranks_between_a_crowded_hang_and_a_lone_last_character() {
    // Where nothing else works: a centred mark hung into a ruled gutter,
    // then spacing wider than 0.1 em, and only then a lone last character
    // (which the gates refuse).
    const { assert!(demerits::CROWDED_HANG < demerits::WIDE_SPACING) };
    const { assert!(demerits::WIDE_SPACING < demerits::LONE_CHARACTER) };
}

#[test]
fn an_upright_vertical_mark_hangs_in_part_rather_than_a_line_be_spaced() {
    // Vertical Simplified ；, upright, runs most of its em down: it cannot
    // hang whole (its ink would reach 0.73 em past the measure), but set
    // at half width its ink reaches 0.29 em past, as a hung horizontal
    // mark's does. So the line compresses its comma and takes 乙； with the
    // ； hanging in part, where it pushed 乙； out and was spaced by 1/11 em.
    let text = "一二三，四五六七八九十甲乙；丙丁戊己庚辛";
    let m = Pt(EM * 13.0);
    let measure = move |_| m;
    let p = shape_in(text, Scheme::Quanjiao, true);
    let first_line = |hanging| {
        let o = Opts {
            hanging,
            ..lv(Prohibition::Strict)
        };
        let lines = break_paragraph(&p.items, &params(o, &measure));
        let l = lines[0].clone();
        let t: String = l.items.clone().map(|i| p.items[i].last).collect();
        (t, l)
    };
    let (t, l) = first_line(Hanging::Needed);
    assert_eq!(t, "一二三，四五六七八九十甲乙；");
    assert!(l.adjust.half_hung && !l.hang, "{:?}", l.adjust);
    assert!((l.width.0 - m.0).abs() < EPSILON, "{:?}", l.width);
    let semi = &p.items[l.items.end - 1];
    assert!(semi.hang_end > semi.end_blank && semi.hang_end.0 <= EM / 2.0 + 1e-9);
    let (t, l) = first_line(Hanging::Never);
    assert_ne!(t, "一二三，四五六七八九十甲乙；");
    assert!(!l.adjust.half_hung);
}
