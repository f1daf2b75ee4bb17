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
