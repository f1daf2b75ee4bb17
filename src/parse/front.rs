//! Front matter: TOML between `+++` lines, or YAML between `---` lines (as
//! pandoc, Hugo and Jekyll write it; read in yaml.rs into the same keys).
//! docs/article.md describes the keys.

use serde::Deserialize;
use toml::Spanned;

use super::article::{Date, Field, Kind, Meta, SerialInfo};
use crate::error::{Error, Result, Stage};
use crate::model::{Lang, Writing};
use crate::source::SourceFile;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMeta {
    pub(super) kind: Option<Spanned<String>>,
    pub(super) lang: Option<Spanned<String>>,
    pub(super) title: Option<Spanned<String>>,
    pub(super) kicker: Option<Spanned<String>>,
    pub(super) deck: Option<Spanned<String>>,
    pub(super) byline: Option<Spanned<String>>,
    pub(super) lead: Option<Spanned<String>>,
    pub(super) source: Option<Spanned<String>>,
    pub(super) date: Option<Spanned<toml::value::Datetime>>,
    pub(super) writing: Option<Spanned<Writing>>,
    pub(super) serial: Option<Spanned<RawSerial>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSerial {
    pub(super) work: Option<Spanned<String>>,
    pub(super) author: Option<Spanned<String>>,
    pub(super) installment: Option<Spanned<i64>>,
}

pub const KNOWN_KEYS: &str = "kind, lang, title, kicker, deck, byline, lead, source, date, writing, [serial] (work, author, installment)";

/// Where the front matter is: its text's byte range (between the fences),
/// whether it is YAML, and the body's start.
pub struct Split {
    pub range: std::ops::Range<usize>,
    pub yaml: bool,
    pub body_start: usize,
}

/// Finds the fences: `+++` around TOML, or `---` around YAML (closed by
/// `---` or `...`). The opening fence must be the first line.
pub fn split(file: &SourceFile) -> Result<Split> {
    let text = &file.text;
    let first_end = text.find('\n').unwrap_or(text.len());
    let yaml = match text[..first_end].trim_end() {
        "+++" => false,
        "---" => true,
        _ => {
            return Err(Error::new(
                Stage::Parse,
                "the article does not start with front matter",
            )
            .at(file.at(0))
            .hint("begin the file with a line `+++`, the TOML keys (at least title = \"…\"), and another `+++` line (or YAML between `---` lines)"));
        }
    };
    let start = (first_end + 1).min(text.len());
    let mut pos = start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = text[pos..end].trim_end();
        if line == "+++" && !yaml || (line == "---" || line == "...") && yaml {
            return Ok(Split {
                range: start..pos,
                yaml,
                body_start: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    let fence = if yaml { "---" } else { "+++" };
    Err(Error::new(Stage::Parse, "the front matter is not closed")
        .at(file.at(0))
        .hint(format!(
            "end the front matter with a line `{fence}` before the body"
        )))
}

/// The front matter found by [`split`], read and checked.
pub fn parse(file: &SourceFile, split: &Split) -> Result<Meta> {
    let range = split.range.clone();
    let raw = if split.yaml {
        super::yaml::raw_meta(file, range.clone())?
    } else {
        toml_meta(file, range.clone())?
    };
    check(file, range.start, raw)
}

fn toml_meta(file: &SourceFile, range: std::ops::Range<usize>) -> Result<RawMeta> {
    let base = range.start;
    toml::from_str(&file.text[range]).map_err(|e| {
        let offset = base + e.span().map_or(0, |s| s.start);
        key_error(file, offset, e.message(), false)
    })
}

/// A serde message about the front matter (an unknown key, a value of the
/// wrong type) at byte `offset` of the file, with "did you mean" for a
/// misspelled key or value.
pub(super) fn key_error(file: &SourceFile, offset: usize, message: &str, yaml: bool) -> Error {
    let (msg, guess) = crate::diag::unknown_name(message);
    let hint = if msg.starts_with("unknown field") {
        format!("{guess}the known keys are: {KNOWN_KEYS} (docs/article.md)")
    } else if !guess.is_empty() {
        guess.trim_end().to_string()
    } else if yaml {
        "front matter in YAML: `key: text`, one per line; `serial:` with its keys indented under it; dates as 2026-11-27".into()
    } else {
        "front matter is TOML: key = \"text\", one per line; dates as 2026-11-27".into()
    };
    Error::new(Stage::Parse, format!("front matter: {msg}"))
        .at(file.at(offset))
        .hint(hint)
}

/// The keys' values checked: `base` is where the front matter's text
/// starts in the file (the spans count from there).
fn check(file: &SourceFile, base: usize, raw: RawMeta) -> Result<Meta> {
    let f = Front { file, base };
    // Checked in the order of the keys in input-format.md.
    let kind = f.kind(&raw.kind)?;
    let lang = f.lang(&raw.lang)?;
    let title = f.title(raw.title)?;
    let date = raw.date.map(|d| f.date(d)).transpose()?;
    let serial = raw.serial.map(|s| f.serial(s)).transpose()?;
    if kind == Kind::Serial && serial.is_none() {
        return Err(f.fail(
            raw.kind.as_ref().map_or(0, |k| k.span().start),
            "kind = \"serial\" but there is no [serial] table",
            "add [serial] with work = \"…\", author = \"…\" and installment = N",
        ));
    }
    let text =
        |v: Option<Spanned<String>>| v.map(|v| f.field(v)).filter(|f| !f.text.trim().is_empty());
    Ok(Meta {
        kind,
        lang,
        title,
        kicker: text(raw.kicker),
        deck: text(raw.deck),
        byline: text(raw.byline),
        lead: raw.lead.map_or_else(Vec::new, |l| f.lead(l)),
        source: text(raw.source),
        date,
        writing: raw.writing.map(|w| w.into_inner()),
        serial,
    })
}

/// The front matter's TOML inside its file: offsets in the TOML become
/// places in the file.
struct Front<'a> {
    file: &'a SourceFile,
    base: usize,
}

impl Front<'_> {
    fn field(&self, s: Spanned<String>) -> Field {
        Field {
            loc: self.file.loc(self.base + s.span().start),
            text: s.into_inner(),
        }
    }

    fn fail(&self, offset: usize, msg: &str, hint: &str) -> Error {
        Error::new(Stage::Parse, msg)
            .at(self.file.at(self.base + offset))
            .hint(hint)
    }

    fn kind(&self, kind: &Option<Spanned<String>>) -> Result<Kind> {
        let Some(k) = kind else {
            return Ok(Kind::Feature);
        };
        match k.get_ref().as_str() {
            "feature" => Ok(Kind::Feature),
            "serial" => Ok(Kind::Serial),
            other => Err(self.fail(
                k.span().start,
                &format!("unknown kind \"{other}\""),
                &format!(
                    "{}kind is \"feature\" or \"serial\"",
                    crate::diag::did_you_mean(other, ["feature", "serial"])
                ),
            )),
        }
    }

    /// The language as written; `None` leaves it to resolve.
    fn lang(&self, lang: &Option<Spanned<String>>) -> Result<Option<Lang>> {
        let Some(l) = lang else { return Ok(None) };
        Lang::parse(l.get_ref()).map(Some).ok_or_else(|| {
            self.fail(
                l.span().start,
                &format!("unsupported language \"{}\"", l.get_ref()),
                "lang is one of zh-Hans, zh-Hant, ja, en (or zh-CN, zh-TW, zh-HK)",
            )
        })
    }

    fn title(&self, title: Option<Spanned<String>>) -> Result<Field> {
        match title {
            None => Err(self.fail(
                0,
                "the article has no title",
                "add title = \"…\" to the front matter (in YAML, title: …): the headline (主题) or the installment's title",
            )),
            Some(t) if t.get_ref().trim().is_empty() => Err(self.fail(
                t.span().start,
                "the title is empty",
                "write the headline between the quotes",
            )),
            Some(t) => Ok(self.field(t)),
        }
    }

    fn date(&self, d: Spanned<toml::value::Datetime>) -> Result<Date> {
        let span = d.span();
        let day = d.into_inner().date.ok_or_else(|| {
            self.fail(
                span.start,
                "the date has no day",
                "write the date as 2026-11-27, without quotes",
            )
        })?;
        Ok(Date {
            year: day.year,
            month: day.month,
            day: day.day,
        })
    }

    fn serial(&self, s: Spanned<RawSerial>) -> Result<SerialInfo> {
        let span = s.span();
        let s = s.into_inner();
        let need = |v: Option<Spanned<String>>, key: &str| {
            v.map(|v| self.field(v)).ok_or_else(|| {
                self.fail(
                    span.start,
                    &format!("[serial] has no {key}"),
                    "a [serial] table needs work, author and installment",
                )
            })
        };
        let work = need(s.work, "work")?;
        let author = need(s.author, "author")?;
        let n = s.installment.ok_or_else(|| {
            self.fail(
                span.start,
                "[serial] has no installment",
                "add installment = 789 (the installment's number)",
            )
        })?;
        let v = *n.get_ref();
        if !(1..=u32::MAX as i64).contains(&v) {
            return Err(self.fail(
                n.span().start,
                &format!("installment {v} is not a positive number"),
                "installments are numbered 1, 2, 3, …",
            ));
        }
        Ok(SerialInfo {
            work,
            author,
            installment: v as u32,
        })
    }

    /// The lead: one field per paragraph (blank-line separated), all at the
    /// key's place.
    fn lead(&self, l: Spanned<String>) -> Vec<Field> {
        let loc = self.file.loc(self.base + l.span().start);
        l.into_inner()
            .split("\n\n")
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .map(|p| Field {
                text: p.replace('\n', ""),
                loc,
            })
            .collect()
    }
}
