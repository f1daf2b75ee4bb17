//! Error messages as the user sees them, compared whole with snapshots in
//! tests/fixtures/diagnostics/ (`TYPESET_BLESS=1 cargo test --test
//! diagnostics` rewrites them): the source line with a caret under the
//! column, the hint, "did you mean" for a misspelling.

mod common;

use std::path::Path;

use common::*;

const ARTICLE: &str = "+++\ntitle = \"末班车\"\nbylin = \"本报记者 林晓舟\"\n+++\n\n正文。\n";

/// Files written into a fresh folder, typeset run there on `args`; the
/// snapshot `name` holds its stderr (paths relative to the folder).
fn case(name: &str, files: &[(&str, &str)], args: &[&str]) {
    let dir = tempdir();
    for (file, text) in files {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    let out = typeset(&args).current_dir(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{name}");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let snapshot = root()
        .join("tests/fixtures/diagnostics")
        .join(format!("{name}.txt"));
    if blessing() {
        std::fs::create_dir_all(snapshot.parent().unwrap()).unwrap();
        std::fs::write(&snapshot, &err).unwrap();
    }
    let want = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert_eq!(err, want, "{name}: stderr differs from {}", show(&snapshot));
}

fn show(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn a_misspelled_front_matter_key_is_shown_with_the_key_meant() {
    case("front-matter-key", &[("a.md", ARTICLE)], &["a.md"]);
}

#[test]
fn a_misspelled_value_is_shown_with_the_value_meant() {
    let text = "+++\ntitle = \"末班车\"\nwriting = \"vertcal\"\n+++\n\n正文。\n";
    case("front-matter-value", &[("a.md", text)], &["a.md"]);
}

/// YAML front matter is read with the same checks, and its errors are
/// located in the YAML: a misspelled key, a misspelled value, a serial
/// without its installment, and YAML that does not parse.
#[test]
fn yaml_front_matter_errors_are_located_in_the_yaml() {
    let key = "---\ntitle: 末班车\nbylin: 本报记者 林晓舟\n---\n\n正文。\n";
    case("yaml-key", &[("a.md", key)], &["a.md"]);
    let value = "---\ntitle: 末班车\nwriting: vertcal\n---\n\n正文。\n";
    case("yaml-value", &[("a.md", value)], &["a.md"]);
    let serial = "---\nkind: serial\ntitle: 第3回\nserial:\n  work: 长河灯影\n  author: 沈南星\n  installment: three\n---\n\n正文。\n";
    case("yaml-installment", &[("a.md", serial)], &["a.md"]);
    let broken = "---\ntitle: 末班车\ndeck: \"没有收尾的引号\nbyline: 林晓舟\n---\n\n正文。\n";
    case("yaml-syntax", &[("a.md", broken)], &["a.md"]);
}

#[test]
fn a_misspelled_layout_name_is_shown_with_the_layout_meant() {
    let ok = "+++\ntitle = \"末班车\"\n+++\n\n正文。\n";
    case(
        "layout-name",
        &[("a.md", ok)],
        &["a.md", "--layout", "featur"],
    );
}

#[test]
fn a_missing_layout_file_is_named_as_given() {
    let ok = "+++\ntitle = \"末班车\"\n+++\n\n正文。\n";
    case(
        "layout-path",
        &[("a.md", ok)],
        &["a.md", "--layout", "nothere.toml"],
    );
}

#[test]
fn an_output_folder_is_not_a_file_name() {
    let ok = "+++\ntitle = \"末班车\"\n+++\n\n正文。\n";
    case(
        "output-folder",
        &[("a.md", ok), ("out/keep", "")],
        &["a.md", "--pdf", "out/"],
    );
}

#[test]
fn a_manifests_unknown_layout_and_keys_are_located() {
    let ok = "+++\ntitle = \"末班车\"\n+++\n\n正文。\n";
    let layout = "layout = \"broadshet\"\n[[article]]\nfile = \"a.md\"\n";
    case(
        "manifest-layout",
        &[("a.md", ok), ("p.toml", layout)],
        &["p.toml"],
    );
    let key = "[[article]]\nfile = \"a.md\"\ncolums = 2\n";
    case(
        "manifest-key",
        &[("a.md", ok), ("p.toml", key)],
        &["p.toml"],
    );
}

#[test]
fn a_serials_unknown_layout_is_located() {
    let part = "+++\nkind = \"serial\"\ntitle = \"第一回\"\n[serial]\nwork = \"书\"\nauthor = \"某\"\ninstallment = 1\n+++\n\n正文。\n";
    let serial = "work = \"书\"\nauthor = \"某\"\nlayout = \"bok\"\n";
    case(
        "serial-layout",
        &[("s/serial.toml", serial), ("s/0001.md", part)],
        &["s"],
    );
}
