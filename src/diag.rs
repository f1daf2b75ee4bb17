//! Errors shown as rustc and Typst show them: the message, the place, the
//! source line with a caret under the column, and the hint; and "did you
//! mean" suggestions for misspelled names.

use annotate_snippets::{Level, Renderer, Snippet};

use crate::error::Error;
use crate::source::Located;

/// The error as the command line prints it: `file:line:col: error: what`
/// (the form editors and `grep` find), then the source line with carets
/// under the place and the hint, drawn as rustc draws them. Without a
/// readable source line (a folder, an output path) the first line and the
/// hint alone.
pub fn render(e: &Error) -> String {
    let Some(at) = &e.location else {
        return e.to_string();
    };
    let Some(line) = source_line(at) else {
        return e.to_string();
    };
    let span = caret_span(&line, at.loc.col);
    let snippet = Snippet::source(&line)
        .line_start(at.loc.line as usize)
        .annotation(Level::Error.span(span).label(""));
    let mut message = Level::Error.title("").snippet(snippet);
    if let Some(hint) = &e.hint {
        message = message.footer(Level::Help.title(hint));
    }
    let drawn = Renderer::plain().render(message).to_string();
    // The renderer's own title line is replaced by the located one.
    let body = drawn.split_once('\n').map_or("", |(_, rest)| rest);
    format!("{at}: error: {}\n{body}", e.message)
}

/// The line of the place: kept with the error, or read from the file again
/// (an article's body is not kept).
fn source_line(at: &Located) -> Option<String> {
    if let Some(line) = &at.source_line {
        return Some(line.clone());
    }
    if !at.path.is_file() {
        return None;
    }
    let text = crate::fsio::read_limited(&at.path, crate::parse::MAX_ARTICLE_BYTES as u64).ok()?;
    let text = String::from_utf8(text).ok()?;
    let line = text.lines().nth((at.loc.line as usize).checked_sub(1)?)?;
    Some(line.to_string())
}

/// The bytes of what starts at 1-based column `col` (counted in
/// characters): a quoted string with its quotes, a key or number, or else
/// the one character; past the line's end, the place just after it.
fn caret_span(line: &str, col: u32) -> std::ops::Range<usize> {
    let i = (col as usize).saturating_sub(1);
    let Some((start, first)) = line.char_indices().nth(i) else {
        return line.len()..line.len();
    };
    let rest = &line[start + first.len_utf8()..];
    let word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.');
    let len = if first == '"' {
        rest.find('"').map_or(rest.len(), |e| e + 1)
    } else if word(first) {
        rest.find(|c: char| !word(c)).unwrap_or(rest.len())
    } else {
        // A character of the text: itself alone.
        0
    };
    start..start + first.len_utf8() + len
}

/// The candidate closest to `word`, when it is close enough to be a
/// misspelling of it (Jaro–Winkler similarity of 0.8 or more, or an edit
/// distance of at most a third of the word).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_len = word.chars().count();
    candidates
        .into_iter()
        .filter(|c| *c != word)
        .map(|c| {
            (
                strsim::jaro_winkler(word, c),
                strsim::levenshtein(word, c),
                c,
            )
        })
        .filter(|&(jw, lev, _)| jw >= 0.8 || lev * 3 <= word_len.max(1))
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, _, c)| c)
}

/// "did you mean `x`? " when one of `candidates` is close to `word`, else
/// nothing: the start of a hint.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates).map_or_else(String::new, |c| format!("did you mean `{c}`? "))
}

/// A serde message about a name it does not know ("unknown field `bylin`,
/// expected one of `byline`, …", "unknown variant `vertcal`, expected
/// `horizontal` or `vertical`") cut to its first clause, with "did you
/// mean" for the closest name it lists. Other messages are kept whole.
pub fn unknown_name(message: &str) -> (String, String) {
    let message = message.trim();
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return (user_words(message), String::new());
    }
    let names: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let Some((word, candidates)) = names.split_first() else {
        return (message.to_string(), String::new());
    };
    let short = message.split(", expected").next().unwrap_or(message);
    (
        short.to_string(),
        did_you_mean(word, candidates.iter().copied()),
    )
}

/// The deserializer's names for types ("expected i64", "floating point")
/// in a writer's words: the reader wrote TOML, not Rust.
fn user_words(message: &str) -> String {
    const WORDS: [(&str, &str); 11] = [
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected u16", "expected a whole number"),
        ("expected u8", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected f32", "expected a number"),
        ("floating point `", "number `"),
        ("invalid type: map", "invalid type: table"),
    ];
    let mut out = message.to_string();
    for (from, to) in WORDS {
        out = out.replace(from, to);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Stage;
    use crate::source::SourceFile;

    #[test]
    fn type_names_are_said_in_a_writers_words() {
        let (msg, _) = unknown_name("invalid type: floating point `2.5`, expected i64");
        assert_eq!(msg, "invalid type: number `2.5`, expected a whole number");
    }

    #[test]
    fn misspellings_find_their_word() {
        let keys = ["title", "byline", "deck", "kicker", "lead", "source"];
        assert_eq!(closest("bylin", keys), Some("byline"));
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("headline", keys), None);
        assert_eq!(
            closest("featur", ["feature", "book", "vertical"]),
            Some("feature")
        );
        assert_eq!(did_you_mean("zzz", keys), "");
    }

    #[test]
    fn serde_messages_give_their_suggestion() {
        let (msg, hint) = unknown_name("unknown field `bylin`, expected one of `title`, `byline`");
        assert_eq!(
            (msg.as_str(), hint.as_str()),
            ("unknown field `bylin`", "did you mean `byline`? ")
        );
        let (msg, hint) =
            unknown_name("unknown variant `vertcal`, expected `horizontal` or `vertical`");
        assert_eq!(
            (msg.as_str(), hint.as_str()),
            ("unknown variant `vertcal`", "did you mean `vertical`? ")
        );
        let (msg, hint) = unknown_name("invalid type: integer `3`, expected a string");
        assert_eq!(
            (msg.as_str(), hint.as_str()),
            ("invalid type: integer `3`, expected a string", "")
        );
    }

    #[test]
    fn an_error_shows_its_line_with_a_caret_under_the_column() {
        let file = SourceFile::new("a.md", "+++\ntitle = \"标题\"\nbylin = \"x\"\n+++\n".into());
        let e = Error::new(Stage::Parse, "front matter: unknown field `bylin`")
            .at(file.at(file.text.find("bylin").unwrap()))
            .hint("did you mean `byline`?");
        let shown = render(&e);
        let want = "a.md:3:1: error: front matter: unknown field `bylin`\n  |\n3 | bylin = \"x\"\n  | ^^^^^\n  |\n  = help: did you mean `byline`?";
        assert_eq!(shown, want);
        // A column after a wide character: the carets are under the
        // character, as wide as it is.
        let e = Error::new(Stage::Parse, "x").at(file.at(file.text.find('题').unwrap()));
        assert!(
            render(&e).contains("2 | title = \"标题\"\n  |            ^^\n"),
            "{}",
            render(&e)
        );
    }

    #[test]
    fn an_error_without_a_source_line_keeps_one_line() {
        let e = Error::new(Stage::Write, "cannot write").hint("check the folder");
        assert_eq!(render(&e), "error: cannot write\n  hint: check the folder");
    }
}
