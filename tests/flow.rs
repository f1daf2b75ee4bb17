//! Long text: columns fill and pages follow, nothing is dropped.

mod common;

use common::*;

/// A deterministic long article from a few sentences of our own.
fn long_article(paragraphs: usize) -> String {
    let sentences = [
        "清晨的码头上，渔船一艘接一艘地靠了岸。",
        "老人把渔网摊在石阶上，一个结一个结地补。",
        "2026年的渔汛比往年来得晚了12天，价格却高了3.5%。",
        "孩子们在堤岸上追逐，笑声被海风吹得很远。",
        "“今天的鱼不错，”他说，“可惜人手不够。”",
        "有人用 GPS 定位新的渔场，有人仍然相信老经验。",
        "潮水退去以后，滩涂上留下了一道道弯曲的水痕——像是谁写下的字。",
        "这座小镇的故事……还远远没有讲完。",
    ];
    let mut s = String::from(
        "+++\ntitle = \"海边的小镇\"\nkicker = \"长篇特稿\"\ndeck = \"一座渔港的四季\"\ndate = 2026-11-27\n+++\n",
    );
    let mut k = 7usize;
    for p in 0..paragraphs {
        if p % 9 == 0 {
            s.push_str(&format!("## 第{}节\n\n", p / 9 + 1));
        }
        let n = 3 + k % 5;
        for _ in 0..n {
            k = (k * 1103515245 + 12345) % 2147483648;
            s.push_str(sentences[k % sentences.len()]);
        }
        s.push_str("\n\n");
    }
    s
}

#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn a_long_article_continues_onto_more_pages() {
    let dir = tempdir();
    let src = dir.path().join("long.md");
    std::fs::write(&src, long_article(160)).unwrap();
    let paras = paragraphs(&src, dir.path());
    let article = compile(dir.path(), &[src.as_os_str()]);
    need("pdftotext");
    let pages = article.pdf_pages();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    assert_same_text(
        &strip_furniture(&pages, "海边的小镇", Some("2026年11月27日")),
        &paras,
    );
}

/// The end mark closing a body, （未完待续） or （完）, is set flush with
/// the line's end as a source line is, not indented at its start (its
/// white before it, not beside the paragraph above's short last line);
/// a paragraph that only begins with one stays a paragraph.
#[cfg_attr(
    no_pdftotext,
    ignore = "needs pdftotext (poppler-utils); TYPESET_REQUIRE_TOOLS=1 requires it"
)]
#[test]
fn an_end_mark_closing_the_body_stands_flush_with_the_lines_end() {
    let dir = tempdir();
    let body = "渡口的灯一盏接一盏亮起来，老艄公把船系在石桩上，回头望了一眼对岸，又低头收拾缆绳。";
    for (name, mark) in [("hans", "（未完待续）"), ("hant", "（完）")] {
        let src = dir.path().join(format!("{name}.md"));
        let text = format!(
            "+++\ntitle = \"渡口\"\ndate = 2026-11-27\n+++\n{body}{body}\n\n（完），他说。\n\n{mark}\n"
        );
        std::fs::write(&src, text).unwrap();
        let out = compile(dir.path(), &[src.as_os_str()]);
        need("pdftotext");
        let words = word_boxes(&out.pdf, 1);
        let find = |t: &str| (words.iter()).find(|w| w.text == t).cloned();
        let mark = find(mark).expect("the end mark");
        let mention = find("（完），他说。").expect("the paragraph beginning with a mark");
        // The columns: where the body's full lines start, a measure wide.
        let full: Vec<&WordBox> = (words.iter())
            .filter(|w| w.text.starts_with("来，") || w.text.starts_with("拾缆绳"))
            .collect();
        let [first, second] = full[..] else {
            panic!("two full lines in two columns: {words:?}");
        };
        let (measure, pitch) = (first.x_max - first.x_min, second.x_min - first.x_min);
        let column = |x: f64| first.x_min + ((x - first.x_min) / pitch).floor() * pitch;
        let start = column(mark.x_min);
        assert!(
            (mark.x_max - (start + measure)).abs() < 1.0 && mark.x_min > start + 20.0,
            "{mark:?} is not flush with its line's end ({start:.1} + {measure:.1})"
        );
        let start = column(mention.x_min);
        assert!(
            mention.x_min > start + 15.0 && mention.x_max < start + measure - 20.0,
            "the paragraph {mention:?} lost its indent or was set flush end"
        );
    }
}
