//! The one pipeline: settings decided once in resolve, the same outputs for
//! every input kind.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// A serial folder `serial` in `tmp`: serial.toml with `settings` after
/// the work and author, and one installment per entry of `langs` (its own
/// `lang`, if any) with `body` as its text.
fn serial(tmp: &Path, settings: &str, langs: &[Option<&str>], body: &str) -> PathBuf {
    let dir = tmp.join("serial");
    fs::create_dir(&dir).unwrap();
    let head = "work = \"長河燈影\"\nauthor = \"沈南星\"\n";
    fs::write(dir.join("serial.toml"), format!("{head}{settings}")).unwrap();
    for (k, lang) in langs.iter().enumerate() {
        let n = k + 1;
        let lang = lang.map_or(String::new(), |l| format!("lang = \"{l}\"\n"));
        let text = format!(
            "+++\nkind = \"serial\"\n{lang}title = \"第{n}回\"\ndate = 2026-11-27\n[serial]\n{head}installment = {n}\n+++\n\n{body}\n"
        );
        fs::write(dir.join(format!("{n:04}.md")), text).unwrap();
    }
    dir
}

/// A serial whose only language setting is `lang = "zh-Hant"` in
/// serial.toml: its installments take Taiwan and Hong Kong conventions
/// (basic prohibition, centred punctuation), not the mainland defaults.
#[test]
fn a_serials_language_is_its_installments_default() {
    let tmp = tempdir();
    // The third installment says otherwise: it keeps its own language.
    let dir = serial(
        tmp.path(),
        "lang = \"zh-Hant\"\n",
        &[None, None, Some("zh-Hans")],
        "她想了想，把信重新摺好，塞進了貼身的衣袋裡。「你聽說了嗎？」「聽說了！」兩個人同時笑了起來。",
    );
    let out = run(&[dir.as_os_str(), "--dump-lines".as_ref()]);
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    let heads: Vec<&str> = dump.lines().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(heads.len(), 3, "one dump per chapter:\n{dump}");
    for head in &heads[..2] {
        assert!(head.contains("prohibition Basic"), "{head}");
        assert!(head.contains("Centred"), "{head}");
    }
    assert!(heads[2].contains("prohibition Strict"), "{}", heads[2]);
    assert!(heads[2].contains("Quanjiao"), "{}", heads[2]);
    // The EPUB says so too.
    let epub = tmp.path().join("s.epub");
    let out = run(&[dir.as_os_str(), "--epub".as_ref(), epub.as_os_str()]);
    assert_ok(&out);
    let opf = zip_entry(&epub, "OEBPS/content.opf");
    assert!(opf.contains("<dc:language>zh-Hant</dc:language>"), "{opf}");
}

/// --dump-lines covers every article of a page manifest.
#[test]
fn dump_lines_covers_a_whole_page() {
    let out = run(&[
        root().join("examples/page-7.toml").as_os_str(),
        "--dump-lines".as_ref(),
    ]);
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    let manifest = fs::read_to_string(root().join("examples/page-7.toml")).unwrap();
    let articles = manifest.matches("[[article]]").count();
    assert!(articles >= 2);
    assert_eq!(
        dump.lines().filter(|l| l.starts_with("# ")).count(),
        articles
    );
}

/// On a page, --dump-lines also lists each article's lines as set,
/// column by column: the round figure's columns show lines narrower than
/// the column, each on the character grid.
#[test]
fn dump_lines_on_a_page_lists_each_column_as_set() {
    let out = run(&[
        root().join("examples/page-9.toml").as_os_str(),
        "--dump-lines".as_ref(),
    ]);
    assert_ok(&out);
    let dump = String::from_utf8_lossy(&out.stdout);
    let feature = dump.split("\n# ").next().unwrap();
    let set = feature
        .split("## as set on the page")
        .nth(1)
        .expect("as set");
    for c in 1..=6 {
        assert!(
            set.contains(&format!("page 9, column {c}\n")),
            "column {c}:\n{set}"
        );
    }
    // The lead across the columns, then beside the figure: measures under
    // the column's 108 pt, in whole 9 pt characters.
    assert!(set.contains("page 9, across the module"));
    let narrow: Vec<f64> = (set.lines())
        .filter_map(|l| {
            l.split("/")
                .nth(1)?
                .split(" pt")
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .filter(|m: &f64| *m < 108.0)
        .collect();
    assert!(narrow.len() >= 10, "{set}");
    assert!(
        narrow.iter().all(|m| (m / 9.0).fract().abs() < 1e-6),
        "{narrow:?}"
    );
}

/// A character no font has is reported once, whatever outputs are asked
/// for (fonts are resolved once per run).
#[test]
fn a_missing_character_is_reported_once() {
    let tmp = tempdir();
    let article = tmp.path().join("a.md");
    fs::write(&article, "+++\ntitle = \"标题\"\n+++\n\n正文\u{E000}字。\n").unwrap();
    let pdf = tmp.path().join("a.pdf");
    let out = run(&[
        article.as_os_str(),
        "--dump-lines".as_ref(),
        "--pdf".as_ref(),
        pdf.as_os_str(),
    ]);
    let stderr = assert_ok(&out);
    assert_eq!(
        stderr.matches("no font has the character").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("a.md:5:3"), "{stderr}");
}

/// A character no font has, in every installment of a book, is one warning
/// at its first place that counts the others.
#[test]
fn a_missing_character_in_every_chapter_is_one_warning() {
    let tmp = tempdir();
    let dir = serial(tmp.path(), "", &[None, None, None], "正文\u{E000}字。");
    let pdf = tmp.path().join("b.pdf");
    let out = run(&[dir.as_os_str(), "--pdf".as_ref(), pdf.as_os_str()]);
    let stderr = assert_ok(&out);
    assert_eq!(
        stderr.matches("no font has the character").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("0001.md:11:3"), "{stderr}");
    assert!(stderr.contains("and 2 more place(s)"), "{stderr}");
}

/// examples/night-bus.md with its front matter written in YAML, as pandoc,
/// Hugo and Jekyll write it: the same PDF and EPUB, byte for byte.
#[test]
fn yaml_front_matter_gives_the_same_outputs_as_its_toml_twin() {
    let toml = fs::read_to_string(root().join("examples/night-bus.md")).unwrap();
    let body = toml.splitn(3, "+++\n").nth(2).unwrap();
    let lead = "晚上十一点以后，这座城市的大部分公交线路都已收车，只有六条夜班线还在运行。37路是其中最长的一条，全程28.6公里，设站41个，每晚发车9班。十二年来，它载过下夜班的护士、赶早市的菜贩、错过地铁的年轻人，也载过无处可去的人。";
    assert!(toml.contains(lead), "examples/night-bus.md's lead changed");
    let yaml = format!(
        "---\nkind: feature\nlang: zh-Hans\nkicker: 城市夜行记\ntitle: 凌晨一点，37路末班车还在路上\n\
         deck: 一条夜班公交线路的十二年，和它载过的普通人\nbyline: 本报记者 林晓舟 实习生 周一然\n\
         lead: |\n  {lead}\n\n  记者用三个晚上跟车，记下了这条线路上的人和事。\n\
         source: \"本报记者根据采访整理\"\ndate: 2026-11-27\n---\n{body}"
    );
    let tmp = tempdir();
    let (a, b) = (tmp.path().join("toml"), tmp.path().join("yaml"));
    for (dir, text) in [(&a, &toml), (&b, &yaml)] {
        fs::create_dir_all(dir.join("figures")).unwrap();
        let figure = root().join("examples/figures/route.png");
        fs::copy(figure, dir.join("figures/route.png")).unwrap();
        fs::write(dir.join("night-bus.md"), text).unwrap();
    }
    let from_toml = compile(&a, &[a.join("night-bus.md").as_os_str()]);
    let from_yaml = compile(&b, &[b.join("night-bus.md").as_os_str()]);
    assert!(
        fs::read(&from_toml.pdf).unwrap() == fs::read(&from_yaml.pdf).unwrap(),
        "the PDFs differ"
    );
    assert!(
        fs::read(&from_toml.epub).unwrap() == fs::read(&from_yaml.epub).unwrap(),
        "the EPUBs differ"
    );
}
