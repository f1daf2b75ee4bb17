//! Personal names, as bylines and credits print them: a common surname (姓)
//! and one to three more characters. A name is the evidence that tells a
//! credit line (`质检 赵敏`) from running text (`编辑部的同事们`).

/// Common single-character surnames, simplified and traditional forms.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖\
田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛\
闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂\
章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝\
路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫\
费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池\
查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚\
花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄\
邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但\
尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由洪\
陳張劉楊黃趙吳孫馬許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閆賀顧龔萬錢嚴莊聶魯嶽歐關蘭紀畢單\
駱藍遊鮑華饒農簡車項蘆麥婁竇鄺陰謝羅鄭劉梁沈範彭曾傅";

/// Two-character surnames (复姓).
const COMPOUND: [&str; 22] = [
    "欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟", "公孙",
    "公孫", "慕容", "令狐", "夏侯", "长孙", "長孫", "宇文", "端木", "独孤", "獨孤",
];

/// Characters that running text has and names almost never do: a word
/// with one of them is a phrase, not a name.
pub(super) const NOT_IN_NAMES: &str = "的了是在和与说着过们这那个也都就要会能把被从到对为以及或而但所其之\
不没有无很更最再又还已将让给向于等着吗呢吧啊、，。：；！？";

pub(super) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// A surname starts `s`: its length in characters (1 or 2).
pub(super) fn surname(s: &str) -> Option<usize> {
    if COMPOUND.iter().any(|c| s.starts_with(c)) {
        return Some(2);
    }
    let first = s.chars().next()?;
    SURNAMES.contains(first).then_some(1)
}

/// 林晓舟, 欧阳明: two to four Han characters beginning with a surname.
pub(super) fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    let Some(sur) = surname(s) else {
        return false;
    };
    (2..=4).contains(&n)
        && n > sur
        && s.chars().all(is_han)
        && !s.chars().skip(sur).any(|c| NOT_IN_NAMES.contains(c))
}

/// Words of a credit or byline: split at spaces and separators, with a
/// two-character name printed spaced out to three (`刘 洋`) put together
/// again.
pub(super) fn words(s: &str) -> Vec<String> {
    // Quotation marks are the OCR's reading of a gap (王海燕 ”质检).
    let parts: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || "、，,/／|｜·•:：“”\"".contains(c))
        .filter(|p| !p.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < parts.len() {
        let (a, b) = (parts[k], parts.get(k + 1).copied());
        let single = |p: &str| p.chars().count() == 1 && p.chars().all(is_han);
        if single(a) && b.is_some_and(single) && surname(a).is_some() {
            out.push(format!("{a}{}", b.unwrap_or_default()));
            k += 2;
        } else {
            out.push(a.to_string());
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_phrases() {
        assert!(is_name("林晓舟") && is_name("王宏") && is_name("欧阳明") && is_name("陳志明"));
        assert!(
            !is_name("编辑部") && !is_name("王说了") && !is_name("记者") && !is_name("了一本书")
        );
        assert!(!is_name("林") && !is_name("欧阳"));
    }

    #[test]
    fn spaced_names_join() {
        assert_eq!(words("记者 刘 洋"), ["记者", "刘洋"]);
        assert_eq!(words("质检:赵敏、李明"), ["质检", "赵敏", "李明"]);
    }
}
