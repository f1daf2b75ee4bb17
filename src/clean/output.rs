//! What `typeset clean` writes: the report (one line per note) and each
//! article in the input format, its text escaped so that it reads back as
//! written.

use super::{Article, Block, Note, NoteKind};

impl NoteKind {
    fn label(self) -> &'static str {
        match self {
            NoteKind::Removed => "removed",
            NoteKind::Changed => "changed",
            NoteKind::Moved => "moved",
            NoteKind::Warning => "warning",
        }
    }
}

/// The report: one line per note, `FILE:LINE: kind: message`.
pub fn report(file: &str, notes: &[Note]) -> String {
    let mut out = String::new();
    for n in notes {
        out.push_str(&format!(
            "{file}:{}: {}: {}\n",
            n.line,
            n.kind.label(),
            n.message
        ));
    }
    out
}

/// Backslash-escapes what CommonMark would read as markup, so the text comes
/// back from the article parser exactly as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let markup = matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '|' | '$' | '!'
        ) || (i == 0 && matches!(c, '#' | '-' | '+' | '=' | '>'));
        if markup {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " at a line start would be an ordered list.
    if let Some(dot) = out.find(". ")
        && dot > 0
        && out[..dot].chars().all(|c| c.is_ascii_digit())
    {
        out.insert(dot, '\\');
    }
    out
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Article {
    /// The article in the input format: TOML front matter and a body.
    pub fn to_markdown(&self) -> String {
        let mut out = String::from("+++\n");
        if self.serial.is_some() {
            out.push_str("kind = \"serial\"\n");
        }
        let text = format!("{}{}", self.title, self.plain());
        let lang = super::lang::tag(&text);
        out.push_str(&format!("lang = \"{lang}\"\n"));
        out.push_str(&format!("title = {}\n", toml_str(&self.title)));
        for (key, v) in [
            ("kicker", &self.kicker),
            ("deck", &self.deck),
            ("byline", &self.byline),
            ("source", &self.source),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("{key} = {}\n", toml_str(v)));
            }
        }
        if let Some(lead) = &self.lead {
            out.push_str(&format!("lead = {}\n", toml_str(lead)));
        }
        if let Some(s) = &self.serial {
            out.push_str(&format!(
                "\n[serial]\nwork = {}\nauthor = {}\ninstallment = {}\n",
                toml_str(&s.work),
                toml_str(&s.author),
                s.installment
            ));
        }
        out.push_str("+++\n");
        for b in &self.blocks {
            out.push('\n');
            match b {
                Block::Head(h) => out.push_str(&format!("## {}\n", escape(h))),
                Block::Para(p) => {
                    out.push_str(&escape(p));
                    out.push('\n');
                }
            }
        }
        out
    }

    /// Body text without markup, for measuring what was restored.
    pub fn plain(&self) -> String {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Head(h) | Block::Para(h) => h.as_str(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_markup_survives() {
        assert_eq!(escape("a*b_c"), "a\\*b\\_c");
        assert_eq!(escape("1. 开头"), "1\\. 开头");
        assert_eq!(escape("#标签"), "\\#标签");
    }
}
