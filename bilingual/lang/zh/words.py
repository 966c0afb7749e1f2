"""Chinese function words, and words that hold a negation character without negating.

Data only; the check modules read them.
"""

from __future__ import annotations

import re

# Function words (and a few very frequent content words) that say nothing about coverage.
STOP_WORDS = frozenset(
    "的 地 得 了 着 过 是 在 和 与 及 也 都 就 而 之 其 这 那 把 被 给 对 从 向 于 以 为 所 并 "
    "或 等 吗 呢 吧 啊 呀 个 很 还 又 再 将 会 能 要 可 让 使 有 上 下 中 里 来 去 到 说 "
    "我们 他们 你们 它们 她们 自己 因为 所以 但是 可是 如果 虽然 已经 这个 那个 这些 那些 "
    "一个 就是 还是 而且 以及 并且 或者 他 她 它 我 你 您 此 该 每 各 些 年 月 日 时 人 "
    "说道 表示 称 指出 认为 今天 目前 现在 道 笑道 问道 答道 叫道 喊道 说着 听了".split()
)

# words holding a negation character that do not negate (不过 = but, 非常 = very ...)
NOT_NEGATION = (
    "不过",
    "不過",
    "非常",
    "无论",
    "無論",
    "未来",
    "未來",
    "不断",
    "不斷",
    "不久",
    "不少",
    "不仅",
    "不僅",
    "不管",
    "无数",
    "無數",
    "莫名",
    "不同",
    "差不多",
    "不得不",
    "非洲",
    "是非",
    "除非",
    "莫斯科",
    "无疑",
    "无比",
    "不禁",
    "不时",
    "不论",
    "要不",
    "否则",
    "毫不",
    "而不是",
    "不是而是",
    "失去",
    "乐此不疲",
    # double negations say "all" / "must": 无不喜悦 = all were pleased
    "无不",
    "無不",
    "莫不",
    "无一不",
    "不无",
)

# Function words a translation leaves unlinked (the phrase channel's word links, check/wordalign).
UNLINKED_WORDS = frozenset(
    "的 了 在 是 和 与 及 也 都 就 将 把 被 对 等 中 上 个 这 那 其 之 而 并 或".split()
)

# A speaker attribution opening a sentence of dialogue: 海老公道：“…”, 小玄子笑道：, 他说：. A
# translation of dialogue often names the speaker once, or lets the turn-taking say who
# speaks, and drops the tag ('At you!' for 小玄子道：“很好！”).
SPEAKER_TAG = re.compile(
    r"^\s*[^\s，。！？；：:“”「」『』‘’\"'（）()]{1,8}?"
    r"(?:[笑问答叫喊喝怒骂叹哭]|低声|大声|冷笑|微笑|沉声|喃喃)?[道说][：:]"
)
