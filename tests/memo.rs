//! What `typeset watch` and `typeset serve` keep from build to build (the
//! memo: shaped articles, the make-up's variants and modules, compressed
//! page streams and font subsets, drawn pages) never shows: after every
//! kind of change (an article's text, a figure, the layout, the manifest,
//! the font folder) a build with the memo makes the same PDF, fixed-layout
//! EPUB and SVG pages as a build without one, and they differ from the
//! build before (so a stale entry would be caught). On a copy of
//! examples/edition-12.toml: two made-up pages, figures, a continuation.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use typeset::compile::{Memo, Options, compile, preview};

/// A folder and its files, copied (the examples).
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// What one build made: the PDF, the fixed-layout EPUB, the pages as SVG.
#[derive(PartialEq)]
struct Made {
    pdf: Vec<u8>,
    epub: Vec<u8>,
    svgs: Vec<String>,
}

/// The examples' copy, and the memos of a watching process (its builds
/// write files) and of a serving one (its builds draw pages).
struct Edition {
    dir: PathBuf,
    watch: Arc<Memo>,
    serve: Arc<Memo>,
}

impl Edition {
    fn options(&self, name: &str, memo: Option<&Arc<Memo>>) -> Options {
        Options {
            input: self.dir.join("edition-12.toml"),
            pdf: Some(Some(self.dir.join(format!("{name}.pdf")))),
            epub: Some(Some(self.dir.join(format!("{name}.epub")))),
            fixed_epub: Some(true),
            font_dirs: vec![self.dir.join("fonts")],
            no_cache: true,
            memo: memo.cloned(),
            ..Default::default()
        }
    }

    /// A build with the memos (`memo`) or without.
    fn build(&self, name: &str, memo: bool) -> Made {
        let opts = self.options(name, memo.then_some(&self.watch));
        compile(&opts).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let svgs = preview(&self.options(name, memo.then_some(&self.serve)))
            .unwrap_or_else(|e| panic!("{name} preview: {e:?}"))
            .svgs;
        let read = |ext: &str| std::fs::read(self.dir.join(format!("{name}.{ext}"))).unwrap();
        Made {
            pdf: read("pdf"),
            epub: read("epub"),
            svgs,
        }
    }

    /// A build with the memo after `change`: it differs from the one
    /// before and equals a build without the memo; what it reused.
    fn after(&self, what: &str, before: &Made, change: impl FnOnce(&Path)) -> (Made, String) {
        change(&self.dir);
        let kept = self.build("kept", true);
        let reuse = format!("{}; {}", self.watch.reuse(), self.serve.reuse());
        let fresh = self.build("fresh", false);
        assert!(kept.pdf != before.pdf, "{what}: the PDF did not change");
        assert!(kept.svgs != before.svgs, "{what}: no page SVG changed");
        assert!(
            kept.pdf == fresh.pdf,
            "{what}: the PDF differs from a fresh build's"
        );
        assert!(
            kept.epub == fresh.epub,
            "{what}: the EPUB differs from a fresh build's"
        );
        for (k, (a, b)) in kept.svgs.iter().zip(&fresh.svgs).enumerate() {
            assert!(
                a == b,
                "{what}: page {k}'s SVG differs from a fresh build's"
            );
        }
        assert_eq!(kept.svgs.len(), fresh.svgs.len(), "{what}: pages");
        eprintln!("{what}: {reuse}");
        (kept, reuse)
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no `{from}`", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// A system font for the font folder: the Latin face of the layout's
/// body text, found only there.
const DEJAVU: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf";

#[test]
fn builds_with_the_memo_equal_fresh_builds_after_every_kind_of_change() {
    let tmp = common::tempdir();
    let dir = tmp.path().join("ex");
    copy_tree(&common::root().join("examples"), &dir);
    std::fs::create_dir_all(dir.join("fonts")).unwrap();
    // A layout of its own, whose body text takes its Latin letters and
    // figures from a face in the font folder once it is there.
    std::fs::write(
        dir.join("mine.toml"),
        "extends = \"broadsheet\"\nname = \"mine\"\n\n[fonts.song]\nlatin = [\"DejaVu Serif\"]\n",
    )
    .unwrap();
    edit(
        &dir.join("edition-12.toml"),
        "layout = \"broadsheet\"",
        "layout = \"mine.toml\"",
    );
    let e = Edition {
        dir,
        watch: Arc::default(),
        serve: Arc::default(),
    };
    let first = e.build("kept", true);
    assert_eq!(first.svgs.len(), 2, "edition-12 has two pages");

    // An article of page 13 (its second): page 12 is taken as it was.
    let (made, reuse) = e.after("an article's text", &first, |d| {
        edit(&d.join("old-lift.md"), "。", "。补记一句。")
    });
    assert!(
        reuse.contains("pages: 1 reused, 1 composed") && reuse.contains("page SVGs: 1 reused"),
        "page 12 was composed or drawn again: {reuse}"
    );
    // Seven articles on page 12; page 13 makes up its five and the rest
    // of 37路 from page 12. The article changed is computed three times:
    // with its headline a size clear of the lead's, at the lead's, and at
    // its own size, as page 13 stops short of its foot under the caps and
    // is made up each way.
    assert!(reuse.contains("variants: 15 reused, 3 computed"), "{reuse}");

    // The figures swapped: other sizes, other pixels, the same names.
    let made = e
        .after("a figure", &made, |d| {
            let (a, b) = (d.join("figures/route.png"), d.join("figures/badge.png"));
            let t = d.join("figures/swap.png");
            std::fs::rename(&a, &t).unwrap();
            std::fs::rename(&b, &a).unwrap();
            std::fs::rename(&t, &b).unwrap();
        })
        .0;

    let made = e
        .after("the layout", &made, |d| {
            let layout = d.join("mine.toml");
            let text = std::fs::read_to_string(&layout).unwrap();
            std::fs::write(&layout, format!("{text}\n[text]\nindent = 1\n")).unwrap();
        })
        .0;

    // The pages' numbers: the jump lines and folios change.
    let made = e
        .after("the manifest", &made, |d| {
            edit(&d.join("edition-12.toml"), "number = 12", "number = 22")
        })
        .0;

    if Path::new(DEJAVU).is_file() {
        e.after("the font folder", &made, |d| {
            std::fs::copy(DEJAVU, d.join("fonts/DejaVuSerif.ttf")).unwrap();
        });
    } else {
        // CI installs it (fonts-dejavu-core) and requires every step.
        assert!(
            std::env::var_os("TYPESET_REQUIRE_TOOLS").is_none(),
            "the font folder's change needs {DEJAVU} (fonts-dejavu-core)"
        );
        eprintln!("the font folder's change not tried: no {DEJAVU} (fonts-dejavu-core)");
    }
}
