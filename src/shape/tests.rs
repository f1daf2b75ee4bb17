use super::*;
use crate::model::GapKind;
use crate::model::Lang;
use crate::model::{ParaStyle, Role};
use crate::resolve::{FontBook, Para, Run, load_layout};

fn setup() -> (FontBook, ParaStyle) {
    let layout = load_layout("feature", None).unwrap();
    let mut book = FontBook::new(&[], false).unwrap();
    let roles = book.resolve_roles(&layout).unwrap();
    let style = ParaStyle {
        role: Role::Body,
        font: roles["song"].cjk,
        strong_font: roles["hei_bold"].cjk,
        latin_font: roles["song"].latin,
        strong_latin_font: roles["hei_bold"].latin,
        scheme: crate::model::Scheme::Quanjiao,
        tate_chu_yoko: 3,
        upright_max: 1,
        han_latin_max: 1.0 / 3.0,
        size: Pt(10.0),
        align: crate::model::Align::Justify,
        lines: 1,
        space_before: 0,
        space_after: 0,
        inset: 0,
        indent: 2,
        min_scale: 1.0,
    };
    (book, style)
}

/// [`setup`] with the Traditional faces loaded for `tag` (zh-TW, zh-Hant):
/// the book, the body style (still on the SC face), the language and its
/// TC Song face.
fn setup_hant(tag: &str) -> (FontBook, ParaStyle, Lang, crate::model::FontId) {
    let layout = load_layout("feature", None).unwrap();
    let (mut book, style) = setup();
    let mut roles = book.resolve_roles(&layout).unwrap();
    let hant = Lang::parse(tag).unwrap();
    roles.load_for(&mut book, &layout, hant.family).unwrap();
    let tc = roles.for_lang(hant.family)["song"].cjk;
    (book, style, hant, tc)
}

/// [`setup_hant`] for zh-TW with the body on its TC Song face in the
/// centred scheme: the book, the style and the language.
fn setup_tc_centred() -> (FontBook, ParaStyle, Lang) {
    let (book, mut style, hant, tc) = setup_hant("zh-TW");
    style.font = tc;
    style.scheme = crate::model::Scheme::Centred;
    (book, style, hant)
}

/// Items 1 and 2 of `p` (a pair of marks, ：「): the least the pair takes
/// with the mark's blanks fully compressed, and how far below the mark's
/// ink the bracket's ink then starts, in a vertical line. Down the pair
/// from the mark's em top: the mark's ink ends its room below short of
/// its em; the bracket's em starts where the mark's advance ends, less
/// the half it gave up.
fn pair_least_and_ink_gap(v: &mut Shaper, p: &ShapedPara) -> (Pt, Pt) {
    let (colon, bracket) = (&p.items[1], &p.items[2]);
    let least = colon.width - colon.blank_before - colon.blank_after + bracket.width;
    let mut ink = |k: usize| {
        let g = &p.glyphs[p.info[k].glyphs.start as usize];
        v.ink_room_vertical(g.font, g.id, Pt(10.0)).unwrap()
    };
    let foot = Pt(10.0) - ink(1).1;
    let start = colon.width - colon.blank_after - (Pt(10.0) - bracket.width);
    (least, start + ink(2).0 - foot)
}

fn para(style: &ParaStyle, text: &str) -> Para {
    Para {
        style: style.clone(),
        runs: vec![Run {
            text: text.into(),
            emphasis: false,
            strong: false,
            loc: Default::default(),
        }],
    }
}

#[test]
fn cjk_characters_are_one_em_and_latin_words_stay_whole() {
    let (book, style) = setup();
    let mut shaper = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let p = shape_para(&mut shaper, &para(&style, "排版，用 Rust 写的“工具”。"));
    let texts: Vec<&str> = p
        .info
        .iter()
        .map(|i| &p.text[i.text.start as usize..i.text.end as usize])
        .collect();
    assert_eq!(
        texts,
        [
            "排", "版", "，", "用", "Rust", "写", "的", "“", "工", "具", "”", "。"
        ]
    );
    for (k, t) in texts.iter().enumerate() {
        // ” before 。 gives up its blank half (pair compression).
        if *t != "Rust" && *t != "”" {
            assert!(
                (p.items[k].width.0 - 10.0).abs() < 1e-6,
                "{t} is {:?}",
                p.items[k].width
            );
        }
    }
    assert_eq!(p.items[10].width, Pt(5.0));
    // The comma's blank half may go at a line end.
    assert_eq!(p.items[2].blank_after, Pt(5.0));
    // ¼ em between Han and Latin, on both sides of the word.
    assert_eq!(p.items[3].gap.kind, GapKind::CjkLatin);
    assert_eq!(p.items[3].gap.natural, Pt(2.5));
    assert_eq!(p.items[4].gap.kind, GapKind::CjkLatin);
    assert!(p.items[4].width.0 > 10.0 && p.items[4].width.0 < 30.0);
    // Every glyph is real: the bundled font covers all of it.
    assert!(p.glyphs.iter().all(|g| g.id != 0));
}

#[test]
fn words_are_shaped_once() {
    let (book, style) = setup();
    let mut shaper = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let a = shape_para(&mut shaper, &para(&style, "GDP 与 GDP"));
    assert_eq!(a.glyphs[0..3], a.glyphs[4..7]);
    assert_eq!(shaper.cached_words(), 1);
}

/// Words are shaped with plans kept by font, direction, script and
/// language: each gives what `rustybuzz::shape` (a plan made for the one
/// call) gives, whatever was shaped before it. With one plan for every
/// word, digits (no script), Latin and Hebrew would share it.
#[test]
fn words_shape_as_a_plan_made_for_each_would() {
    let (book, style) = setup();
    let font = style.latin_font;
    let upem = book.font(font).units_per_em as f64;
    let mut shaper = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let words = [
        "47",
        "office",
        "\u{5e9}\u{5dc}\u{5d5}\u{5dd}",
        "3.5",
        "AVA",
        "12:30",
    ];
    for text in words.iter().chain(words.iter().rev()) {
        let mut got = Vec::new();
        shaper.word(font, text, Pt(upem), &mut got);
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        // As the shaper sets a word: left to right, the script guessed.
        buf.set_direction(rustybuzz::Direction::LeftToRight);
        buf.guess_segment_properties();
        let want = rustybuzz::shape(book.font(font).shaping_face(), &[], buf);
        let got: Vec<(u16, u32, i32)> = (got.iter())
            .map(|g| (g.id, g.cluster, g.advance.0.round() as i32))
            .collect();
        let want: Vec<(u16, u32, i32)> = (want.glyph_infos().iter())
            .zip(want.glyph_positions())
            .map(|(i, p)| (i.glyph_id as u16, i.cluster, p.x_advance))
            .collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn vertical_shaping_uses_vertical_forms_and_advances() {
    let (book, style) = setup();
    let mut h = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let mut v = Shaper::new(&book, &Lang::default(), Fallbacks::default()).vertical(true);
    for c in ['，', '「', '」', '。', '—', '（', '？', '！', '：'] {
        let gh = h.cjk_glyph(style.font, c, Pt(10.0));
        let gv = v.cjk_glyph(style.font, c, Pt(10.0));
        assert_ne!(gh.id, gv.id, "{c} has a vertical form");
        assert!(
            (gv.advance.0 - 10.0).abs() < 1e-6,
            "{c}: vertical advance {:?}",
            gv.advance
        );
        eprintln!(
            "{c}: h blanks {:?} v blanks {:?}",
            h.halt_blanks(style.font, c, Pt(10.0)),
            v.halt_blanks(style.font, c, Pt(10.0))
        );
    }
    let han = v.cjk_glyph(style.font, '中', Pt(10.0));
    assert_eq!(han.id, h.cjk_glyph(style.font, '中', Pt(10.0)).id);
}

#[test]
fn hyphenation_points_inside_a_ligature_are_dropped() {
    let (book, mut style) = setup();
    style.size = Pt(10.0);
    let mut shaper = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let p = shape_para(&mut shaper, &para(&style, "effective affluent official"));
    // Every fragment's glyphs start at its own first character: no glyph
    // (an ff or ffi ligature) straddles a break.
    for (k, i) in p.info.iter().enumerate() {
        let frag = &p.text[i.text.start as usize..i.text.end as usize];
        let clusters: Vec<u32> = p.glyphs[i.glyphs.start as usize..i.glyphs.end as usize]
            .iter()
            .map(|g| g.cluster)
            .collect();
        assert!(
            clusters.iter().all(|&c| (c as usize) < frag.len()),
            "{k} {frag}: {clusters:?}"
        );
    }
    let frags: Vec<&str> = p
        .info
        .iter()
        .map(|i| &p.text[i.text.start as usize..i.text.end as usize])
        .collect();
    let ligatures = p.glyphs.len() < "effectiveaffluentofficial".len();
    assert!(
        ligatures,
        "the bundled Latin face forms ligatures: {frags:?}"
    );
    assert!(
        !frags.contains(&"ef"),
        "ef|fective falls inside ff: {frags:?}"
    );
}

#[test]
fn han_latin_gaps_stretch_to_the_layout_cap_and_skip_ascii_brackets() {
    let (book, mut style) = setup();
    let mut shaper = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let p = shape_para(&mut shaper, &para(&style, "用Rust写"));
    assert_eq!(p.items[0].gap.kind, GapKind::CjkLatin);
    // ¼ em natural, stretching to ⅓ em: 1/12 em of stretch at 10 pt.
    assert!(
        (p.items[0].gap.stretch.0 - 10.0 / 12.0).abs() < 1e-6,
        "{:?}",
        p.items[0].gap
    );
    style.han_latin_max = 0.5;
    let wide = shape_para(&mut shaper, &para(&style, "用Rust写"));
    assert!((wide.items[0].gap.stretch.0 - 2.5).abs() < 1e-6);
    // [通] and (通): no Han–Latin gap inside or beside ASCII brackets.
    let q = shape_para(&mut shaper, &para(&style, "见[通]与a(注)"));
    let gapped: Vec<&str> = q
        .items
        .iter()
        .zip(&q.info)
        .filter(|(i, _)| i.gap.kind == GapKind::CjkLatin)
        .map(|(_, i)| &q.text[i.text.start as usize..i.text.end as usize])
        .collect();
    assert_eq!(gapped, ["与"], "only 与|a keeps its gap");
}

#[test]
fn vertical_question_and_exclamation_marks_keep_room_before_a_bracket() {
    // Upright ？！ run most of the em down in vertical text (no vhal): a
    // pair takes only the room below the mark's ink, less a twentieth of
    // an em, so the bracket does not run into it.
    let (book, style) = setup();
    let mut v = Shaper::new(&book, &Lang::default(), Fallbacks::default()).vertical(true);
    for text in ["甲？」", "甲！」", "甲？”"] {
        let p = shape_para(&mut v, &para(&style, text));
        let g = &p.glyphs[p.info[1].glyphs.start as usize];
        let (_, room) = v.ink_room_vertical(g.font, g.id, Pt(10.0)).unwrap();
        let cut = Pt(10.0) - p.items[1].width;
        assert!(
            cut.0 > 0.0 && cut.0 <= room.0 - 0.5 + 1e-6,
            "{text}: {:?}, room {room:?}",
            p.items[1]
        );
    }
    // Horizontally the mark sits at the left and still gives up its half.
    let mut h = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let p = shape_para(&mut h, &para(&style, "甲？」"));
    assert!((p.items[1].width.0 - 5.0).abs() < 1e-6);
}

#[test]
fn vertical_tall_marks_never_lose_more_than_the_room_beside_their_ink() {
    // ？！；： upright in a vertical line, Simplified (no vhal: blanks by
    // model) and Traditional (centred scheme): compressing a blank (推入)
    // may not bring the ink within 0.05 em of the em's edge. A quarter em
    // either side ran a compressed ？ 0.18 em into the character above.
    let (book, mut style, hant, tc) = setup_hant("zh-TW");
    let cases = [
        (Lang::default(), style.font, crate::model::Scheme::Quanjiao),
        (hant, tc, crate::model::Scheme::Centred),
    ];
    for (lang, font, scheme) in cases {
        style.font = font;
        style.scheme = scheme;
        let mut v = Shaper::new(&book, &lang, Fallbacks::default()).vertical(true);
        for c in ['？', '！', '；', '：'] {
            let p = shape_para(&mut v, &para(&style, &format!("甲{c}乙")));
            let (it, g) = (&p.items[1], &p.glyphs[p.info[1].glyphs.start as usize]);
            let (before, after) = v.ink_room_vertical(g.font, g.id, Pt(10.0)).unwrap();
            // A glyph the scheme moved along the line has its room halved.
            let (before, after) = if g.dx.0 != 0.0 {
                ((before + after) / 2.0, (before + after) / 2.0)
            } else {
                (before, after)
            };
            assert!(
                it.blank_before.0 <= before.0 - 0.5 + 1e-6 || it.blank_before.0 == 0.0,
                "{c} {scheme:?}: {:?} before, ink {before:?} from the top",
                it.blank_before
            );
            assert!(
                it.blank_after.0 <= after.0 - 0.5 + 1e-6 || it.blank_after.0 == 0.0,
                "{c} {scheme:?}: {:?} after, ink {after:?} from the foot",
                it.blank_after
            );
            // Hung, it goes past the measure by no more than half its em
            // and its ink by no more than a hung horizontal mark's (0.33 em).
            assert_eq!(it.may_hang, it.hang_end.0 > 0.0, "{c} {scheme:?}");
            assert!(
                it.hang_end.0 <= 5.0 + 1e-6 && it.hang_end.0 <= after.0 + 3.3 + 1e-6,
                "{c} {scheme:?}: hung {:?}, ink {after:?} from the foot",
                it.hang_end
            );
            // At a line end it may go to half width, its ink no more than
            // 0.15 em past the measure.
            assert!(
                it.end_blank >= it.blank_after
                    && it.end_blank.0 <= 5.0 + 1e-6
                    && it.end_blank.0 <= after.0 + 1.5 + 1e-6,
                "{c} {scheme:?}: {:?} at a line end, ink {after:?} from the foot",
                it.end_blank
            );
        }
    }
}

#[test]
fn a_hung_vertical_centred_mark_loses_the_room_above_its_ink() {
    // Traditional ，。、 in a vertical line stand in their em's middle. Hung
    // past the measure they lose all the room above their ink but the
    // clearance (more than the quarter em compression may take), so that
    // the ink starts near the measure, clear of a rule in the gutter.
    let (book, style, hant) = setup_tc_centred();
    let mut v = Shaper::new(&book, &hant, Fallbacks::default()).vertical(true);
    let mut more = 0;
    for c in ['，', '。', '、'] {
        let p = shape_para(&mut v, &para(&style, &format!("甲{c}乙")));
        let (it, g) = (&p.items[1], &p.glyphs[p.info[1].glyphs.start as usize]);
        let (before, after) = v.ink_room_vertical(g.font, g.id, Pt(10.0)).unwrap();
        // A glyph the scheme moved along the line has its room halved.
        let room = if g.dx.0 != 0.0 {
            (before + after) / 2.0
        } else {
            before
        };
        let want = it.blank_before.0.max((room.0 - 0.5).min(5.0));
        assert!(it.may_hang, "{c}");
        assert!(
            (it.hang_before.0 - want).abs() < 1e-6,
            "{c}: hung {:?}, blank {:?}, room {room:?}",
            it.hang_before,
            it.blank_before
        );
        more += usize::from(it.hang_before.0 > it.blank_before.0 + 0.1);
    }
    assert!(
        more > 0,
        "no mark hangs nearer the measure than compression sets it"
    );
    // Horizontally it loses its blank before, as compression does.
    let mut h = Shaper::new(&book, &hant, Fallbacks::default());
    let p = shape_para(&mut h, &para(&style, "甲，乙"));
    assert_eq!(p.items[1].hang_before, p.items[1].blank_before);
}

#[test]
fn a_vertical_colon_keeps_its_em_and_the_bracket_after_it_gives_up_its_blank() {
    // An upright ： keeps all but a quarter em in a vertical line, so in
    // ：「 the bracket loses its blank half: the pair takes 1.5 em, not
    // 1.75, and the half em cut may come back when the line stretches.
    let (book, style) = setup();
    let mut v = Shaper::new(&book, &Lang::default(), Fallbacks::default()).vertical(true);
    let p = shape_para(&mut v, &para(&style, "说：「好"));
    assert_eq!(p.items[1].width, Pt(10.0), "{:?}", p.items[1]);
    assert!((p.items[2].width.0 - 5.0).abs() < 1e-6, "{:?}", p.items[2]);
    assert_eq!(p.items[1].gap.kind, GapKind::PairBlank);
    assert!((p.items[1].gap.stretch.0 - 5.0).abs() < 1e-6);
    // Horizontally ： gives up its own half, as before.
    let mut h = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let p = shape_para(&mut h, &para(&style, "说：“好"));
    assert!((p.items[1].width.0 - 5.0).abs() < 1e-6, "{:?}", p.items[1]);
    assert_eq!(p.items[2].width, Pt(10.0));
    assert_eq!(p.items[1].gap.kind, GapKind::PairBlank);
}

#[test]
fn a_vertical_colon_and_bracket_compress_to_one_em_with_their_inks_apart() {
    // Upright ：「 in a vertical line: the colon stands in its em's top
    // half and the bracket's ink starts two thirds down its own, so fully
    // compressed the pair takes one em, as horizontally (it took 1.2 em,
    // which pushed 说：「…。」 first lines out and spaced them by 0.1–0.22
    // em); the inks stay at least 0.05 em apart.
    let (book, style) = setup();
    let mut v = Shaper::new(&book, &Lang::default(), Fallbacks::default()).vertical(true);
    let p = shape_para(&mut v, &para(&style, "说：「好"));
    let (least, gap) = pair_least_and_ink_gap(&mut v, &p);
    assert!((least.0 - 10.0).abs() < 1e-6, "{:?}", &p.items[1..3]);
    assert!(gap.0 >= 0.5 - 1e-6, "inks {gap:?} apart");
}

#[test]
fn the_two_em_dash_is_one_glyph_in_both_modes() {
    let (book, style) = setup();
    let mut h = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let mut v = Shaper::new(&book, &Lang::default(), Fallbacks::default()).vertical(true);
    let ph = shape_para(&mut h, &para(&style, "甲——乙"));
    let pv = shape_para(&mut v, &para(&style, "甲——乙"));
    for p in [&ph, &pv] {
        assert_eq!(p.items.len(), 3, "—— is one item");
        let dash = &p.info[1];
        assert_eq!(dash.glyphs.len(), 1, "one continuous rule");
        assert_eq!(p.items[1].width, Pt(20.0));
    }
    // The vertical rule is the font's vertical form, not the horizontal one.
    assert_ne!(ph.glyphs[1].id, pv.glyphs[1].id);
}

#[test]
fn centred_marks_come_from_the_tc_face_as_drawn() {
    // zh-Hant in the centred scheme: the TC faces draw ，。、：；！？ in the
    // middle of the em, so no glyph is moved (a moved glyph overlaps its
    // neighbour for text extractors); the SC face's marks, drawn at the
    // baseline's start, are moved to the middle across the line.
    let (book, mut style, hant, tc) = setup_hant("zh-TW");
    style.scheme = crate::model::Scheme::Centred;
    let sc_font = style.font;
    let text = "甲，乙。丙、丁：戊；己！庚？辛";
    let marks = |p: &ShapedPara| -> Vec<Pt> {
        p.info
            .iter()
            .filter(|i| {
                p.text[i.text.start as usize..].starts_with(|c| "，。、：；！？".contains(c))
            })
            .map(|i| p.glyphs[i.glyphs.start as usize].dx)
            .collect()
    };
    style.font = tc;
    for vertical in [false, true] {
        let mut shaper = Shaper::new(&book, &hant, Fallbacks::default()).vertical(vertical);
        let p = shape_para(&mut shaper, &para(&style, text));
        let dx = marks(&p);
        assert_eq!(dx.len(), 7);
        assert!(
            dx.iter().all(|d| *d == Pt::ZERO),
            "vertical {vertical}: {dx:?}"
        );
        assert!(
            p.glyphs.iter().all(|g| g.dy == Pt::ZERO),
            "vertical {vertical}"
        );
        assert!(p.items.iter().all(|i| i.width == Pt(10.0)), "full ems");
    }
    style.font = sc_font;
    let mut shaper = Shaper::new(&book, &hant, Fallbacks::default());
    let p = shape_para(&mut shaper, &para(&style, text));
    assert!(marks(&p)[0] > Pt(2.0), "the SC comma moves to the middle");
}

#[test]
fn centred_question_marks_stay_full_before_a_bracket_in_vertical_text() {
    // Upright ？！ fill the em in vertical text: halved before 」 (as 。」
    // is) the bracket ran into them. Horizontally they fit in half an em.
    let (book, mut style) = setup();
    style.scheme = crate::model::Scheme::Centred;
    let hant = Lang::parse("zh-Hant").unwrap();
    let mut v = Shaper::new(&book, &hant, Fallbacks::default()).vertical(true);
    let mut h = Shaper::new(&book, &hant, Fallbacks::default());
    for text in ["甲？」", "甲！」"] {
        let pv = shape_para(&mut v, &para(&style, text));
        assert_eq!(pv.items[1].width, Pt(10.0), "{text} vertical");
        let ph = shape_para(&mut h, &para(&style, text));
        assert_eq!(ph.items[1].width, Pt(5.0), "{text} horizontal");
    }
    let pv = shape_para(&mut v, &para(&style, "甲。」"));
    assert_eq!(pv.items[1].width, Pt(5.0), "。」 still halved");
}

#[test]
fn a_warm_shaper_shapes_as_a_fresh_one() {
    // A book's chapters are shaped on several threads, each by whichever
    // pooled shaper is free: what a shaper's caches (glyphs, words,
    // blanks, ink boxes, shape plans) hold from earlier text must not
    // change a shape, or the bytes would depend on the threads.
    let (book, mut style, hant, tc) = setup_hant("zh-Hant");
    let text = "「甲，乙。」丙、丁：戊；己！庚？辛——“Rust 1.89”的·工具……";
    let earlier = "辛？庚！己；戊：丁、丙「乙。甲，」……·“工具” Rust 1.89——";
    let shapes = |shaper: &mut Shaper, style: &ParaStyle| {
        format!("{:?}", shape_para(shaper, &para(style, text)))
    };
    for scheme in [
        crate::model::Scheme::Centred,
        crate::model::Scheme::Quanjiao,
    ] {
        style.scheme = scheme;
        for font in [style.font, tc] {
            style.font = font;
            for vertical in [false, true] {
                let fresh = Shaper::new(&book, &hant, Fallbacks::default()).vertical(vertical);
                let mut warm = fresh;
                shape_para(&mut warm, &para(&style, earlier));
                shape_para(&mut warm, &para(&style, text));
                let mut fresh = Shaper::new(&book, &hant, Fallbacks::default()).vertical(vertical);
                let want = shapes(&mut fresh, &style);
                assert_eq!(
                    shapes(&mut warm, &style),
                    want,
                    "{scheme:?} vertical {vertical}"
                );
                assert!(want.contains("Glyph"), "{want}");
            }
        }
    }
}

#[test]
fn a_number_across_a_vertical_line_is_set_in_the_fonts_half_width_digits() {
    // Two digits across a vertical line (tate-chu-yoko) fill the em in the
    // font's half-width forms (hwid), as drawn for this, at the body size:
    // the proportional digits (12: 1.03 em) were squeezed to 0.92 of
    // their width, and a reader's text layer took the squeezed size for
    // the line's em.
    let (book, style) = setup();
    let mut v = Shaper::new(&book, &Lang::default(), Fallbacks::default()).vertical(true);
    let p = shape_para(&mut v, &para(&style, "第12回"));
    let k = p
        .info
        .iter()
        .position(|i| i.orient == Orient::Combined)
        .expect("12 is set across the line");
    let glyphs = &p.glyphs[p.info[k].glyphs.start as usize..p.info[k].glyphs.end as usize];
    assert_eq!(glyphs.len(), 2);
    for g in glyphs {
        assert!((g.advance.0 - 5.0).abs() < 1e-9, "{g:?}");
    }
    // Along a line the number keeps its proportional digits.
    let mut h = Shaper::new(&book, &Lang::default(), Fallbacks::default());
    let p = shape_para(&mut h, &para(&style, "第12回"));
    let along: f64 = p.glyphs[1..3].iter().map(|g| g.advance.0).sum();
    assert!(along > 10.1, "{along}");
}

#[test]
fn a_vertical_traditional_colon_and_bracket_give_the_room_their_inks_leave() {
    // The Traditional centred ： stands upright in a vertical line, its
    // ink 0.62 em tall in the middle of its em; 「 starts its ink two
    // thirds down its own. The pair took 1.22 em fully compressed (the
    // colon's quarter ems cut to its ink less the clearance); with the
    // room beyond the bracket's blank it takes 1.06 em, the inks still
    // 0.05 em apart, as the Simplified pair's do.
    let (book, style, hant) = setup_tc_centred();
    let mut v = Shaper::new(&book, &hant, Fallbacks::default()).vertical(true);
    let p = shape_para(&mut v, &para(&style, "說：「好"));
    let (least, gap) = pair_least_and_ink_gap(&mut v, &p);
    assert!(least.0 < 10.7, "{:?}", &p.items[1..3]);
    assert!(gap.0 >= 0.5 - 1e-6, "inks {gap:?} apart");
    // Horizontally the pair is one em, as before.
    let mut h = Shaper::new(&book, &hant, Fallbacks::default());
    let p = shape_para(&mut h, &para(&style, "說：「好"));
    let (colon, bracket) = (&p.items[1], &p.items[2]);
    let least = colon.width - colon.blank_before - colon.blank_after + bracket.width;
    assert!((least.0 - 10.0).abs() < 1e-6, "{colon:?} {bracket:?}");
}
