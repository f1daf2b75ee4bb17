//! Deterministic text for benchmarks, from sentences written for typeset
//! and, for breadth, ideographs drawn from the CJK Unified Ideographs block
//! (Unicode data, not text from anywhere).

#![allow(dead_code)]

const SENTENCES: &[&str] = &[
    "雨从傍晚开始下，一直没有停。",
    "河埠头的青石板被洗得发亮，倒映着对岸茶馆里昏黄的灯。",
    "她把最后一筐桑叶搬进屋里，才发现门缝底下塞着一封信。",
    "“你听说了吗？”“听说了！”两个人同时笑了起来。",
    "信封是牛皮纸的，边角已经被雨水洇湿，上面没有邮票。",
    "三年前的那个早晨，哥哥在灶台边的墙上写下了一句“等我回来”。",
    "厂里的活计不算重，只是夜里常要赶工，睡得少些。",
    "上个月领了工钱，托同乡带回10块银元，另有一块花布。",
    "窗外的雨声忽然大了起来，敲在瓦上，噼里啪啦。",
    "院门外响起了三下敲门声——不轻不重，停一下，又是两下。",
    "镇上的钟敲了12下，街上已经没有行人了……",
    "《长河灯影》里写道：渡口的灯，一夜也不曾熄过。",
    "他从怀里掏出一张旧照片（照片的一角已经卷了起来），递给她看。",
    "2026年的冬天来得早，河面上结了一层薄冰。",
    "船老大说，今年的鱼比往年少了3.5成，价钱却涨了一倍。",
    "她想了想，把信重新折好，塞进了贴身的衣袋里。",
];

/// A generator of pseudo-random numbers (a linear congruential generator
/// with the constants of Numerical Recipes), so the text is the same on
/// every machine.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// About `chars` characters of paragraphs (3–8 sentences each), with one
/// ideograph in twenty replaced by one from the first `breadth` ideographs of
/// the CJK Unified Ideographs block.
pub fn paragraphs(chars: usize, breadth: u32, seed: u64) -> Vec<String> {
    let mut rng = Lcg::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < chars {
        let mut p = String::new();
        for _ in 0..3 + rng.next_u64() % 6 {
            for c in SENTENCES[(rng.next_u64() as usize) % SENTENCES.len()].chars() {
                let swap =
                    ('\u{4E00}'..='\u{9FFF}').contains(&c) && rng.next_u64().is_multiple_of(20);
                let c = if swap {
                    char::from_u32(0x4E00 + (rng.next_u64() as u32) % breadth).unwrap_or(c)
                } else {
                    c
                };
                p.push(c);
            }
        }
        total += p.chars().count();
        out.push(p);
    }
    out
}

/// An article file (front matter and body) from paragraphs.
pub fn article(title: &str, paras: &[String]) -> String {
    let mut s = format!("+++\ntitle = \"{title}\"\ndate = 2026-11-27\n+++\n");
    for (i, p) in paras.iter().enumerate() {
        if i % 12 == 0 {
            s.push_str(&format!("\n## 第{}节\n", i / 12 + 1));
        }
        s.push('\n');
        s.push_str(p);
        s.push('\n');
    }
    s
}
