"""Build the data files of the language rules (govlint/data/language/).

    python tools/build_language_data.py          # rewrite the generated files
    python tools/build_language_data.py --check  # exit 1 if they are out of date

Needs pypinyin (the sound of each character) and jieba (its dictionary, the
general word list); neither is needed to run govlint:
`pip install pypinyin jieba`. Versions used for the files in the repository:
pypinyin 0.55.0, jieba 0.42.1.

What it writes, and from what:

- sounds.txt: the reading of every GB2312 character (6,763) and of every
  other character of the lexicon, from pypinyin (its first, most common
  reading, tones dropped), grouped into classes of characters that sound
  alike: zh/z, ch/c, sh/s and the finals -ing/-in, -eng/-en are merged,
  the near-homophones of a southern accent and of a hurried pinyin input.
- lexicon.txt: the words of this genre that the typo rule checks, three
  characters or more: the template's labels and headings
  (govlint/data/template.json, sections.json), words and compounds of the
  real reports in corpus/ (segmented with jieba; a compound of two or three
  words counts when two or more reports use it), and a section of words
  added by hand, which this script keeps as it is.
- words.txt: known words that are not typos although they sound or look
  (lookalikes.txt, written by hand) like a lexicon word or are one
  character moved from one (jieba's dictionary
  and the lexicon); one character moved in each core word of the genre (CORE
  below), where that is no word and at most one real report writes it; the two-character words that three reports or more use,
  whose doubling is a typo; each lexicon word without its last
  character, where that is no word (a character lost before punctuation);
  jieba's words of three or four characters with a common ending (性, 化,
  权 …; frequency >= 3), what enumeration items are; and the two-character words of jieba's
  dictionary (frequency >= 20, and every one the corpus uses), with
  which the rule tells whether a character at the edge of a suspect
  string belongs to the word next to it.
- misspellings.tsv is written by hand; the script checks that each right
  form is a word of jieba's dictionary and no wrong form is a lexicon word.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "govlint" / "data" / "language"
HAN = re.compile(r"[\u4e00-\u9fff]+")
# Function words that never start or end a compound of the lexicon.
EDGE_STOP = set("的了和与及或等在对为是将把被也都又并而且之于以其这那此该各每有无不没从向由到至就还更最很")
MIN_WORD = 3
MAX_COMPOUND = 8
TWO_CHAR_MIN_FREQ = 20


def fuzzy(syllable: str) -> str:
    """The class of a toneless syllable: zh/ch/sh as z/c/s, -ing/-eng as -in/-en."""
    for hard, soft in (("zh", "z"), ("ch", "c"), ("sh", "s")):
        if syllable.startswith(hard):
            syllable = soft + syllable[2:]
            break
    if syllable.endswith("ing"):
        syllable = syllable[:-1]
    elif syllable.endswith("eng") and syllable != "eng":
        syllable = syllable[:-1]
    return syllable


def gb2312() -> list[str]:
    chars = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def readings(chars) -> dict[str, str]:
    from pypinyin import Style, pinyin

    out = {}
    for char in chars:
        syllables = pinyin(char, style=Style.NORMAL, heteronym=False)[0]
        if syllables and syllables[0].isascii() and syllables[0].isalpha():
            out[char] = fuzzy(syllables[0])
    return out


# jieba's part-of-speech tags of names (people, places, organisations,
# other proper names): such words are not lexicon words, names are not checked.
NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}


def jieba_words(with_tags: bool = False):
    import jieba

    path = Path(jieba.__file__).parent / "dict.txt"
    words, tags = {}, {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            word, freq, *tag = line.split()
            if HAN.fullmatch(word):
                words[word] = int(freq)
                tags[word] = tag[0] if tag else ""
    return (words, tags) if with_tags else words


def corpus_texts() -> dict[str, str]:
    """Prose of each real report, as govlint reads it: without the bodies of
    sections 二, 三 and 四 (the tables) and lines with table cells, its lines
    joined (a PDF's wrapped lines are one paragraph again)."""
    sys.path.insert(0, str(ROOT))
    from govlint.model.document import Document
    from govlint.model.report import parse_report

    texts = {}
    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "openings").glob("*.txt")) + \
        sorted((ROOT / "corpus" / "pdf-text").glob("*.txt"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        report = parse_report(Document(str(path), text))
        kept = []
        for start, line in zip(report.document.line_starts, report.document.lines):
            if "\t" in line or "|" in line or report.in_table_section(start):
                kept.append("\n")
            else:
                kept.append(line.strip())
        texts[str(path.relative_to(ROOT))] = "".join(kept)
    return texts


def template_phrases() -> set[str]:
    phrases = set()

    def walk(node):
        if isinstance(node, str):
            for run in HAN.findall(node):
                phrases.add(run)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for name in ("template.json", "sections.json"):
        data = json.loads((ROOT / "govlint" / "data" / name).read_text(encoding="utf-8"))
        data.pop("description", None)
        walk(data)
    return phrases


def segment(text: str) -> list[list[str]]:
    """Runs of Han characters, each cut into words by jieba (no HMM: only
    dictionary words, so a typo stays in pieces)."""
    import jieba

    return [list(jieba.cut(run, HMM=False)) for run in HAN.findall(text)]


def mine(texts: dict[str, str], known: dict[str, int], names: set[str]) -> tuple[Counter, Counter, Counter]:
    """Document frequencies in the real reports of: dictionary words of three
    characters or more, compounds of two or three words, two-character
    dictionary words."""
    words, compounds, pairs = Counter(), Counter(), Counter()
    for text in texts.values():
        seen_words, seen_compounds, seen_pairs = set(), set(), set()
        for tokens in segment(text):
            for token in tokens:
                if token in known and token not in names:
                    (seen_words if len(token) >= MIN_WORD else seen_pairs if len(token) == 2 else set()).add(token)
            for size in (2, 3):
                for i in range(len(tokens) - size + 1):
                    parts = tokens[i:i + size]
                    if parts[0] in EDGE_STOP or parts[-1] in EDGE_STOP or any(len(p) == 1 and p in EDGE_STOP for p in parts):
                        continue
                    if sum(len(p) == 1 for p in parts) > 1 or any(p in names for p in parts):
                        continue
                    joined = "".join(parts)
                    if 4 <= len(joined) <= MAX_COMPOUND:
                        seen_compounds.add(joined)
        words.update(seen_words)
        compounds.update(seen_compounds)
        pairs.update(seen_pairs)
    return words, compounds, pairs


def read_sections(path: Path) -> dict[str, list[str]]:
    sections, current = defaultdict(list), None
    if not path.exists():
        return sections
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("## "):
            current = line[3:].strip()
        elif line and not line.startswith("#") and current:
            sections[current].append(line.split("\t")[0].strip())
    return sections


HAND = "added by hand"
# Endings that the items of an enumeration share (准确性、权威性、完整性).
SUFFIXES = "性化权率度型式感力制"
# The core words of the genre whose characters a slip moves (政务信息 → 政信息务):
# few, because every variant is a pattern the rule searches for in every report.
CORE = ("政务信息", "政府信息", "信息公开", "政务公开", "依申请公开", "主动公开", "年度报告")
# Two-character words that are doubled on purpose (研究研究, 看看).
REDUPLICATED = {"研究", "讨论", "学习", "了解", "商量", "考虑", "检查", "休息", "活动", "比较", "介绍", "熟悉",
                "体会", "交流", "总结", "思考", "分析", "整理", "打扫", "收拾", "锻炼", "说说", "看看", "试试"}


def build() -> dict[str, str]:
    known, tags = jieba_words(with_tags=True)
    names = {w for w, t in tags.items() if t in NAME_TAGS}
    texts = corpus_texts()
    template = {p for p in template_phrases() if len(p) >= MIN_WORD}
    template_words = set(template)
    for phrase in template:
        for tokens in segment(phrase):
            template_words.update(t for t in tokens if len(t) >= MIN_WORD)
    word_df, compound_df, pair_df = mine(texts, known, names)
    corpus_words = set(word_df)
    compounds = {c for c, n in compound_df.items() if n >= 2}
    hand = read_sections(DATA / "lexicon.txt").get(HAND, [])
    lexicon = template_words | corpus_words | compounds | set(hand)

    chars = set(gb2312()) | {c for w in lexicon for c in w}
    sound = readings(sorted(chars))
    classes = defaultdict(list)
    for char in sorted(sound, key=lambda c: c.encode("gb18030")):
        classes[sound[char]].append(char)

    def key(word):
        return "".join(sound.get(c, "?" + c) + " " for c in word)

    lexicon = {w for w in lexicon if all(c in sound for c in w)}
    by_sound = defaultdict(set)
    for word in lexicon:
        by_sound[key(word)].add(word)
    # Words of the dictionary that sound like a lexicon word, or are one
    # of its characters moved: real words, never typos.
    homophones = set()
    for word in known:
        if len(word) >= MIN_WORD and word not in lexicon and all(c in sound for c in word):
            if key(word) in by_sound:
                homophones.add(word)
    by_letters = defaultdict(set)
    for word in lexicon:
        if len(word) >= 4:
            by_letters["".join(sorted(word))].add(word)
    for word in known:
        if len(word) >= 4 and word not in lexicon and "".join(sorted(word)) in by_letters:
            homophones.add(word)
    # Words of the dictionary one look-alike character from a lexicon word
    # (lookalikes.txt): real words too.
    shapes = defaultdict(set)
    for line in (DATA / "lookalikes.txt").read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            for char in line:
                shapes[char].update(c for c in line if c != char)
    for word in known:
        if len(word) >= 4 and word not in lexicon and any(
                word[:at] + other + word[at + 1:] in lexicon for at, char in enumerate(word) for other in shapes[char]):
            homophones.add(word)
    corpus_two = set()
    for text in texts.values():
        for tokens in segment(text):
            corpus_two.update(t for t in tokens if len(t) == 2)
    two = {w for w, f in known.items() if len(w) == 2 and (f >= TWO_CHAR_MIN_FREQ or w in corpus_two)}
    two |= {w for w in corpus_two if w in known}

    # One character moved in a core word of the genre (政务信息 → 政信息务),
    # each variant not a word itself.
    moved = {}
    for word in CORE:
        for i in range(len(word)):
            rest = word[:i] + word[i + 1:]
            for j in range(len(word)):
                if j == i:
                    continue
                variant = rest[:j] + word[i] + rest[j:]
                if variant == word or variant in known or variant in lexicon or variant in moved:
                    continue
                if sum(variant in text for text in texts.values()) >= 2:
                    continue            # real text writes it: not a slip
                moved[variant] = word
    # A two-character word written twice (年度报告报告如下): the words that
    # three reports or more use, not those that are doubled on purpose.
    doubled = sorted(w for w, n in pair_df.items() if n >= 3 and w[0] != "一" and w not in REDUPLICATED
                     and sum(w + w in text for text in texts.values()) < 2)

    # A lexicon word that lost its last character (受理渠 for 受理渠道): where
    # the rest is three characters or more, no word, and does not end with a
    # two-character word (主要负责 is 主要负责人 cut, and right).
    truncated = {}
    for word in sorted(lexicon):
        head = word[:-1]
        if len(head) >= 3 and head not in lexicon and head not in known and head[-2:] not in two:
            truncated.setdefault(head, word)
    # Words of three or four characters with a common ending, what the items
    # of an enumeration are (准确性、权威性、完整性).
    suffixed = sorted(w for w, f in known.items() if len(w) in (3, 4) and w[-1] in SUFFIXES and f >= 3
                      and w not in names)

    out = {}
    out["sounds.txt"] = (
        "# Characters grouped by sound, generated by tools/build_language_data.py from pypinyin:\n"
        "# each character's first (most common) reading without tone; zh/z, ch/c, sh/s and the\n"
        "# finals -ing/-in, -eng/-en merged. One class a line: the class, a tab, its characters.\n"
        + "".join(f"{name}\t{''.join(chars)}\n" for name, chars in sorted(classes.items())))
    sections = [
        ("template", "labels and headings of the official template (govlint/data/template.json, sections.json) "
                     "and their words of three characters or more (jieba)", template_words),
        ("corpus words", "words of jieba's dictionary, three characters or more, used by the real reports in corpus/",
         corpus_words - template_words),
        ("corpus compounds", "two or three words that at least two real reports of corpus/ write together",
         compounds - corpus_words - template_words),
    ]
    lines = ["# The genre lexicon of the typo rule (L001): words of government information-disclosure",
             "# annual reports, three characters or more. Generated by tools/build_language_data.py",
             "# except the last section, which is kept as written. One word a line; '## name' starts a",
             "# section, the line after it says where its words come from.", ""]
    for name, source, words in sections:
        lines += [f"## {name}", f"# {source}"] + sorted(words, key=lambda w: (len(w), w)) + [""]
    hand_lines = []
    if (DATA / "lexicon.txt").exists():
        text = (DATA / "lexicon.txt").read_text(encoding="utf-8")
        hand_lines = text[text.index(f"## {HAND}"):].rstrip("\n").split("\n") if f"## {HAND}" in text else []
    lines += hand_lines or [f"## {HAND}", "# words of the genre the corpus lacks, added by the maintainers"]
    out["lexicon.txt"] = "\n".join(lines) + "\n"
    out["words.txt"] = (
        "# Known words for the typo rule (L001), generated by tools/build_language_data.py from\n"
        "# jieba 0.42.1's dictionary (dict.txt, MIT licence). Section 'alike': words that sound or look\n"
        "# like a lexicon word (lookalikes.txt) or are one of its characters moved, so never typos of it. Section\n"
        "# 'two': two-character words (frequency >= 20, or used in corpus/), grouped by their first\n"
        "# character: a line is the first character, a tab, the second characters.\n"
        "## alike\n" + "".join(w + "\n" for w in sorted(homophones)) +
        "## moved\n" + "".join(f"{v}\t{w}\n" for v, w in sorted(moved.items())) +
        "## doubled\n" + "".join(w + "\n" for w in doubled) +
        "## truncated\n" + "".join(f"{h}\t{w}\n" for h, w in sorted(truncated.items())) +
        "## suffixed\n" + "".join(w + "\n" for w in suffixed) +
        "## two\n" + "".join(f"{first}\t{''.join(sorted(w[1] for w in two if w[0] == first))}\n"
                             for first in sorted({w[0] for w in two})))
    return out


def check_misspellings(known: dict[str, int], lexicon: set[str]) -> list[str]:
    """Each right form is a word of jieba's dictionary and each wrong form is
    not a lexicon word. (jieba's dictionary holds many common misspellings,
    e.g. 再接再励 and 布署, as words it met: it cannot tell the wrong ones.)"""
    problems = []
    path = DATA / "misspellings.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        wrong, right, *_ = line.split("\t")
        if right not in known:
            problems.append(f"misspellings.tsv:{number}: {right} is not a word of jieba's dictionary")
        if wrong in lexicon:
            problems.append(f"misspellings.tsv:{number}: {wrong} is a word of the lexicon")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a generated file differs")
    args = parser.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    files = build()
    stale = []
    for name, content in files.items():
        path = DATA / name
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                stale.append(name)
        else:
            path.write_text(content, encoding="utf-8")
    lexicon = {w for words in read_sections(DATA / "lexicon.txt").values() for w in words}
    problems = check_misspellings(jieba_words(), lexicon)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
