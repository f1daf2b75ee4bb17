//! The people of a byline, for the package's `dc:creator` entries: each
//! name with its MARC relator role (aut, pht, edt, trl, ill) and the form
//! a library files it under.

/// One person credited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Creator {
    pub name: String,
    /// A MARC relator code.
    pub role: &'static str,
    /// The sorting form: a Chinese name as written (surname first), a
    /// Latin "Given Family" as "Family, Given".
    pub file_as: String,
}

/// Labels before names in a byline, with the role they give the names
/// after them, longest first so that 摄影记者 is not read as 记者.
const LABELS: &[(&str, &str)] = &[
    ("摄影记者", "pht"),
    ("责任编辑", "edt"),
    ("特约记者", "aut"),
    ("见习记者", "aut"),
    ("实习生", "aut"),
    ("通讯员", "aut"),
    ("记者", "aut"),
    ("作者", "aut"),
    ("摄影", "pht"),
    ("插图", "ill"),
    ("绘图", "ill"),
    ("编辑", "edt"),
    ("翻译", "trl"),
    ("编译", "trl"),
    ("文/图", "aut"),
    ("文", "aut"),
    ("图", "pht"),
    ("摄", "pht"),
    ("译", "trl"),
    ("著", "aut"),
    ("By", "aut"),
    ("by", "aut"),
];

/// The role a token gives the names after (or, for 摄 and 著 after a name,
/// before) it: a label alone or at the end of a token (本报记者, 新华社记者).
fn label_role(token: &str) -> Option<&'static str> {
    let token = token.trim_end_matches([':', '：', '/']);
    LABELS
        .iter()
        .find(|(l, _)| {
            // A label of two or more Han characters may end a longer token
            // (本报记者); a one-character label (文, 摄) and a Latin one
            // only stand alone, so that 王立文 and Barnaby stay names.
            token == *l || (l.chars().count() >= 2 && !l.is_ascii() && token.ends_with(l))
        })
        .map(|(_, r)| *r)
}

/// The people of a byline, in order, each once: `本报记者 林晓舟 实习生
/// 周一然` is two authors; `本报记者 王强 摄` a photographer; a name
/// spaced out for justification (`刘 洋`) is one name.
pub fn parse_byline(byline: &str) -> Vec<Creator> {
    let tokens: Vec<&str> = byline
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；' | ';'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut out: Vec<Creator> = Vec::new();
    let mut role = "aut";
    let mut pending: Vec<String> = Vec::new();
    let flush = |pending: &mut Vec<String>, role: &'static str, out: &mut Vec<Creator>| {
        for name in pending.drain(..) {
            if !out.iter().any(|c| c.name == name) {
                out.push(creator(name, role));
            }
        }
    };
    for t in tokens {
        match label_role(t) {
            // 摄 and 著 follow the names they credit.
            Some(r) if matches!(t, "摄" | "著") => flush(&mut pending, r, &mut out),
            Some(r) => {
                flush(&mut pending, role, &mut out);
                role = r;
            }
            None => push_name(&mut pending, t),
        }
    }
    flush(&mut pending, role, &mut out);
    out
}

/// Adds a token to the names: a lone Han character after another lone one
/// completes a name spaced out for justification (刘 洋).
fn push_name(names: &mut Vec<String>, token: &str) {
    let lone_han = |s: &str| s.chars().count() == 1 && s.chars().all(is_han);
    if lone_han(token)
        && let Some(last) = names.last_mut()
        && last.chars().all(is_han)
        && last.chars().count() < 2
    {
        last.push_str(token);
        return;
    }
    if token
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-')
        && let Some(last) = names.last_mut()
        && last
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-' || c == ' ')
    {
        // Latin names keep their words together: "John Smith".
        last.push(' ');
        last.push_str(token);
        return;
    }
    names.push(token.to_string());
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn creator(name: String, role: &'static str) -> Creator {
    let file_as = match name.rsplit_once(' ') {
        // A personal name, every word capitalised ("Anna Lee"); "The
        // editors" is no person and is filed as written.
        Some((given, family))
            if name.is_ascii()
                && name
                    .split(' ')
                    .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase())) =>
        {
            format!("{family}, {given}")
        }
        _ => name.clone(),
    };
    Creator {
        name,
        role,
        file_as,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(byline: &str) -> Vec<(String, &'static str)> {
        parse_byline(byline)
            .into_iter()
            .map(|c| (c.name, c.role))
            .collect()
    }

    #[test]
    fn bylines_give_each_person_with_a_role() {
        assert_eq!(
            people("本报记者 林晓舟 实习生 周一然"),
            [("林晓舟".into(), "aut"), ("周一然".into(), "aut")]
        );
        assert_eq!(
            people("通讯员 张伟 记者 刘 洋"),
            [("张伟".into(), "aut"), ("刘洋".into(), "aut")]
        );
        assert_eq!(people("本报记者 王强 摄"), [("王强".into(), "pht")]);
        assert_eq!(
            people("文/图 陈静 编辑 李明"),
            [("陈静".into(), "aut"), ("李明".into(), "edt")]
        );
        assert_eq!(people("摄影记者 孙悦"), [("孙悦".into(), "pht")]);
        assert_eq!(people("沈南星"), [("沈南星".into(), "aut")]);
        assert_eq!(people("记者 王立文"), [("王立文".into(), "aut")]);
    }

    #[test]
    fn latin_names_are_filed_family_first() {
        let c = &parse_byline("By John Smith")[0];
        assert_eq!(
            (c.name.as_str(), c.file_as.as_str()),
            ("John Smith", "Smith, John")
        );
        let c = &parse_byline("记者 Anna Lee")[0];
        assert_eq!(
            (c.name.as_str(), c.file_as.as_str()),
            ("Anna Lee", "Lee, Anna")
        );
        let c = &parse_byline("The editors")[0];
        assert_eq!(
            (c.name.as_str(), c.file_as.as_str()),
            ("The editors", "The editors")
        );
    }
}
