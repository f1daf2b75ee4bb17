//! TOML front matter between `+++` lines (input-format.md).

use serde::Deserialize;
use toml::Spanned;

use super::article::{Date, Field, Kind, Meta, SerialInfo};
use crate::error::{Error, Result, Stage};
use crate::model::{Lang, Writing};
use crate::source::SourceFile;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    kind: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    title: Option<Spanned<String>>,
    kicker: Option<Spanned<String>>,
    deck: Option<Spanned<String>>,
    byline: Option<Spanned<String>>,
    lead: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
    date: Option<Spanned<toml::value::Datetime>>,
    writing: Option<Spanned<Writing>>,
    serial: Option<Spanned<RawSerial>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSerial {
    work: Option<Spanned<String>>,
    author: Option<Spanned<String>>,
    installment: Option<Spanned<i64>>,
}

pub const KNOWN_KEYS: &str = "kind, lang, title, kicker, deck, byline, lead, source, date, writing, [serial] (work, author, installment)";

/// Where the front matter is: the TOML text's byte range and the body's start.
pub struct Split {
    pub toml: std::ops::Range<usize>,
    pub body_start: usize,
}

/// Finds the `+++` fences. The opening fence must be the first line.
pub fn split(file: &SourceFile) -> Result<Split> {
    let text = &file.text;
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "+++" {
        return Err(Error::new(
            Stage::Parse,
            "the article does not start with front matter",
        )
        .at(file.at(0))
        .hint("begin the file with a line `+++`, the TOML keys (at least title = \"…\"), and another `+++` line"));
    }
    let toml_start = (first_end + 1).min(text.len());
    let mut pos = toml_start;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == "+++" {
            return Ok(Split {
                toml: toml_start..pos,
                body_start: (end + 1).min(text.len()),
            });
        }
        pos = end + 1;
    }
    Err(Error::new(Stage::Parse, "the front matter is not closed")
        .at(file.at(0))
        .hint("end the front matter with a line `+++` before the body"))
}

pub fn parse(file: &SourceFile, range: std::ops::Range<usize>) -> Result<Meta> {
    let base = range.start;
    let raw: RawMeta = toml::from_str(&file.text[range.clone()]).map_err(|e| {
        let at = file.at(base + e.span().map_or(0, |s| s.start));
        let msg = e.message().trim().to_string();
        let hint = if msg.contains("unknown field") {
            format!("the known keys are: {KNOWN_KEYS}")
        } else {
            "front matter is TOML: key = \"text\", one per line; dates as 2026-11-27".into()
        };
        Error::new(Stage::Parse, format!("front matter: {msg}"))
            .at(at)
            .hint(hint)
    })?;

    let field = |s: Spanned<String>| Field {
        loc: file.loc(base + s.span().start),
        text: s.into_inner(),
    };
    let fail = |offset: usize, msg: &str, hint: &str| {
        Error::new(Stage::Parse, msg)
            .at(file.at(base + offset))
            .hint(hint)
    };

    let kind = match &raw.kind {
        None => Kind::Feature,
        Some(k) => match k.get_ref().as_str() {
            "feature" => Kind::Feature,
            "serial" => Kind::Serial,
            other => {
                return Err(fail(
                    k.span().start,
                    &format!("unknown kind \"{other}\""),
                    "kind is \"feature\" or \"serial\"",
                ));
            }
        },
    };
    let lang = match &raw.lang {
        None => None,
        Some(l) => Some(Lang::parse(l.get_ref()).ok_or_else(|| {
            fail(
                l.span().start,
                &format!("unsupported language \"{}\"", l.get_ref()),
                "lang is one of zh-Hans, zh-Hant, ja, en (or zh-CN, zh-TW, zh-HK)",
            )
        })?),
    };
    let title = match raw.title {
        None => {
            return Err(fail(
                0,
                "the article has no title",
                "add title = \"…\" to the front matter: the headline (主题) or the installment's title",
            ));
        }
        Some(t) if t.get_ref().trim().is_empty() => {
            return Err(fail(
                t.span().start,
                "the title is empty",
                "write the headline between the quotes",
            ));
        }
        Some(t) => field(t),
    };
    let date = match raw.date {
        None => None,
        Some(d) => {
            let span = d.span();
            match d.into_inner().date {
                Some(day) => Some(Date {
                    year: day.year,
                    month: day.month,
                    day: day.day,
                }),
                None => {
                    return Err(fail(
                        span.start,
                        "the date has no day",
                        "write the date as 2026-11-27, without quotes",
                    ));
                }
            }
        }
    };
    let serial = match raw.serial {
        None => None,
        Some(s) => {
            let span = s.span();
            let s = s.into_inner();
            let need = |v: Option<Spanned<String>>, key: &str| {
                v.map(field).ok_or_else(|| {
                    fail(
                        span.start,
                        &format!("[serial] has no {key}"),
                        "a [serial] table needs work, author and installment",
                    )
                })
            };
            let work = need(s.work, "work")?;
            let author = need(s.author, "author")?;
            let installment = match s.installment {
                None => {
                    return Err(fail(
                        span.start,
                        "[serial] has no installment",
                        "add installment = 789 (the installment's number)",
                    ));
                }
                Some(n) => {
                    let v = *n.get_ref();
                    if !(1..=u32::MAX as i64).contains(&v) {
                        return Err(fail(
                            n.span().start,
                            &format!("installment {v} is not a positive number"),
                            "installments are numbered 1, 2, 3, …",
                        ));
                    }
                    v as u32
                }
            };
            Some(SerialInfo {
                work,
                author,
                installment,
            })
        }
    };
    if kind == Kind::Serial && serial.is_none() {
        return Err(fail(
            raw.kind.as_ref().map_or(0, |k| k.span().start),
            "kind = \"serial\" but there is no [serial] table",
            "add [serial] with work = \"…\", author = \"…\" and installment = N",
        ));
    }
    let lead = match raw.lead {
        None => Vec::new(),
        Some(l) => {
            let start = l.span().start;
            let loc = file.loc(base + start);
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
    };
    Ok(Meta {
        kind,
        lang,
        title,
        kicker: raw.kicker.map(field).filter(|f| !f.text.trim().is_empty()),
        deck: raw.deck.map(field).filter(|f| !f.text.trim().is_empty()),
        byline: raw.byline.map(field).filter(|f| !f.text.trim().is_empty()),
        lead,
        source: raw.source.map(field).filter(|f| !f.text.trim().is_empty()),
        date,
        writing: raw.writing.map(|w| w.into_inner()),
        serial,
    })
}
