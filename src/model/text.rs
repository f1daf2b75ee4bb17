//! The language and writing mode of a text: what decides fonts,
//! prohibition defaults, punctuation conventions and the direction of lines.

/// The article's language; it picks fonts, prohibition defaults and
/// punctuation conventions (CLREQ §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lang {
    /// The BCP 47 tag as written, for the EPUB's `xml:lang`.
    pub tag: String,
    pub family: LangFamily,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangFamily {
    /// Simplified Chinese, mainland conventions (GB).
    ZhHans,
    /// Traditional Chinese, Taiwan and Hong Kong conventions.
    ZhHant,
    Ja,
    En,
}

impl Lang {
    /// Understands the tags users write; `None` for anything else.
    pub fn parse(tag: &str) -> Option<Lang> {
        let lower = tag.to_ascii_lowercase();
        let family = match lower.as_str() {
            "zh" | "zh-hans" | "zh-cn" | "zh-sg" | "zh-hans-cn" => LangFamily::ZhHans,
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" | "zh-hant-tw" | "zh-hant-hk" => {
                LangFamily::ZhHant
            }
            "ja" | "ja-jp" => LangFamily::Ja,
            "en" | "en-us" | "en-gb" => LangFamily::En,
            _ => return None,
        };
        Some(Lang {
            tag: tag.to_string(),
            family,
        })
    }
}

impl Default for Lang {
    fn default() -> Lang {
        Lang {
            tag: "zh-Hans".into(),
            family: LangFamily::ZhHans,
        }
    }
}

/// 横排 or 直排.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Writing {
    Horizontal,
    Vertical,
}
