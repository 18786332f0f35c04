"""govlint.model.numbers: numbers as the prose of a report writes them."""
from __future__ import annotations

from decimal import Decimal

import pytest

from govlint.model.numbers import (decimals, find_numbers, parse_arabic, parse_chinese, parse_number,
                             parse_percent)


@pytest.mark.parametrize("text, value", [
    ("0", 0), ("3", 3), ("805", 805), ("1,234", 1234), ("12,345,678", 12345678),
    ("１２３", 123), ("１，２３４", 1234), ("1，234", 1234), ("32.5", Decimal("32.5")), ("３２．５", Decimal("32.5")),
    (" 7 ", 7),
])
def test_arabic(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1,23", "1,2345", ",123", "12a", "1.2.3", "", "  ", "-3", "3件"])
def test_not_one_arabic_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text, value", [
    ("零", 0), ("〇", 0), ("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("五十五", 55),
    ("一百二十", 120), ("一百零五", 105), ("一百一十", 110), ("一百十", 110), ("两千", 2000),
    ("一千零五十", 1050), ("三万五千", 35000), ("一万零五百", 10500), ("一亿二千万", 120000000),
    ("一百五", 150), ("两千三", 2300), ("两万三", 23000), ("二〇二四", 2024), ("贰拾", 20),
])
def test_chinese(text, value):
    assert parse_chinese(text) == value
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "十十", "百", "千五", "一二", "三四", "二三件", "万", "一万万", "百千", "两〇二四", "十百", "",
])
def test_malformed_or_ambiguous_chinese(text):
    # "三四" is a range (three or four), not 34; "一二" likewise.
    assert parse_chinese(text) is None


def test_arabic_parser_rejects_chinese_and_the_other_way_round():
    assert parse_arabic("十二") is None
    assert parse_chinese("12") is None


@pytest.mark.parametrize("text, value", [
    ("32.0%", Decimal("32.0")), ("３２％", Decimal(32)), ("4.34 %", Decimal("4.34")), ("100%", Decimal(100)),
    ("百分之三十二", Decimal(32)), ("百分之三十二点五", Decimal("32.5")), ("百分之32.5", Decimal("32.5")),
    ("百分之百", Decimal(100)),
])
def test_percent(text, value):
    assert parse_percent(text) == value


@pytest.mark.parametrize("text", ["32", "%", "百分之", "百分之三点", "百分之三十二点五六七八九十"])
def test_not_a_percent(text):
    assert parse_percent(text) is None


def test_decimals():
    assert [decimals(t) for t in ("33.9", "4.34", "32", "３２．５")] == [1, 2, 0, 1]


def test_find_numbers_gives_values_and_offsets():
    text = "共收到申请1,234件，一百二十件，两件，3.5件，２０２４年"
    found = [(n.value, text[n.start:n.end]) for n in find_numbers(text)]
    assert found == [(1234, "1,234"), (120, "一百二十"), (2, "两"), (Decimal("3.5"), "3.5"), (2024, "２０２４")]


def test_find_numbers_does_not_split_a_number():
    # "234" inside "1,234" and "2" inside "12" are not numbers of their own.
    assert [n.text for n in find_numbers("1,234和12")] == ["1,234", "12"]
    # After a number and a comma, a number is not read: "3，5" may be 3,5 or "3, 5".
    assert [n.text for n in find_numbers("分别为3，5件")] == ["3"]
    assert [n.value for n in find_numbers("abc 45 def", 4, 6)] == [45]
    assert find_numbers("1234567890123456") == []          # too long to be a count
