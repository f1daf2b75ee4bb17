use std::path::Path;

use super::*;
use crate::model::{LangFamily, Writing};

fn parse(src: &str) -> Result<Article> {
    parse_article(Path::new("t.md"), src.as_bytes().to_vec())
}

fn err(src: &str) -> String {
    parse(src).unwrap_err().to_string()
}

#[test]
fn reads_every_front_matter_key() {
    let a = parse(
        "+++\nkind = \"serial\"\nlang = \"zh-Hant\"\ntitle = \"標題\"\nkicker = \"引\"\ndeck = \"副\"\nbyline = \"記者\"\nlead = \"一\\n\\n二\"\nsource = \"據新華社\"\ndate = 2026-11-27\nwriting = \"vertical\"\n[serial]\nwork = \"書\"\nauthor = \"某\"\ninstallment = 789\n+++\n正文。\n",
    )
    .unwrap();
    let m = &a.meta;
    assert_eq!(m.kind, Kind::Serial);
    assert_eq!(m.lang.as_ref().map(|l| l.family), Some(LangFamily::ZhHant));
    assert_eq!(m.title.text, "標題");
    assert_eq!(m.title.loc.line, 4);
    assert_eq!(m.kicker.as_ref().unwrap().text, "引");
    assert_eq!(m.deck.as_ref().unwrap().text, "副");
    assert_eq!(m.byline.as_ref().unwrap().text, "記者");
    assert_eq!(m.lead.len(), 2);
    assert_eq!(m.source.as_ref().unwrap().text, "據新華社");
    assert_eq!(m.date.unwrap().iso(), "2026-11-27");
    assert_eq!(m.writing, Some(Writing::Vertical));
    let s = m.serial.as_ref().unwrap();
    assert_eq!((s.work.text.as_str(), s.installment), ("書", 789));
}

#[test]
fn reads_every_front_matter_key_from_yaml_as_from_toml() {
    let toml = parse(
        "+++\nkind = \"serial\"\nlang = \"zh-Hant\"\ntitle = \"標題：一\"\nkicker = \"引\"\ndeck = \"副\"\nbyline = \"記者\"\nlead = \"一\\n\\n二\"\nsource = \"據新華社\"\ndate = 2026-11-27\nwriting = \"vertical\"\n[serial]\nwork = \"書\"\nauthor = \"某\"\ninstallment = 789\n+++\n正文。\n",
    )
    .unwrap();
    let yaml = parse(
        "---\nkind: serial\nlang: zh-Hant\ntitle: 標題：一\nkicker: '引'\ndeck: \"副\"\nbyline: 記者\nlead: |\n  一\n\n  二\nsource: 據新華社\ndate: 2026-11-27\nwriting: vertical\nserial:\n  work: 書\n  author: 某\n  installment: 789\n---\n正文。\n",
    )
    .unwrap();
    let (t, y) = (&toml.meta, &yaml.meta);
    let texts = |m: &Meta| {
        let f = |f: &Option<Field>| f.as_ref().map(|f| f.text.clone());
        let s = m.serial.as_ref().unwrap();
        (
            (m.title.text.clone(), f(&m.kicker), f(&m.deck)),
            (f(&m.byline), f(&m.source)),
            m.lead.iter().map(|l| l.text.clone()).collect::<Vec<_>>(),
            (s.work.text.clone(), s.author.text.clone(), s.installment),
        )
    };
    assert_eq!(texts(t), texts(y));
    assert_eq!((t.kind, t.date, t.writing), (y.kind, y.date, y.writing));
    assert_eq!(
        t.lang.as_ref().map(|l| l.family),
        y.lang.as_ref().map(|l| l.family)
    );
    // Places are the YAML's own: the title on line 4, the work on line 16.
    assert_eq!((y.title.loc.line, y.title.loc.col), (4, 8));
    assert_eq!(y.serial.as_ref().unwrap().work.loc.line, 16);
}

#[test]
fn body_blocks_and_styles() {
    let a = parse("+++\ntitle = \"t\"\n+++\n## 小标题\n\n第一段*着重*与**加粗**。\n\n> 引文。\n\n![图说](a.png)\n").unwrap();
    assert_eq!(a.body.len(), 4);
    match &a.body[0] {
        Block::Heading { level, text, loc } => {
            assert_eq!(*level, 2);
            assert_eq!(plain_text(text), "小标题");
            assert_eq!(loc.line, 4);
        }
        b => panic!("{b:?}"),
    }
    match &a.body[1] {
        Block::Paragraph { text, .. } => {
            assert_eq!(plain_text(text), "第一段着重与加粗。");
            assert!(text[1].style.emphasis && !text[1].style.strong);
            assert!(text[3].style.strong);
        }
        b => panic!("{b:?}"),
    }
    assert!(matches!(&a.body[2], Block::Quote { paragraphs, .. } if paragraphs.len() == 1));
    assert!(
        matches!(&a.body[3], Block::Figure { src, caption, .. } if src == "a.png" && caption == "图说")
    );
}

#[test]
fn line_breaks_join_cjk_and_space_latin() {
    let a = parse("+++\ntitle = \"t\"\n+++\n中文\n接着 and\nmore words\n").unwrap();
    match &a.body[0] {
        Block::Paragraph { text, .. } => assert_eq!(plain_text(text), "中文接着 and more words"),
        b => panic!("{b:?}"),
    }
}

#[test]
fn unknown_key_names_the_key_and_lists_known_ones() {
    let e = err("+++\ntitle = \"t\"\ntittle = \"x\"\n+++\n正文\n");
    assert!(e.starts_with("t.md:3:1"), "{e}");
    assert!(e.contains("tittle") && e.contains("known keys"), "{e}");
}

#[test]
fn missing_title_is_an_error() {
    let e = err("+++\nkicker = \"k\"\n+++\n正文\n");
    assert!(e.contains("no title") && e.contains("hint"), "{e}");
}

#[test]
fn serial_without_table_is_an_error() {
    let e = err("+++\nkind = \"serial\"\ntitle = \"t\"\n+++\n正文\n");
    assert!(e.starts_with("t.md:2:8") && e.contains("[serial]"), "{e}");
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let mut bytes = b"+++\ntitle = \"t\"\n+++\nab".to_vec();
    bytes.push(0xC3);
    let e = parse_article(Path::new("t.md"), bytes)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("t.md:4:3") && e.contains("UTF-8"), "{e}");
}

#[test]
fn unsupported_markdown_is_refused_with_its_line() {
    for (src, what, line) in [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "table", 4),
        ("正文\n\n<div>x</div>\n", "HTML", 6),
        ("```\ncode\n```\n", "code block", 4),
        ("- one\n- two\n", "list", 4),
        ("# 大标题\n", "level-1", 4),
        ("正文[链接](http://x)\n", "link", 4),
        ("正文 `code`\n", "inline code", 4),
    ] {
        let e = err(&format!("+++\ntitle = \"t\"\n+++\n{src}"));
        assert!(e.starts_with(&format!("t.md:{line}:")), "{src}: {e}");
        assert!(e.contains(what) && e.contains("hint"), "{src}: {e}");
    }
}

#[test]
fn image_with_text_in_one_paragraph_is_refused() {
    let e = err("+++\ntitle = \"t\"\n+++\n![图](a.png)后面的字\n");
    assert!(e.contains("same paragraph as an image"), "{e}");
}

#[test]
fn front_matter_must_be_closed_and_body_non_empty() {
    assert!(err("+++\ntitle = \"t\"\n").contains("not closed"));
    assert!(err("title = \"t\"\n").contains("front matter"));
    assert!(err("+++\ntitle = \"t\"\n+++\n\n").contains("no body"));
}

#[test]
fn unpaired_emphasis_is_refused_not_printed() {
    let e = err("+++\ntitle = \"t\"\n+++\n**重点。**后文\n");
    assert!(e.starts_with("t.md:4:1") && e.contains("not paired"), "{e}");
    let a = parse("+++\ntitle = \"t\"\n+++\n**重点**。后文 5\\*3\n").unwrap();
    match &a.body[0] {
        Block::Paragraph { text, .. } => assert_eq!(plain_text(text), "重点。后文 5*3"),
        b => panic!("{b:?}"),
    }
}

#[test]
fn figure_options_come_from_the_image_title() {
    let a = parse("+++\ntitle = \"t\"\n+++\n![图](a.png \"columns=3\")\n").unwrap();
    assert!(matches!(&a.body[0], Block::Figure { columns: 3, .. }));
    let e = err("+++\ntitle = \"t\"\n+++\n正文。\n\n![图](a.png \"float=left\")\n");
    assert!(
        e.starts_with("t.md:6:1") && e.contains("float=left") && e.contains("columns=N"),
        "{e}"
    );
    assert!(err("+++\ntitle = \"t\"\n+++\n![图](a.png \"columns=0\")\n").contains("columns=0"));
}
