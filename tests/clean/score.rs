//! The held-out sets' score: what heldout.rs counts for each input and set.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::corpus::{Art, parse};

/// The binary scored: this build's, or `CLEAN_CORPUS_BIN`'s.
pub(super) fn bin() -> PathBuf {
    std::env::var_os("CLEAN_CORPUS_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_typeset")))
}

/// Runs `typeset clean INPUT -o OUT/NAME/ --report OUT/NAME.report`;
/// returns the articles it wrote, in the order it wrote them (NAME-1.md,
/// NAME-2.md, …), and the report's path.
pub(super) fn clean_into(input: &Path, out: &Path, name: &str) -> (Vec<Art>, PathBuf) {
    let dir = out.join(name);
    let report = out.join(format!("{name}.report"));
    std::fs::create_dir_all(&dir).expect("dir");
    let o = Command::new(bin())
        .arg("clean")
        .arg(input)
        .arg("-o")
        .arg(format!("{}/", dir.display()))
        .arg("--report")
        .arg(&report)
        .output()
        .expect("run clean");
    assert!(
        o.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("outputs")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort_by_key(|p| {
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
        stem.and_then(|s| s.rsplit('-').next()?.parse::<usize>().ok())
    });
    let got = files
        .iter()
        .map(|p| parse(&std::fs::read_to_string(p).expect("article")))
        .collect();
    (got, report)
}

#[derive(Debug, Default)]
pub(super) struct Score {
    pub(super) inputs: usize,
    pub(super) split_right: usize,
    pub(super) paras: usize,
    pub(super) paras_found: usize,
    /// Of the paragraphs not found, those the OCR text does not hold in
    /// one run of lines; the same for heads.
    pub(super) paras_lost: usize,
    pub(super) heads: usize,
    pub(super) heads_found: usize,
    pub(super) heads_lost: usize,
    pub(super) fields_wrong: usize,
    /// Of those, fields whose value the OCR text does not hold.
    pub(super) fields_lost: usize,
    pub(super) furniture: usize,
    pub(super) furniture_left: usize,
    pub(super) text_removed: usize,
    /// Stretches of columns read across (the scan set's NAME.across), and
    /// of those, the ones a `warning:` line of the report names.
    pub(super) across: usize,
    pub(super) across_reported: usize,
}

impl Score {
    pub(super) fn add(&mut self, o: &Score) {
        self.inputs += o.inputs;
        self.split_right += o.split_right;
        self.paras += o.paras;
        self.paras_found += o.paras_found;
        self.paras_lost += o.paras_lost;
        self.heads_lost += o.heads_lost;
        self.heads += o.heads;
        self.heads_found += o.heads_found;
        self.fields_wrong += o.fields_wrong;
        self.fields_lost += o.fields_lost;
        self.furniture += o.furniture;
        self.furniture_left += o.furniture_left;
        self.text_removed += o.text_removed;
        self.across += o.across;
        self.across_reported += o.across_reported;
    }

    pub(super) fn line(&self) -> String {
        format!(
            "split right {}/{}; paragraphs {}/{} ({:.1} %; {} not in the OCR text); heads {}/{} ({:.1} %; {} not in the OCR text); fields wrong {} ({} not in the OCR text); furniture left {}/{} ({:.1} %); text lines removed {}; columns read across reported {}/{}",
            self.split_right,
            self.inputs,
            self.paras_found,
            self.paras,
            pct(self.paras_found, self.paras),
            self.paras_lost,
            self.heads_found,
            self.heads,
            pct(self.heads_found, self.heads),
            self.heads_lost,
            self.fields_wrong,
            self.fields_lost,
            self.furniture_left,
            self.furniture,
            pct(self.furniture_left, self.furniture),
            self.text_removed,
            self.across_reported,
            self.across
        )
    }
}

pub(super) fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        100.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

/// The stretches of columns read across that a set records for an input
/// (NAME.across: each stretch's first and last line), and how many of
/// them a `warning:` line of the report points into: the report must say
/// the text was read across, never give a scrambled article silently.
pub(super) fn across(across: &std::path::Path, report: &str, s: &mut Score) {
    let Ok(text) = std::fs::read_to_string(across) else {
        return;
    };
    // The lines a warning names: its range ("lines 86–136"), else its own
    // line.
    let warned: Vec<(usize, usize)> = report
        .lines()
        .filter(|l| l.contains(": warning: ") && l.contains("column"))
        .filter_map(|l| {
            let range = l.split("lines ").nth(1).and_then(|r| {
                let (a, b) = r.split_once('–')?;
                let b: String = b.chars().take_while(char::is_ascii_digit).collect();
                Some((a.parse().ok()?, b.parse().ok()?))
            });
            let own = l.split(':').nth(1)?.parse().ok()?;
            Some(range.unwrap_or((own, own)))
        })
        .collect();
    for stretch in text.lines() {
        let mut ends = stretch.split(' ').filter_map(|n| n.parse::<usize>().ok());
        let (Some(first), Some(last)) = (ends.next(), ends.next()) else {
            panic!("{}: bad line {stretch:?}", across.display());
        };
        s.across += 1;
        if warned.iter().any(|&(a, b)| a <= last && first <= b) {
            s.across_reported += 1;
        } else {
            eprintln!(
                "  {}: lines {first}-{last} read across, not reported",
                across.display()
            );
        }
    }
}

/// What a held-out set must still reach: the floors at what this build
/// scores (a change to the structure stage must not lower them).
pub(super) struct Floors {
    /// Inputs split wrong, at the most.
    pub(super) split_wrong: usize,
    /// Paragraphs and heads found, in per cent, at the least.
    pub(super) paras: f64,
    pub(super) heads: f64,
    /// Front-matter fields wrong, at the most.
    pub(super) fields: usize,
    /// Furniture lines left, in per cent, at the most.
    pub(super) furniture: f64,
}

impl Floors {
    /// Asserts `t` reaches the floors and, above all, that no text line
    /// was removed. Another binary's scores (`CLEAN_CORPUS_BIN`) are only
    /// printed.
    pub(super) fn check(&self, set: &str, t: &Score) {
        if std::env::var_os("CLEAN_CORPUS_BIN").is_some() {
            return;
        }
        assert_eq!(t.text_removed, 0, "{set}: text lines removed");
        let wrong = t.inputs - t.split_right;
        assert!(wrong <= self.split_wrong, "{set}: articles split right");
        let paras = pct(t.paras_found, t.paras);
        assert!(paras >= self.paras, "{set}: paragraphs found {paras:.1}");
        let heads = pct(t.heads_found, t.heads);
        assert!(heads >= self.heads, "{set}: heads found {heads:.1}");
        assert!(
            t.fields_wrong <= self.fields,
            "{set}: front-matter fields wrong"
        );
        let left = pct(t.furniture_left, t.furniture);
        assert!(left <= self.furniture, "{set}: furniture left {left:.1}");
    }
}
