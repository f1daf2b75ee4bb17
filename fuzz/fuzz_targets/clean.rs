//! Any text through `typeset clean`: articles and a report, never a panic,
//! and every article renders to Markdown.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let cleaned = typeset::clean::clean(&text);
    for a in &cleaned.articles {
        let _ = a.to_markdown();
    }
    let _ = typeset::clean::report("fuzz.txt", &cleaned.notes);
});
