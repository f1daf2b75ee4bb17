#!/usr/bin/env python3
"""Writes a long serial for measurements: OUT/serial.toml and N installments
of about C characters each, mixed deterministically from sentences written
for typeset, with one ideograph in twenty drawn from the first B
ideographs of the CJK Unified Ideographs block (Unicode data).

Usage: tools/gen-serial.py OUT [N=300] [C=3300] [B=4500] [--hant] [--vertical]
"""
import os, sys

SENTENCES = [
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
]

# The same sentences in traditional characters, with corner quotes, for
# --hant (zh-Hant) serials.
SENTENCES_HANT = [
    "雨從傍晚開始下，一直沒有停。",
    "河埠頭的青石板被洗得發亮，倒映著對岸茶館裡昏黃的燈。",
    "她把最後一筐桑葉搬進屋裡，才發現門縫底下塞著一封信。",
    "「你聽說了嗎？」「聽說了！」兩個人同時笑了起來。",
    "信封是牛皮紙的，邊角已經被雨水洇濕，上面沒有郵票。",
    "三年前的那個早晨，哥哥在灶臺邊的牆上寫下了一句「等我回來」。",
    "廠裡的活計不算重，只是夜裡常要趕工，睡得少些。",
    "上個月領了工錢，託同鄉帶回10塊銀元，另有一塊花布。",
    "窗外的雨聲忽然大了起來，敲在瓦上，噼裡啪啦。",
    "院門外響起了三下敲門聲——不輕不重，停一下，又是兩下。",
    "鎮上的鐘敲了12下，街上已經沒有行人了……",
    "《長河燈影》裡寫道：渡口的燈，一夜也不曾熄過。",
    "他從懷裡掏出一張舊照片（照片的一角已經捲了起來），遞給她看。",
    "2026年的冬天來得早，河面上結了一層薄冰。",
    "船老大說，今年的魚比往年少了3.5成，價錢卻漲了一倍。",
    "她想了想，把信重新摺好，塞進了貼身的衣袋裡。",
]


class Lcg:
    def __init__(self, seed):
        self.x = seed

    def next(self):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return self.x >> 33


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = args[0]
    n = int(args[1]) if len(args) > 1 else 300
    chars = int(args[2]) if len(args) > 2 else 3300
    breadth = int(args[3]) if len(args) > 3 else 4500
    hant = "--hant" in sys.argv
    vertical = "--vertical" in sys.argv
    os.makedirs(out, exist_ok=True)
    rng = Lcg(7)
    sentences = SENTENCES_HANT if hant else SENTENCES
    work, author = ("長河燈影", "沈南星") if hant else ("长河灯影", "沈南星")
    with open(os.path.join(out, "serial.toml"), "w") as f:
        f.write(f'work = "{work}"\nauthor = "{author}"\n')
        f.write(f'lang = "{"zh-Hant" if hant else "zh-Hans"}"\n')
        f.write(f'writing = "{"vertical" if vertical else "horizontal"}"\n')
    total = 0
    for k in range(1, n + 1):
        body, count = [], 0
        while count < chars:
            para = ""
            for _ in range(3 + rng.next() % 6):
                for c in sentences[rng.next() % len(sentences)]:
                    if "\u4e00" <= c <= "\u9fff" and rng.next() % 20 == 0:
                        c = chr(0x4E00 + rng.next() % breadth)
                    para += c
            body.append(para)
            count += len(para)
        total += count
        with open(os.path.join(out, f"{k:04}.md"), "w") as f:
            f.write(f'+++\nkind = "serial"\ntitle = "第{k}回"\ndate = 2026-11-27\n[serial]\nwork = "{work}"\nauthor = "{author}"\ninstallment = {k}\n+++\n\n')
            f.write("\n\n".join(body) + "\n")
    print(f"{n} installments, {total} characters in {out}")


if __name__ == "__main__":
    main()
