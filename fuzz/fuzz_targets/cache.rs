//! Any bytes as a chapter cache entry, as a cache pack, and as the payload
//! of a correctly sealed entry: refused with a reason or decoded, never a
//! panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use typeset::compile::{open_entry, open_pack_index, seal_entry_payload};

const KEY: [u8; 32] = [7; 32];
const SECRET: [u8; 32] = [9; 32];

fuzz_target!(|data: &[u8]| {
    // As read from disk: almost always refused by the checksum.
    let _ = open_entry(data, &KEY, &SECRET);
    // As a pack file: its index is refused or lies among its entries.
    let _ = open_pack_index(data, &SECRET);
    // As if the checksum matched: the payload decoder sees the bytes.
    let sealed = seal_entry_payload(data, &KEY, &SECRET);
    if let Ok(pages) = open_entry(&sealed, &KEY, &SECRET) {
        // Whatever decodes must be whole pages: walking them cannot panic.
        let _ = format!("{pages:?}");
    }
});
