//! Any text as a page manifest: an error or a manifest, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = typeset::parse::parse_manifest(std::path::Path::new("fuzz.toml"), text);
});
