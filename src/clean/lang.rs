//! Which script an article is in, Traditional or Simplified, by the
//! characters that differ between them: the article's `lang` and the
//! quotation marks a misread quotation is restored with (「」 in
//! Traditional text, “” in Simplified).

/// Characters found only in Traditional text, and (in the same order)
/// their Simplified forms.
const TRAD: &str = "這們說來時會國個為與後從對還過經發開關點無實現愛聽體長門問間覺讓應當變麼電話車書東見記親頭兩報歲邊買賣紅綠飯館樓寫學習讀聲氣歡樂聯務際達連進運醫藥環場雙將專業嗎傳統總號碼驗證線寶島灣區條組織視讀櫃擔鐘積鎖霧";
const SIMP: &str = "这们说来时会国个为与后从对还过经发开关点无实现爱听体长门问间觉让应当变么电话车书东见记亲头两报岁边买卖红绿饭馆楼写学习读声气欢乐联务际达连进运医药环场双将专业吗传统总号码验证线宝岛湾区条组织视读柜担钟积锁雾";

/// More Traditional-only characters than Simplified-only ones.
pub(super) fn is_traditional(text: &str) -> bool {
    let trad = text.chars().filter(|c| TRAD.contains(*c)).count();
    let simp = text.chars().filter(|c| SIMP.contains(*c)).count();
    trad > simp
}

/// The BCP 47 tag of the article's language.
pub(super) fn tag(text: &str) -> &'static str {
    if is_traditional(text) {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(tag("位於舊城區的這家書店已經開了四十二年"), "zh-Hant");
        assert_eq!(tag("这家书店已经开了四十二年"), "zh-Hans");
        assert_eq!(tag("雨下了一整天"), "zh-Hans");
    }
}
