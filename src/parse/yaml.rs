//! YAML front matter between `---` lines, as pandoc, Hugo and Jekyll write
//! it, read with saphyr into the same keys as the TOML (front.rs checks
//! both alike): every value keeps its place in the file, so that errors are
//! located within the YAML.

use std::ops::Range;

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use serde::Deserialize;
use serde::de::Error as _;
use serde::de::value::{Error as DeError, StrDeserializer};
use toml::Spanned;

use super::front::{RawMeta, RawSerial, key_error};
use crate::error::{Error, Result, Stage};
use crate::source::SourceFile;

/// The keys of the front matter and of its `serial:` table, as serde names
/// them for RawMeta and RawSerial (a unit test holds them to serde's).
const META_KEYS: &[&str] = &[
    "kind", "lang", "title", "kicker", "deck", "byline", "lead", "source", "date", "writing",
    "serial",
];
const SERIAL_KEYS: &[&str] = &["work", "author", "installment"];

/// The YAML in `range` of the file as the front matter's raw keys, their
/// spans counted from the range's start as the TOML's are.
pub(super) fn raw_meta(file: &SourceFile, range: Range<usize>) -> Result<RawMeta> {
    let y = Yaml {
        file,
        base: range.start,
        text: &file.text[range],
    };
    let docs = MarkedYaml::load_from_str(y.text).map_err(|e| {
        Error::new(
            Stage::Parse,
            format!("front matter (YAML): {}", e.info()),
        )
        .at(file.at(y.base + y.byte(e.marker().index())))
        .hint("check the YAML's indentation and quotes; a value with `: ` or `#` in it goes in quotes")
    })?;
    let Some(root) = docs.first() else {
        return y.meta_of(&[]);
    };
    match &root.data {
        YamlData::Mapping(m) => {
            let pairs: Vec<_> = m.iter().collect();
            y.meta_of(&pairs)
        }
        YamlData::Value(Scalar::Null) => y.meta_of(&[]),
        _ => Err(y.fail(root, "not `key: value` lines")),
    }
}

struct Yaml<'a> {
    file: &'a SourceFile,
    base: usize,
    text: &'a str,
}

type Pair<'a, 'b> = (&'b MarkedYaml<'a>, &'b MarkedYaml<'a>);

impl<'a> Yaml<'a> {
    /// The byte offset in the YAML text of saphyr's character index.
    fn byte(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// The node's byte range in the YAML text.
    fn span(&self, node: &MarkedYaml) -> Range<usize> {
        let start = self.byte(node.span.start.index());
        start..self.byte(node.span.end.index()).max(start)
    }

    fn fail(&self, node: &MarkedYaml, message: &str) -> Error {
        key_error(self.file, self.base + self.span(node).start, message, true)
    }

    /// The key's name, or an error at it.
    fn key<'b>(&self, key: &'b MarkedYaml<'a>, known: &'static [&'static str]) -> Result<&'b str> {
        match &key.data {
            YamlData::Value(Scalar::String(s)) if known.contains(&s.as_ref()) => Ok(s),
            YamlData::Value(Scalar::String(s)) => {
                Err(self.fail(key, &DeError::unknown_field(s, known).to_string()))
            }
            _ => Err(self.fail(key, "a key is not a name")),
        }
    }

    fn meta_of(&self, pairs: &[Pair<'a, '_>]) -> Result<RawMeta> {
        let mut m = RawMeta::default();
        for (key, value) in pairs {
            let name = self.key(key, META_KEYS)?;
            if is_null(value) {
                continue;
            }
            match name {
                "kind" => m.kind = Some(self.text_of(value)?),
                "lang" => m.lang = Some(self.text_of(value)?),
                "title" => m.title = Some(self.text_of(value)?),
                "kicker" => m.kicker = Some(self.text_of(value)?),
                "deck" => m.deck = Some(self.text_of(value)?),
                "byline" => m.byline = Some(self.text_of(value)?),
                "lead" => m.lead = Some(self.text_of(value)?),
                "source" => m.source = Some(self.text_of(value)?),
                "date" => {
                    let s = self.text_of(value)?;
                    let d = s.get_ref().parse::<toml::value::Datetime>().map_err(|_| {
                        self.fail(value, &format!("\"{}\" is not a date", s.get_ref()))
                    })?;
                    m.date = Some(Spanned::new(s.span(), d));
                }
                "writing" => {
                    let s = self.text_of(value)?;
                    let de = StrDeserializer::<DeError>::new(s.get_ref());
                    let w = crate::model::Writing::deserialize(de)
                        .map_err(|e| self.fail(value, &e.to_string()))?;
                    m.writing = Some(Spanned::new(s.span(), w));
                }
                _ => m.serial = Some(self.serial_of(value)?),
            }
        }
        Ok(m)
    }

    fn serial_of(&self, node: &MarkedYaml<'a>) -> Result<Spanned<RawSerial>> {
        let YamlData::Mapping(map) = &node.data else {
            return Err(self.fail(
                node,
                "invalid type: serial is not a table of work, author and installment",
            ));
        };
        let mut s = RawSerial::default();
        for (key, value) in map.iter() {
            let name = self.key(key, SERIAL_KEYS)?;
            if is_null(value) {
                continue;
            }
            match name {
                "work" => s.work = Some(self.text_of(value)?),
                "author" => s.author = Some(self.text_of(value)?),
                _ => {
                    let YamlData::Value(Scalar::Integer(n)) = &value.data else {
                        let at = self.base + self.span(value).start;
                        return Err(Error::new(
                            Stage::Parse,
                            "front matter: the installment is not a whole number",
                        )
                        .at(self.file.at(at))
                        .hint("write the installment's number, e.g. installment: 789"));
                    };
                    s.installment = Some(Spanned::new(self.span(value), *n));
                }
            }
        }
        Ok(Spanned::new(self.span(node), s))
    }

    /// A scalar as text: a string as YAML reads it, a number or `true`
    /// as written (`title: 1984` is the text 1984).
    fn text_of(&self, node: &MarkedYaml) -> Result<Spanned<String>> {
        let span = self.span(node);
        let text = match &node.data {
            YamlData::Value(Scalar::String(s)) => s.to_string(),
            YamlData::Value(_) => self.text[span.clone()].trim().to_string(),
            _ => {
                return Err(self.fail(node, "invalid type: a list or table, expected text"));
            }
        };
        Ok(Spanned::new(span, text))
    }
}

/// `key:` with nothing after it: left out, as Hugo and Jekyll read it.
fn is_null(node: &MarkedYaml) -> bool {
    matches!(node.data, YamlData::Value(Scalar::Null))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The field names serde lists for an unknown key of `toml`.
    fn serde_fields<T: serde::de::DeserializeOwned>(toml: &str) -> Vec<String> {
        let Err(e) = toml::from_str::<T>(toml) else {
            panic!("accepted {toml}");
        };
        let msg = e.message().to_string();
        let listed = msg.split_once("expected").unwrap().1;
        listed
            .split('`')
            .skip(1)
            .step_by(2)
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_yaml_keys_are_the_tomls() {
        assert_eq!(serde_fields::<RawMeta>("zz = 0\n"), META_KEYS);
        assert_eq!(serde_fields::<RawMeta>("[serial]\nzz = 0\n"), SERIAL_KEYS);
    }
}
