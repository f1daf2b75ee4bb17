//! What the make-up may take from earlier builds of a long-running
//! `typeset watch` or `typeset serve`: an article's variants and its
//! placed modules. The store lives in the compile layer ([`Recall`] is
//! its face here); the composer only derives each entry's key from the
//! article's own (its content, layout, fonts: `PageArticle::recall`)
//! and everything else it offers the article (grid, placement, frame,
//! jump lines). Entries are plain data, taken as they were.

use sha2::{Digest, Sha256};

use super::Module;
use super::variants::Variants;
use crate::error::Warning;

/// A key: a hash of everything a result was computed from.
pub type Key = [u8; 32];

/// A store of earlier builds' results, by key. Shared by the threads
/// that lay out variants.
pub trait Recall: Sync {
    /// An article's variants, as computed with the same key.
    fn variants(&self, key: &Key) -> Option<Variants>;
    fn keep_variants(&self, key: Key, variants: &Variants);
    /// A placed module and the warnings laying it out gave.
    fn module(&self, key: &Key) -> Option<(Module, Vec<Warning>)>;
    fn keep_module(&self, key: Key, module: &Module, warnings: &[Warning]);
}

/// The article's key extended with what else the composer offers it
/// (`what` names the kind of result; `with`, its inputs' Debug text).
pub fn key(article: &Key, what: &str, with: std::fmt::Arguments) -> Key {
    let mut h = Sha256::new();
    h.update(article);
    h.update(what.as_bytes());
    h.update(std::fmt::format(with).as_bytes());
    h.finalize().into()
}
