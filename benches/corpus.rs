//! Deterministic text for benchmarks, from sentences written for typeset
//! and, for breadth, ideographs drawn from the CJK Unified Ideographs block
//! (Unicode data, not text from anywhere).

#![allow(dead_code)]

/// One sentence a line; tools/gen-serial.py reads the same file.
const SENTENCES: &str = include_str!("../tools/sentences/zh-Hans.txt");

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
    let sentences: Vec<&str> = SENTENCES.lines().collect();
    let mut rng = Lcg::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < chars {
        let mut p = String::new();
        for _ in 0..3 + rng.next_u64() % 6 {
            for c in sentences[(rng.next_u64() as usize) % sentences.len()].chars() {
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
