//! Any bytes as an article: an error or an article, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = typeset::parse::parse_article(std::path::Path::new("fuzz.md"), data.to_vec());
});
