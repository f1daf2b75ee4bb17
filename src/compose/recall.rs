//! What the make-up may take from earlier builds of a long-running
//! `typeset watch` or `typeset serve`: an article's variants and its
//! placed modules. The store lives in the compile layer ([`Recall`] is
//! its face here); the composer only derives each entry's key from the
//! article's own (its content, layout, fonts: `PageArticle::recall`)
//! and everything else it offers the article (grid, placement, frame,
//! jump lines). Entries are plain data, taken as they were.
//!
//! Within one build, [`Laid`] keeps the modules a page's make-ups laid
//! out: a page is made up several times (`edition::tries`), and most of
//! its articles stand in the same frames each time.

use std::cell::RefCell;
use std::collections::HashMap;

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

/// The modules this build laid out, by everything a module is laid out
/// from (see `page::module_for`): the article (by address: its shaped
/// text and layout outlive the build's make-ups), grid, frame, figure
/// width, jump lines and rest. Laying out is a function of those alone.
/// Also how many were laid out ahead (`ahead`, in parallel) and by
/// placing, one after another: the make-up's effort.
#[derive(Default)]
pub struct Laid {
    modules: RefCell<HashMap<String, (Module, Vec<Warning>)>>,
    made: std::cell::Cell<Made>,
}

/// Modules laid out ahead and by placing.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub ahead: usize,
    pub placing: usize,
}

impl Laid {
    pub fn get(&self, key: &str) -> Option<(Module, Vec<Warning>)> {
        self.modules.borrow().get(key).cloned()
    }

    pub fn keep(&self, key: String, module: &Module, warnings: &[Warning]) {
        (self.modules.borrow_mut()).insert(key, (module.clone(), warnings.to_vec()));
    }

    /// Counts a module laid out, ahead or by placing.
    pub fn count(&self, ahead: bool) {
        let mut made = self.made.get();
        match ahead {
            true => made.ahead += 1,
            false => made.placing += 1,
        }
        self.made.set(made);
    }

    /// The modules laid out so far in this build.
    pub fn made(&self) -> Made {
        self.made.get()
    }
}
