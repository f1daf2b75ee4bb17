//! The OCR corpus (tests/fixtures/clean/corpus, written by make.py there):
//! each NAME.txt is what an OCR tool gives for a printed page, NAME.out/ the
//! articles it held, NAME.furniture the furniture lines in it. `typeset
//! clean` is scored on it the way issue 17 checks it: articles split right,
//! paragraphs exact, section heads found, front-matter fields wrong,
//! furniture left in the text, text lines removed.
//!
//! `CLEAN_CORPUS_BIN=/path/to/typeset cargo test --test clean corpus --
//! --nocapture` scores another binary (the scores are printed; the
//! thresholds apply to this build only).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::common::{root, tempdir};
use super::score::{clean_into, pct};

/// An article as the scorer compares it.
#[derive(Debug, Default)]
pub(super) struct Art {
    pub(super) fields: HashMap<&'static str, String>,
    /// The lead (导语), its paragraphs joined by blank lines.
    pub(super) lead: Option<String>,
    pub(super) paras: Vec<String>,
    pub(super) heads: Vec<String>,
}

/// Front-matter fields compared, as `key` or `serial.key`.
pub(super) const FIELDS: [&str; 10] = [
    "kind",
    "lang",
    "title",
    "kicker",
    "deck",
    "byline",
    "source",
    "serial.work",
    "serial.author",
    "serial.installment",
];

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut cs = s.chars();
    while let Some(c) = cs.next() {
        if c == '\\' {
            if let Some(d) = cs.next() {
                out.push(d);
            }
        } else {
            out.push(c);
        }
    }
    out
}

pub(super) fn parse(md: &str) -> Art {
    let mut parts = md.splitn(3, "+++\n");
    parts.next();
    let front: toml::Table = parts.next().unwrap_or("").parse().expect("front matter");
    let mut art = Art::default();
    for key in FIELDS {
        let v = match key.split_once('.') {
            Some((t, k)) => front.get(t).and_then(|t| t.get(k)),
            None => front.get(key),
        };
        if let Some(v) = v {
            let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            art.fields.insert(key, s);
        }
    }
    art.fields.entry("kind").or_insert_with(|| "feature".into());
    art.lead = front
        .get("lead")
        .and_then(|v| v.as_str())
        .map(str::to_string);
    for block in parts.next().unwrap_or("").split("\n\n") {
        let b = block.trim();
        if let Some(h) = b.strip_prefix("## ") {
            art.heads.push(unescape(h));
        } else if !b.is_empty() {
            art.paras.push(unescape(&b.replace('\n', "")));
        }
    }
    art
}

/// Scores summed over the corpus.
#[derive(Debug, Default)]
struct Score {
    inputs: usize,
    split_right: usize,
    paras: usize,
    paras_exact: usize,
    heads: usize,
    heads_found: usize,
    fields_wrong: usize,
    furniture: usize,
    furniture_left: usize,
    text_removed: usize,
}

fn corpus() -> PathBuf {
    root().join("tests/fixtures/clean/corpus")
}

/// How many of `want` are in `got` (each found once).
fn found(want: &[String], got: &[String]) -> usize {
    let mut left: Vec<&String> = got.iter().collect();
    want.iter()
        .filter(|w| {
            left.iter()
                .position(|g| g == w)
                .map(|k| left.remove(k))
                .is_some()
        })
        .count()
}

fn score_one(name: &str, out: &Path, total: &mut Score) {
    let input = corpus().join(format!("{name}.txt"));
    let (got, report) = clean_into(&input, out, name);
    let want_dir = corpus().join(format!("{name}.out"));
    let mut want_files: Vec<PathBuf> = std::fs::read_dir(&want_dir)
        .expect("expected articles")
        .map(|e| e.expect("entry").path())
        .collect();
    want_files.sort();
    let want: Vec<Art> = want_files
        .iter()
        .map(|p| parse(&std::fs::read_to_string(p).expect("article")))
        .collect();
    let mut s = Score {
        inputs: 1,
        split_right: usize::from(got.len() == want.len()),
        ..Score::default()
    };
    for (k, w) in want.iter().enumerate() {
        // Split right: article k against article k; otherwise against the
        // article sharing most paragraphs with it.
        let g = if got.len() == want.len() {
            got.get(k)
        } else {
            got.iter().max_by_key(|g| found(&w.paras, &g.paras))
        };
        let empty = Art::default();
        let g = g.unwrap_or(&empty);
        s.paras += w.paras.len();
        s.paras_exact += found(&w.paras, &g.paras);
        s.heads += w.heads.len();
        s.heads_found += found(&w.heads, &g.heads);
        for key in FIELDS {
            if w.fields.get(key) != g.fields.get(key) {
                s.fields_wrong += 1;
                eprintln!(
                    "  {name} #{}: {key}: want {:?} got {:?}",
                    k + 1,
                    w.fields.get(key),
                    g.fields.get(key)
                );
            }
        }
        for p in w.paras.iter().filter(|p| !g.paras.contains(p)) {
            eprintln!("  {name} #{}: paragraph not found: {p}", k + 1);
        }
        for h in w.heads.iter().filter(|h| !g.heads.contains(h)) {
            eprintln!("  {name} #{}: head not found: {h}", k + 1);
        }
    }
    let titles: Vec<&String> = want.iter().filter_map(|w| w.fields.get("title")).collect();
    furniture(name, &input, &report, &titles, &mut s);
    eprintln!(
        "{name}: {} article(s) for {}, paragraphs {}/{}, heads {}/{}, fields wrong {}, furniture left {}/{}, text lines removed {}",
        got.len(),
        want.len(),
        s.paras_exact,
        s.paras,
        s.heads_found,
        s.heads,
        s.fields_wrong,
        s.furniture_left,
        s.furniture,
        s.text_removed
    );
    total.inputs += s.inputs;
    total.split_right += s.split_right;
    total.paras += s.paras;
    total.paras_exact += s.paras_exact;
    total.heads += s.heads;
    total.heads_found += s.heads_found;
    total.fields_wrong += s.fields_wrong;
    total.furniture += s.furniture;
    total.furniture_left += s.furniture_left;
    total.text_removed += s.text_removed;
}

/// Furniture lines not reported as removed, and removed lines that are
/// not furniture. A running head that repeats a headline is furniture
/// where it repeats it: the headline's own line (its first occurrence)
/// is scored as the title.
fn furniture(name: &str, input: &Path, report: &Path, titles: &[&String], s: &mut Score) {
    let listed: Vec<String> = std::fs::read_to_string(corpus().join(format!("{name}.furniture")))
        .expect("furniture list")
        .lines()
        .map(str::to_string)
        .collect();
    let text = std::fs::read_to_string(input).expect("input");
    let report = std::fs::read_to_string(report).expect("report");
    let removed: Vec<usize> = report
        .lines()
        .filter(|l| l.contains(": removed: "))
        .filter_map(|l| l.split(':').nth(1)?.parse().ok())
        .collect();
    let mut headlines: Vec<&String> = titles.to_vec();
    for (k, line) in text.lines().enumerate() {
        let no = k + 1;
        if let Some(at) = headlines.iter().position(|t| t.as_str() == line.trim()) {
            headlines.remove(at);
            continue;
        }
        let is_furniture = listed.iter().any(|f| f == line.trim());
        if is_furniture {
            s.furniture += 1;
            if !removed.contains(&no) {
                s.furniture_left += 1;
                eprintln!("  {name}:{no}: furniture left: {}", line.trim());
            }
        } else if removed.contains(&no) {
            s.text_removed += 1;
            eprintln!("  {name}:{no}: TEXT REMOVED: {}", line.trim());
        }
    }
}

#[test]
fn corpus_scores() {
    let out = tempdir();
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .expect("corpus")
        .filter_map(|e| {
            let p = e.expect("entry").path();
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            (p.extension()? == "txt").then_some(stem)
        })
        .collect();
    names.sort();
    assert!(names.len() >= 24, "{} inputs", names.len());
    let mut t = Score::default();
    for name in &names {
        score_one(name, out.path(), &mut t);
    }
    eprintln!(
        "corpus ({} inputs): split right {}/{}; paragraphs exact {}/{} ({:.1} %); heads found {}/{} ({:.1} %); front-matter fields wrong {}; furniture left {}/{} ({:.1} %); text lines removed {}",
        t.inputs,
        t.split_right,
        t.inputs,
        t.paras_exact,
        t.paras,
        pct(t.paras_exact, t.paras),
        t.heads_found,
        t.heads,
        pct(t.heads_found, t.heads),
        t.fields_wrong,
        t.furniture_left,
        t.furniture,
        pct(t.furniture_left, t.furniture),
        t.text_removed
    );
    if std::env::var_os("CLEAN_CORPUS_BIN").is_some() {
        return;
    }
    assert_eq!(t.split_right, t.inputs, "articles split wrong");
    assert!(pct(t.paras_exact, t.paras) >= 98.5, "paragraphs exact");
    assert!(pct(t.heads_found, t.heads) >= 90.0, "heads found");
    assert!(t.fields_wrong <= 5, "front-matter fields wrong");
    assert!(pct(t.furniture_left, t.furniture) <= 10.0, "furniture left");
    assert_eq!(t.text_removed, 0, "text lines removed");
}
