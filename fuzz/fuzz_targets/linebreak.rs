//! Arbitrary Unicode text at an arbitrary measure through shaping and the
//! line breaker: lines that cover the paragraph exactly once, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use typeset::compose::break_lines;
use typeset::resolve::{FontBook, load_layout, resolve_doc};
use typeset::shape::{ShapedBlock, Shaper, prepare_fallbacks, shape_doc};
use typeset::units::Pt;

fuzz_target!(|data: &[u8]| {
    let Some((&width, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    // Backslash-escape Markdown so the text reaches the breaker as text.
    let mut body = String::new();
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            body.push('\\');
        }
        body.push(c);
    }
    let src = format!("+++\ntitle = \"t\"\n+++\n{body}\n");
    let Ok(article) = typeset::parse::parse_article(std::path::Path::new("f.md"), src.into_bytes())
    else {
        return;
    };
    let layout = load_layout("feature", None).expect("built-in layout");
    let mut book = FontBook::new(&[], false).expect("bundled fonts");
    let roles = book.resolve_roles(&layout).expect("roles");
    let Ok(doc) = resolve_doc(&article, &layout, &roles, None) else {
        return;
    };
    let mut warnings = Vec::new();
    let fb = prepare_fallbacks(&doc, &mut book, &mut warnings);
    let mut shaper = Shaper::new(&book, &doc.lang, fb);
    let shaped = shape_doc(&doc, &mut shaper);
    // From half a character to 40 characters of 10 pt.
    let measure = Pt(5.0 + width as f64 * 400.0 / 255.0);
    for block in &shaped.flow {
        if let ShapedBlock::Para(p) = block {
            let lines = break_lines(p, measure, true, &doc.rules);
            let mut at = 0;
            for l in &lines {
                assert_eq!(l.items.start, at, "lines must follow each other");
                at = l.items.end;
            }
            assert_eq!(at, p.items.len(), "lines must cover the paragraph");
        }
    }
});
