//! Font roles resolved to faces, per script convention: the faces a
//! layout's roles name for Simplified Chinese (and every other language),
//! and their `hant` faces for Traditional Chinese, loaded only when a text
//! of that language is in the run (a zh-Hans run parses no TC face).

use std::collections::BTreeMap;

use crate::error::{Error, Result, Stage};
use crate::model::LangFamily;

use super::fonts::{FontBook, RoleFont};
use super::layout::Layout;

/// The faces of every font role of a layout.
#[derive(Debug, Clone)]
pub struct Roles {
    /// Simplified Chinese and every language but Traditional Chinese.
    default: BTreeMap<String, RoleFont>,
    /// Traditional Chinese (zh-Hant, zh-TW, zh-HK), once loaded.
    hant: Option<BTreeMap<String, RoleFont>>,
    /// Roles whose `hant` faces were missing and what they got instead,
    /// for the run's warnings.
    notes: Vec<String>,
}

/// The bundled Traditional Chinese faces (fonts/), serif and sans.
const BUNDLED_TC_SERIF: &str = "Noto Serif CJK TC";
const BUNDLED_TC_SANS: &str = "Noto Sans CJK TC";

impl Roles {
    /// The faces a text of `family` is set in: the Traditional ones for
    /// zh-Hant once [`Roles::load_for`] loaded them, the default otherwise.
    pub fn for_lang(&self, family: LangFamily) -> &BTreeMap<String, RoleFont> {
        match (family, &self.hant) {
            (LangFamily::ZhHant, Some(hant)) => hant,
            _ => &self.default,
        }
    }

    /// Loads the faces a text of `family` needs, if not loaded yet. A role
    /// whose `hant` families are all missing (or that names none) gets the
    /// bundled TC face of its kind, serif or sans, with a note: its SC face
    /// would give Traditional text mainland glyph forms and marks on the
    /// baseline. Its Latin face is the same in both.
    pub fn load_for(
        &mut self,
        book: &mut FontBook,
        layout: &Layout,
        family: LangFamily,
    ) -> Result<()> {
        if family != LangFamily::ZhHant || self.hant.is_some() {
            return Ok(());
        }
        let mut hant = BTreeMap::new();
        for (role, spec) in &layout.fonts {
            let default = self.default[role];
            let cjk = match book.find(&spec.hant, spec.weight) {
                Some(id) => book.load(id)?,
                None => self.bundled_tc(book, role, &spec.hant, default.cjk, spec.weight)?,
            };
            // A role without a Latin face of its own sets Latin in its CJK
            // face: here the TC one (a folio's digits too).
            let latin = if default.latin == default.cjk {
                cjk
            } else {
                default.latin
            };
            hant.insert(role.clone(), RoleFont { cjk, latin });
        }
        self.hant = Some(hant);
        Ok(())
    }

    /// The bundled TC face for a role whose `hant` faces are missing, by
    /// the kind of its default face (a family named Sans, Hei or Gothic is
    /// sans), noted; the default face itself if even that is missing.
    fn bundled_tc(
        &mut self,
        book: &mut FontBook,
        role: &str,
        wanted: &[String],
        default: crate::model::FontId,
        weight: u16,
    ) -> Result<crate::model::FontId> {
        let own = book.font(default).family.clone();
        let lower = own.to_lowercase();
        let sans = ["sans", "hei", "gothic"].iter().any(|k| lower.contains(k));
        let tc = if sans {
            BUNDLED_TC_SANS
        } else {
            BUNDLED_TC_SERIF
        };
        let missing = if wanted.is_empty() {
            "its layout names no `hant` faces".to_string()
        } else {
            format!(
                "none of its `hant` faces is installed ({})",
                wanted.join(", ")
            )
        };
        let (id, instead) = match book.find(&[tc.to_string()], weight) {
            Some(id) => (book.load(id)?, format!("the bundled {tc}")),
            None => (default, format!("{own}, with mainland glyph forms")),
        };
        self.notes.push(format!(
            "font role \"{role}\": {missing}; Traditional Chinese text is set in {instead}"
        ));
        Ok(id)
    }

    /// The notes on missing TC faces gathered so far (each once).
    pub fn take_notes(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notes)
    }
}

/// The default faces, as `roles["song"]`.
impl std::ops::Index<&str> for Roles {
    type Output = RoleFont;
    fn index(&self, role: &str) -> &RoleFont {
        &self.default[role]
    }
}

impl FontBook {
    /// Loads the default faces of every font role of a layout; the
    /// Traditional ones follow with [`Roles::load_for`].
    pub fn resolve_roles(&mut self, layout: &Layout) -> Result<Roles> {
        let mut roles = BTreeMap::new();
        for (role, spec) in &layout.fonts {
            let id = self.find(&spec.families, spec.weight).ok_or_else(|| {
                Error::new(
                    Stage::Resolve,
                    format!("no font found for role \"{role}\" (families: {})", spec.families.join(", ")),
                )
                .hint("the bundled fonts live in fonts/ beside the project; install one of these families or pass --font-dir")
            })?;
            let cjk = self.load(id)?;
            let latin = match self.find(&spec.latin, spec.weight) {
                Some(l) => self.load(l)?,
                None => cjk,
            };
            roles.insert(role.clone(), RoleFont { cjk, latin });
        }
        Ok(Roles {
            default: roles,
            hant: None,
            notes: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::load_layout;

    fn family(book: &FontBook, roles: &Roles, lang: LangFamily, role: &str) -> String {
        book.font(roles.for_lang(lang)[role].cjk).family.clone()
    }

    #[test]
    fn traditional_text_gets_the_tc_faces_once_loaded() {
        let layout = load_layout("feature", None).expect("layout");
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let mut roles = book.resolve_roles(&layout).expect("roles");
        let parsed = book.parses();
        // Simplified text loads nothing more, and Traditional text asks
        // before it is resolved: until then it would get the SC faces.
        roles
            .load_for(&mut book, &layout, LangFamily::ZhHans)
            .expect("no load");
        assert_eq!(book.parses(), parsed, "no TC face parsed for zh-Hans");
        assert_eq!(
            family(&book, &roles, LangFamily::ZhHant, "song"),
            "Noto Serif SC"
        );
        roles
            .load_for(&mut book, &layout, LangFamily::ZhHant)
            .expect("TC faces");
        assert_eq!(
            family(&book, &roles, LangFamily::ZhHant, "song"),
            "Noto Serif CJK TC"
        );
        assert_eq!(
            family(&book, &roles, LangFamily::ZhHant, "hei"),
            "Noto Sans CJK TC"
        );
        let bold = roles.for_lang(LangFamily::ZhHant)["hei_bold"];
        assert_eq!(book.font(bold.cjk).family, "Noto Sans CJK TC");
        assert_eq!(book.font(bold.cjk).weight, 700);
        // Without a Latin face of its own, Latin is set in the TC face.
        assert_eq!(bold.latin, bold.cjk);
        // The default faces are untouched, and a second load parses nothing.
        assert_eq!(
            family(&book, &roles, LangFamily::ZhHans, "song"),
            "Noto Serif SC"
        );
        assert_eq!(roles["song"], roles.for_lang(LangFamily::En)["song"]);
        let after = book.parses();
        roles
            .load_for(&mut book, &layout, LangFamily::ZhHant)
            .expect("loaded");
        assert_eq!(book.parses(), after);
    }

    #[test]
    fn a_role_without_tc_faces_gets_the_bundled_ones_with_a_note() {
        let mut layout = load_layout("feature", None).expect("layout");
        for spec in layout.fonts.values_mut() {
            spec.hant = vec!["No Such Family TC".into()];
        }
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let mut roles = book.resolve_roles(&layout).expect("roles");
        roles
            .load_for(&mut book, &layout, LangFamily::ZhHant)
            .expect("falls back");
        for (role, tc) in [
            ("song", BUNDLED_TC_SERIF),
            ("hei", BUNDLED_TC_SANS),
            ("hei_bold", BUNDLED_TC_SANS),
            ("song_bold", BUNDLED_TC_SERIF),
        ] {
            assert_eq!(family(&book, &roles, LangFamily::ZhHant, role), tc);
            assert_ne!(roles.for_lang(LangFamily::ZhHant)[role], roles[role]);
        }
        for bold in ["hei_bold", "song_bold"] {
            let bold = roles.for_lang(LangFamily::ZhHant)[bold].cjk;
            assert_eq!(book.font(bold).weight, 700);
        }
        let notes = roles.take_notes();
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(
            notes[0].contains("\"hei\"") && notes[0].contains("No Such Family TC"),
            "{notes:?}"
        );
        assert!(roles.take_notes().is_empty(), "each note once");
    }

    #[test]
    fn a_role_naming_no_tc_faces_says_so() {
        let mut layout = load_layout("feature", None).expect("layout");
        layout.fonts.get_mut("song").expect("song").hant.clear();
        let mut book = FontBook::new(&[], false).expect("bundled fonts");
        let mut roles = book.resolve_roles(&layout).expect("roles");
        roles
            .load_for(&mut book, &layout, LangFamily::ZhHant)
            .expect("falls back");
        let song = family(&book, &roles, LangFamily::ZhHant, "song");
        assert_eq!(song, BUNDLED_TC_SERIF);
        let notes = roles.take_notes();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("names no `hant` faces"), "{notes:?}");
    }
}
