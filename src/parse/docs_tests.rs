//! docs/ cannot drift from the parsers: every key a parser accepts is a
//! row of its table in docs/, and every row is a key the parser accepts.
//! The parsers' keys come from serde itself: an unknown key's error lists
//! every field of the table it is in.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;

/// The fields serde expects in the table where `toml` puts an unknown key
/// (`zz_not_a_key`), each with `prefix` before it.
fn fields<T: DeserializeOwned>(toml: &str, prefix: &str) -> BTreeSet<String> {
    let Err(e) = toml::from_str::<T>(toml) else {
        panic!("an unknown key was accepted in {toml}");
    };
    let msg = e.message().to_string();
    let expected = msg
        .split_once("expected")
        .unwrap_or_else(|| panic!("no field list in {msg}"))
        .1;
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|f| format!("{prefix}{f}"))
        .collect()
}

/// The keys in the first column of a docs/ file's tables (`| `key` |`).
fn documented(file: &str) -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("docs/ is in the repository");
    text.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(key, _)| key.to_string())
        .collect()
}

fn same(file: &str, code: BTreeSet<String>) {
    let docs = documented(file);
    let undocumented: Vec<_> = code.difference(&docs).collect();
    let unknown: Vec<_> = docs.difference(&code).collect();
    assert!(
        undocumented.is_empty() && unknown.is_empty(),
        "docs/{file}: keys the parser accepts but the table lacks: {undocumented:?}; \
         rows the parser does not accept: {unknown:?}"
    );
}

const UNKNOWN: &str = "zz_not_a_key = 0\n";

#[test]
fn docs_article_lists_every_front_matter_key() {
    use super::front::RawMeta;
    let mut code = fields::<RawMeta>(UNKNOWN, "");
    code.extend(fields::<RawMeta>(
        &format!("[serial]\n{UNKNOWN}"),
        "serial.",
    ));
    same("article.md", code);
}

#[test]
fn docs_manifest_lists_every_manifest_key() {
    use super::manifest::RawManifest;
    let mut code = fields::<RawManifest>(UNKNOWN, "");
    code.extend(fields::<RawManifest>(
        &format!("[page]\n{UNKNOWN}"),
        "page.",
    ));
    let article = format!("[[article]]\nfile = \"a.md\"\n{UNKNOWN}");
    code.extend(fields::<RawManifest>(&article, "article."));
    same("manifest.md", code);
}

#[test]
fn docs_serial_lists_every_serial_toml_key() {
    use super::serial::RawSerial;
    let code = fields::<RawSerial>(&format!("work = \"w\"\nauthor = \"a\"\n{UNKNOWN}"), "");
    same("serial.md", code);
}
