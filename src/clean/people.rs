//! Lines about who and where from, by their content: bylines (`本报记者
//! 林晓舟`, `■本报记者 孙悦`, `通讯员 张伟 记者 刘 洋`), photo credits
//! (`新华社记者 李华 摄`), source lines (`（据新华社）`, `（本报讯）`), a
//! serial's author (`沈南星 著`), installment numbers (`（789）`, `连载 416`)
//! and serial box heads (`连载 58 《山城旧事》 许青禾 著`).

use super::names::{NOT_IN_NAMES, is_han, is_name, surname, words};

/// Byline roles; an organisation may come before them (本报, 新华社).
const ROLES: [&str; 16] = [
    "特约记者",
    "特約記者",
    "见习记者",
    "見習記者",
    "实习记者",
    "實習記者",
    "记者",
    "記者",
    "通讯员",
    "通訊員",
    "实习生",
    "實習生",
    "撰文",
    "撰稿",
    "特约撰稿人",
    "特約撰稿人",
];

/// Decorations printed before a byline: ■本报记者.
const DECOR: &str = "■□●○◎◆◇★☆▲△▼▽►-—/／| ";

/// An organisation before a role: 本报, 新华社, 人民日报, 中新社. 本 and
/// one character before a role is always the paper's own (本报, 本刊, 本台,
/// 本网), whatever the OCR read the second as (本己记者 for 本报记者).
fn is_org(s: &str) -> bool {
    let n = s.chars().count();
    ["本报", "本報", "本刊"].contains(&s)
        || n == 2 && s.starts_with('本') && s.chars().all(is_han)
        || (n <= 6
            && s.chars().all(is_han)
            && !s.chars().any(|c| NOT_IN_NAMES.contains(c))
            && ["社", "报", "報", "台", "网", "網", "刊", "站"]
                .iter()
                .any(|e| s.ends_with(e)))
}

/// `w` is a role, an organisation and a role, or either with a name glued
/// on (记者王宏): how many names that adds, or None.
fn role_word(w: &str) -> Option<usize> {
    if w == "文" || w == "图" || w == "圖" || w == "文图" || w == "图文" || w == "圖文" {
        return Some(0);
    }
    for r in ROLES {
        if let Some(at) = w.find(r) {
            let (org, rest) = (&w[..at], &w[at + r.len()..]);
            let org_ok = org.is_empty() || is_org(org);
            if org_ok && rest.is_empty() {
                return Some(0);
            }
            if org_ok && is_name(rest) {
                return Some(1);
            }
        }
    }
    None
}

/// A word the OCR read with no gaps (本报记者方知远见习记者陆小禾): its
/// roles and names apart, when every piece between two roles is a name;
/// otherwise the word as it is.
fn unglue(w: &str) -> Vec<String> {
    let mut roles = ROLES.to_vec();
    roles.sort_by_key(|r| std::cmp::Reverse(r.len()));
    let mut found: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < w.len() {
        match roles.iter().find(|r| w[at..].starts_with(**r)) {
            Some(r) => {
                found.push((at, at + r.len()));
                at += r.len();
            }
            None => at += w[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    let Some(&(first, _)) = found.first() else {
        return vec![w.to_string()];
    };
    let mut out = Vec::new();
    for (k, &(start, end)) in found.iter().enumerate() {
        let role = if k == 0 { &w[..end] } else { &w[start..end] };
        let next = found.get(k + 1).map_or(w.len(), |f| f.0);
        out.push(role.to_string());
        if next > end {
            out.push(w[end..next].to_string());
        }
    }
    let org_ok = first == 0 || is_org(&w[..first]);
    let names_ok = out.iter().enumerate().all(|(k, p)| {
        role_word(p) == Some(0)
            || is_name(p)
            || misread_name(p)
            || k > 0 && org_role(&out[k - 1]) && plain_name(p)
    });
    if org_ok && names_ok && out.len() > 1 {
        out
    } else {
        vec![w.to_string()]
    }
}

/// Words of a byline-like text: roles and names only, beginning with a
/// role, with at least one name. The words, or None.
fn people(t: &str) -> Option<Vec<String>> {
    let ws: Vec<String> = words(t).iter().flat_map(|w| unglue(w)).collect();
    let first_is_role = ws.first().is_some_and(|w| role_word(w).is_some());
    let mut names = 0;
    let mut after_role = false;
    let mut after_org = false;
    for w in &ws {
        if let Some(n) = role_word(w) {
            names += n;
            after_role = n == 0;
            after_org = n == 0 && org_role(w);
        } else if is_name(w) || after_role && misread_name(w) || after_org && plain_name(w) {
            names += 1;
            (after_role, after_org) = (false, false);
        } else {
            return None;
        }
    }
    (first_is_role && (1..=8).contains(&names)).then_some(ws)
}

/// The word right after a role (记者 许若川) is a name even when the OCR
/// misread a character of it into one running text has (许着咱): a
/// surname and one or two more Han characters, alone after the role.
fn misread_name(w: &str) -> bool {
    let n = w.chars().count();
    (2..=3).contains(&n) && w.chars().all(is_han) && surname(w).is_some_and(|sur| n > sur)
}

/// A role with its organisation before it (本報記者, 新华社记者): what
/// follows is the reporter's name, whatever the surname.
fn org_role(w: &str) -> bool {
    ROLES
        .iter()
        .any(|r| w.len() > r.len() && w.ends_with(r) && is_org(&w[..w.len() - r.len()]))
}

/// After an organisation's role (本報記者湯偉勇), two or three Han
/// characters are a name though the surname is off the list (湯, the
/// traditional 汤): the role says whose line it is. Not with a character
/// running text has and names lack, nor a column's label (本报记者手记).
fn plain_name(w: &str) -> bool {
    const LABELS: [&str; 8] = [
        "手记", "手記", "调查", "調查", "观察", "觀察", "走访", "直击",
    ];
    let n = w.chars().count();
    (2..=3).contains(&n)
        && w.chars().all(is_han)
        && !w.chars().any(|c| NOT_IN_NAMES.contains(c))
        && !LABELS.iter().any(|l| w.starts_with(l))
}

fn strip_decor(t: &str) -> &str {
    let t = t.trim_start_matches(|c: char| DECOR.contains(c));
    let bracketed = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
    if bracketed {
        t.trim_start_matches(['（', '('])
            .trim_end_matches(['）', ')'])
    } else {
        t
    }
}

/// `本报记者 林晓舟`, `■本报记者 孙悦`, `新华社记者 王宏`, `文/林晓舟`,
/// `通讯员 张伟 记者 刘 洋`, `（本报记者 王宏）`: the byline as it is to be
/// printed (decorations off, a spaced-out name put together).
pub(super) fn byline(t: &str) -> Option<String> {
    let inner = strip_decor(t.trim());
    if inner.chars().count() > 40 || inner.ends_with('摄') || inner.ends_with('攝') {
        return None;
    }
    let ws = people(inner)?;
    if inner.contains(['/', '／', '｜', '|']) {
        return Some(inner.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    Some(ws.join(" "))
}

/// Where a photo credit starts in `t` (`…留念。新华社记者 李华 摄`,
/// `本报记者 王强 摄`, `（新华社发）`, `视觉中国供图`): its byte offset, 0
/// when the whole line is the credit.
pub(super) fn photo_credit(t: &str) -> Option<usize> {
    let t = t.trim_end_matches(['）', ')']);
    let start = t
        .char_indices()
        .rfind(|(_, c)| "。！？.!?（(".contains(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let part = t[start..].trim();
    let body = part
        .strip_suffix("摄影")
        .or_else(|| part.strip_suffix('摄'))
        .or_else(|| part.strip_suffix('攝'))
        .map(|b| b.trim_end_matches(['/', '／', ' ']).trim());
    let ok = match body {
        Some(b) => people(b).is_some() || is_name(b) || b.is_empty() && start > 0,
        None => {
            let sent = [
                "新华社发",
                "新華社發",
                "中新社发",
                "资料图片",
                "資料圖片",
                "资料图",
            ];
            sent.iter()
                .any(|s| part == *s || part.ends_with(s) && part.chars().count() <= 12)
                || (part.ends_with("供图") || part.ends_with("供圖")) && part.chars().count() <= 12
        }
    };
    (ok && !part.is_empty()).then_some(start.min(t.len()))
}

/// ▲…, 图为…, 图①…, 上图：…, `![…](…)`: the start of a caption.
pub(super) fn caption_start(t: &str) -> bool {
    t.starts_with(['▲', '▼', '◀', '▶', '►'])
        || t.starts_with("![")
        || [
            "图为",
            "圖為",
            "上图",
            "下图",
            "左图",
            "右图",
            "上圖",
            "下圖",
            "（图为",
            "(图为",
        ]
        .iter()
        .any(|p| t.starts_with(p))
        || (t.starts_with(['图', '圖'])
            && t.chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || "①②③④⑤⑥一二三四五".contains(c)))
}

/// （据新华社）, （本报讯）, （中央社）, 据新华社电: the source line; the
/// text the front matter takes (brackets and a final 电 off).
pub(super) fn source(t: &str) -> Option<String> {
    let t = t.trim();
    // 《本报讯), 〈本报讯): the OCR's reading of （.
    let fixed;
    let t = match t.strip_prefix(['《', '〈']) {
        Some(rest) if t.ends_with(['）', ')']) && !t.contains(['》', '〉']) => {
            fixed = format!("（{rest}");
            fixed.as_str()
        }
        _ => t,
    };
    let bracketed = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    let n = inner.chars().count();
    if n == 0 || n > 20 || inner.chars().any(|c| "。，；！？,;!?".contains(c)) {
        return None;
    }
    let from = inner.starts_with('据') || inner.starts_with('據');
    let ends = [
        "讯", "訊", "电", "電", "供稿", "整理", "报道", "報導", "综合", "綜合", "消息",
    ]
    .iter()
    .any(|e| inner.ends_with(e));
    let org = is_org(inner) && n <= 8;
    let bare_from = from && n <= 12 && (ends || is_org(&inner[3..]) || inner.ends_with('台'));
    let ok = if bracketed {
        from || ends || org
    } else {
        bare_from
    };
    ok.then(|| {
        let s = inner.trim_end_matches(['电', '電']);
        if s.is_empty() { inner } else { s }.to_string()
    })
}

/// 沈南星 著, 金陵客著: a serial's author credit; the author.
pub(super) fn author(t: &str) -> Option<String> {
    let t = t.trim();
    let name = t
        .strip_suffix("原著")
        .or_else(|| t.strip_suffix('著'))?
        .trim();
    let n = name.chars().count();
    ((2..=6).contains(&n) && name.chars().all(is_han) && !name.contains(['的', '了', '是']))
        .then(|| name.to_string())
}

/// A number written with digits or Chinese numerals: 416, 四一六, 四百一十六.
pub(super) fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|&n| n > 0);
    }
    let digit = |c: char| {
        "〇零一二三四五六七八九".find(c).map(|i| {
            // Byte offsets: 〇 and 零 share 0.
            let k = "〇零一二三四五六七八九"[..i].chars().count() as u32;
            k.saturating_sub(1)
        })
    };
    if s.chars().count() >= 2 && s.chars().all(|c| digit(c).is_some()) {
        return s
            .chars()
            .try_fold(0u32, |n, c| Some(n * 10 + digit(c)?))
            .filter(|&n| n > 0);
    }
    let (mut total, mut cur) = (0u32, 0u32);
    for c in s.chars() {
        match c {
            '十' | '百' | '千' => {
                let unit = match c {
                    '十' => 10,
                    '百' => 100,
                    _ => 1000,
                };
                total += cur.max(1) * unit;
                cur = 0;
            }
            _ => cur = digit(c)?,
        }
    }
    Some(total + cur).filter(|&n| n > 0 && !s.is_empty())
}

/// （789）, (416), 连载 416, 連載四一六, （四一六）: an installment number
/// with its label or brackets.
pub(super) fn installment(t: &str) -> Option<u32> {
    let t = t.trim();
    let bracketed = t.starts_with(['（', '(']) && t.ends_with(['）', ')']);
    let inner = t
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    let labelled = inner
        .strip_prefix("连载")
        .or_else(|| inner.strip_prefix("連載"))
        .map(|r| {
            r.trim_start_matches(['：', ':', ' ', '之', '第'])
                .trim_end_matches(['期', '回'])
        });
    match labelled {
        Some(n) => number(n),
        None if bracketed => number(inner),
        None => None,
    }
}

/// What a serial box head holds (`连载 58 《山城旧事》 许青禾 著`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct SerialHead {
    pub number: Option<u32>,
    pub work: Option<String>,
    pub author: Option<String>,
}

/// A line holding two or more of: an installment number, a 《work》 and an
/// author credit, and nothing else.
pub(super) fn serial_head(t: &str) -> Option<SerialHead> {
    let mut head = SerialHead::default();
    let mut rest = t.trim().to_string();
    if let (Some(a), Some(b)) = (rest.find('《'), rest.find('》'))
        && a < b
    {
        head.work = Some(rest[a + '《'.len_utf8()..b].trim().to_string());
        rest.replace_range(a..b + '》'.len_utf8(), " ");
    }
    let mut left = Vec::new();
    // Quotation marks at a word's edge are the OCR's reading of a gap,
    // and a mark standing alone between two words a speck of the scan
    // (连载 12  《北窗》 。 顾青禾 著).
    let parts: Vec<String> = rest
        .split_whitespace()
        .map(|p| p.trim_matches(|c: char| "“”\"'‘’".contains(c)).to_string())
        .filter(|p| p.chars().any(char::is_alphanumeric))
        .collect();
    let mut k = 0;
    while k < parts.len() {
        let p = &parts[k];
        let next = parts.get(k + 1);
        if (p == "连载" || p == "連載") && next.and_then(|n| number(n)).is_some() {
            head.number = next.and_then(|n| number(n));
            k += 2;
            continue;
        }
        if let Some(n) = installment(p) {
            head.number = Some(n);
        } else if p == "著" && left.last().is_some() {
            head.author = left.pop();
        } else if let Some(a) = author(p) {
            head.author = Some(a);
        } else {
            left.push(p.clone());
        }
        k += 1;
    }
    let found = [
        head.number.is_some(),
        head.work.is_some(),
        head.author.is_some(),
    ];
    (left.is_empty() && found.iter().filter(|&&f| f).count() >= 2).then_some(head)
}

/// 本 and 讯 around any one character, before the gap or the bracket a
/// dateline stands before: another paper's own dateline (本刊讯, 本台讯,
/// 本网讯), or 本报讯 with its middle character misread (本士讯, 本极讯);
/// 讯 read as 迅 too. No sentence opens so. The byte length.
fn own_dateline(t: &str) -> Option<usize> {
    let mut cs = t.char_indices();
    let (_, first) = cs.next()?;
    let (_, mid) = cs.next()?;
    let (k, last) = cs.next()?;
    let end = k + last.len_utf8();
    let gap = t[end..].starts_with(['\u{3000}', ' ', '（', '(']);
    (first == '本' && is_han(mid) && "讯訊迅".contains(last) && gap).then_some(end)
}

/// The paper's own dateline: 本报讯 (本報訊), 本报电.
const OWN_DATELINES: [&str; 4] = ["本报讯", "本報訊", "本报电", "本報電"];

/// 新华社北京3月14日电, 本报讯: the byte length of a dateline opening a news
/// item.
pub(super) fn dateline(t: &str) -> Option<usize> {
    if let Some(d) = OWN_DATELINES.iter().find(|d| t.starts_with(*d)) {
        return Some(d.len());
    }
    if let Some(n) = own_dateline(t) {
        return Some(n);
    }
    let at = t.find(['电', '電'])?;
    let head = &t[..at];
    let n = head.chars().count();
    let dated = head.contains('月') && head.ends_with('日');
    (n <= 20
        && dated
        && head
            .chars()
            .all(|c| is_han(c) || c.is_ascii_digit() || c == ' '))
    .then_some(at + '电'.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(
            byline("本报记者 林晓舟").as_deref(),
            Some("本报记者 林晓舟")
        );
        assert_eq!(byline("■本报记者 孙悦").as_deref(), Some("本报记者 孙悦"));
        assert_eq!(
            byline("通讯员 张伟 记者 刘 洋").as_deref(),
            Some("通讯员 张伟 记者 刘洋")
        );
        assert_eq!(
            byline("新华社记者 王宏").as_deref(),
            Some("新华社记者 王宏")
        );
        assert_eq!(byline("文/林晓舟").as_deref(), Some("文/林晓舟"));
        assert_eq!(
            byline("本報記者 陳志明").as_deref(),
            Some("本報記者 陳志明")
        );
        assert!(byline("记者来到了现场").is_none() && byline("本报记者 王强 摄").is_none());
        assert!(byline("记者发现").is_none());
        // Read with no gaps: roles and names apart again.
        assert_eq!(byline("本报记者甘小棠").as_deref(), Some("本报记者 甘小棠"));
        // 报 misread: still the paper's own reporter.
        assert_eq!(byline("本己记者方晨华").as_deref(), Some("本己记者 方晨华"));
        assert_eq!(
            byline("本报记者方知远见习记者陆小禾").as_deref(),
            Some("本报记者 方知远 见习记者 陆小禾")
        );
        assert_eq!(
            byline("本报记者林晓舟 实习生周一然").as_deref(),
            Some("本报记者 林晓舟 实习生 周一然")
        );
        assert!(byline("记者走访发现").is_none());
    }

    #[test]
    fn photo_credits() {
        assert_eq!(photo_credit("本报记者 王强 摄"), Some(0));
        let t = "念。新华社记者 李华 摄";
        assert_eq!(photo_credit(t), Some("念。".len()));
        assert_eq!(photo_credit("（新华社发）"), Some("（".len()));
        assert!(photo_credit("他拿起相机拍摄").is_none());
    }

    #[test]
    fn sources() {
        assert_eq!(source("（据新华社）").as_deref(), Some("据新华社"));
        assert_eq!(source("(本报讯）").as_deref(), Some("本报讯"));
        assert_eq!(source("（中央社)").as_deref(), Some("中央社"));
        assert_eq!(source("据新华社电").as_deref(), Some("据新华社"));
        assert_eq!(source("(据市气象台）").as_deref(), Some("据市气象台"));
        assert_eq!(source("《本报讯)").as_deref(), Some("本报讯"));
        assert_eq!(source("〈据新华社)").as_deref(), Some("据新华社"));
        for s in ["体育快讯", "新华社北京3月14日电", "据了解", "西岭通讯"] {
            assert!(source(s).is_none(), "{s}");
        }
    }

    #[test]
    fn serial_clues() {
        assert_eq!(author("沈南星 著").as_deref(), Some("沈南星"));
        assert_eq!(author("金陵客著").as_deref(), Some("金陵客"));
        assert_eq!(installment("连载 416"), Some(416));
        assert_eq!(installment("（789）"), Some(789));
        assert_eq!(installment("（四一六）"), Some(416));
        assert_eq!(installment("連載四百一十六"), Some(416));
        assert_eq!(installment("416"), None);
        let h = serial_head("连载 58 《山城旧事》 许青禾 著").expect("head");
        assert_eq!(h.number, Some(58));
        assert_eq!(h.work.as_deref(), Some("山城旧事"));
        assert_eq!(h.author.as_deref(), Some("许青禾"));
        assert!(serial_head("《长街》").is_none());
        let h = serial_head("连载 789 《长河灯影》”沈南星 著").expect("head");
        assert_eq!(h.author.as_deref(), Some("沈南星"));
        let h = serial_head("连载 12  《北窗》 。 顾青禾 著").expect("head");
        assert_eq!(h.author.as_deref(), Some("顾青禾"));
        assert_eq!(
            dateline("新华社北京3月14日电　全市"),
            Some("新华社北京3月14日电".len())
        );
        assert_eq!(dateline("本報訊　天星小輪"), Some("本報訊".len()));
        assert_eq!(dateline("本报记者 林晓舟"), None);
    }
}
