"""A light English stemmer, shared by the lexical channel, the checks and word alignment."""

from __future__ import annotations

import functools

# Irregular forms the suffix rules cannot reach (the Bible and everyday speech are full of them).
_IRREGULAR = {
    f: base
    for base, forms in (
        ("be", "was were been being am is are"),
        ("have", "had has hath"),
        ("do", "did done doth doeth does"),
        ("go", "went gone goes goeth"),
        ("say", "said saith says sayest"),
        ("see", "saw seen"),
        ("come", "came"),
        ("take", "took taken"),
        ("give", "gave given"),
        ("make", "made"),
        ("know", "knew known"),
        ("get", "got gotten"),
        ("find", "found"),
        ("think", "thought"),
        ("tell", "told"),
        ("become", "became"),
        ("leave", "left"),
        ("feel", "felt"),
        ("bring", "brought"),
        ("begin", "began begun"),
        ("keep", "kept"),
        ("hold", "held"),
        ("write", "wrote written"),
        ("stand", "stood"),
        ("hear", "heard"),
        ("let", "lets"),
        ("mean", "meant"),
        ("meet", "met"),
        ("run", "ran"),
        ("pay", "paid"),
        ("sit", "sat"),
        ("speak", "spoke spoken spake"),
        ("lie", "lay lain"),
        ("lead", "led"),
        ("read", "read"),
        ("grow", "grew grown"),
        ("lose", "lost"),
        ("fall", "fell fallen"),
        ("send", "sent"),
        ("build", "built"),
        ("understand", "understood"),
        ("draw", "drew drawn"),
        ("break", "broke broken"),
        ("spend", "spent"),
        ("rise", "rose risen"),
        ("drive", "drove driven"),
        ("buy", "bought"),
        ("wear", "wore worn"),
        ("choose", "chose chosen"),
        ("seek", "sought"),
        ("throw", "threw thrown"),
        ("catch", "caught"),
        ("deal", "dealt"),
        ("win", "won"),
        ("forget", "forgot forgotten"),
        ("sell", "sold"),
        ("fight", "fought"),
        ("teach", "taught"),
        ("eat", "ate eaten"),
        ("drink", "drank drunk"),
        ("sing", "sang sung"),
        ("swim", "swam swum"),
        ("fly", "flew flown"),
        ("sleep", "slept"),
        ("bear", "bore born borne"),
        ("beget", "begat begot begotten"),
        ("slay", "slew slain"),
        ("smite", "smote smitten"),
        ("arise", "arose arisen"),
        ("forsake", "forsook forsaken"),
        ("hide", "hid hidden"),
        ("shine", "shone"),
        ("shoot", "shot"),
        ("strike", "struck stricken"),
        ("steal", "stole stolen"),
        ("swear", "swore sworn"),
        ("tear", "tore torn"),
        ("wake", "woke woken"),
        ("weep", "wept"),
        ("ride", "rode ridden"),
        ("feed", "fed"),
        ("flee", "fled"),
        ("dig", "dug"),
        ("hang", "hung"),
        ("light", "lit"),
        ("man", "men"),
        ("woman", "women"),
        ("child", "children"),
        ("foot", "feet"),
        ("tooth", "teeth"),
        ("mouse", "mice"),
        ("person", "people"),
        ("ox", "oxen"),
        ("brother", "brethren"),
        ("good", "better best"),
        ("bad", "worse worst"),
    )
    for f in forms.split()
}


@functools.lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light English stemmer: created/creates/create/creation -> creat, cities/city -> citi.

    Deliberately crude and symmetric: it only needs to map a word and the words of its
    dictionary gloss to the same key.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.strip("'")
    w = _IRREGULAR.get(w, w)
    if len(w) <= 3:
        return w
    if len(w) >= 6 and w.endswith(("our", "ours")) and not w.endswith(("hour", "hours")):
        # British spelling meets CC-CEDICT's American: neighbour -> neighbor.
        w = w[:-4] + "ors" if w.endswith("s") else w[:-3] + "or"
    for suf, rep, min_len in (
        ("ies", "i", 5),
        ("sses", "ss", 5),
        ("ness", "", 7),
        ("ments", "", 8),
        ("ment", "", 7),
        ("ions", "", 7),
        ("ion", "", 6),
        ("ings", "", 6),
        ("ing", "", 6),
        ("eth", "", 6),  # archaic: cometh, loveth (KJV)
        ("est", "", 7),  # knowest, greatest
        ("edly", "", 7),
        ("ed", "", 5),
        ("ly", "", 6),
        ("es", "e", 5),
        ("s", "", 4),
    ):
        if w.endswith(suf) and len(w) >= min_len:
            if suf == "s" and w.endswith(("ss", "us", "is")):
                break
            w = w[: len(w) - len(suf)] + rep
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("y") and len(w) > 3:
        w = w[:-1] + "i"
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiousl":
        w = w[:-1]
    return w
