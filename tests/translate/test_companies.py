"""Company names (companies.py, reported as names.organisation): the demo model wrote
西日本電信電話株式会社 as "The Japanese Telephone Company" and 日本電気株式会社 as "Japan
Electric Company" (real docx09 run, fresh_runs_s9) with no finding, while correct English
names ("Japan Post Co., Ltd.", "Hitachi, Ltd.") were flagged for the 株式会社 they leave
unsaid."""

from __future__ import annotations

import pytest

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.companies import companies_in, listed_companies
from desk_assistant.tasks.translate.organisations import organisations_in


def warnings(source: str, english: str) -> list[str]:
    found = check_segment(source, english, (), "ja", "en")
    return [f.check for f in found if f.severity != "info"]


def looks(source: str, english: str) -> list[str]:
    found = check_segment(source, english, (), "ja", "en")
    return [f.check for f in found if getattr(f, "weak", False)]


def test_the_list_is_data_in_resources():
    assert listed_companies()["日本電気"][0] == "NEC"
    assert "NTT West" in listed_companies()["西日本電信電話"]


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("西日本電信電話株式会社", "The Japanese Telephone Company"),  # real docx09 run
        ("日本電気株式会社", "Japan Electric Company"),  # real docx09 run: not NEC
        ("株式会社日立製作所", "Japan Manufacturing Company"),
        ("東日本旅客鉄道株式会社", "Japan Railway Company"),  # East lost
        ("富士通株式会社", "Fuji Communications Company"),
        ("日本電信電話株式会社", "Japan Telephone Company"),  # telegraph lost
        ("住友商事株式会社", "Mitsui Corporation"),  # unlisted: another company
        ("株式会社島津製作所", "Shimizu Corporation"),  # unlisted, its only word
        ("株式会社日本総合研究所", "Nomura Research Institute"),
    ],
)
def test_a_company_lost_or_replaced_is_a_warning(source, english):
    assert "names.organisation" in warnings(source, english)


@pytest.mark.parametrize(
    ("source", "english"),
    [
        ("西日本電信電話株式会社", "Nippon Telegraph and Telephone West Corporation"),
        ("西日本電信電話株式会社", "NTT West"),
        ("日本電気株式会社", "NEC Corporation"),
        ("日本郵便株式会社", "Japan Post Co., Ltd."),
        ("東京電力株式会社", "Tokyo Electric Power Company"),
        ("三菱重工業株式会社", "Mitsubishi Heavy Industries, Ltd."),
        ("株式会社日立製作所", "Hitachi, Ltd."),
        ("東日本旅客鉄道株式会社", "East Japan Railway Company"),
        ("富士通株式会社", "Fujitsu Limited"),
        ("川崎重工業", "Kawasaki Heavy Industries"),
        ("株式会社島津製作所", "Shimadzu Corporation"),  # unlisted, ヅ as dz
        ("キヤノン株式会社", "Canon Inc."),
        (
            "東京海上日動火災保険株式会社",
            "Tokio Marine & Nichido Fire Insurance Co., Ltd.",
        ),  # listed
        ("エムケー・システムズ株式会社", "MK Systems Co., Ltd."),
    ],
)
def test_a_company_by_its_own_english_is_no_finding(source, english):
    assert warnings(source, english) == []


@pytest.mark.parametrize(
    ("source", "english"),
    [
        # official names that drop or reword one word of the Japanese: a look, no warning
        ("株式会社野村総合研究所", "Nomura Research Institute, Ltd."),
        ("株式会社ニッセイ基礎研究所", "NLI Research Institute"),
        # (東京海上日動火災保険 "Tokio Marine & Nichido Fire Insurance" was one; now listed)
        ("損害保険ジャパン株式会社", "Sompo Japan Insurance Inc."),
    ],
)
def test_one_word_of_an_unlisted_name_gone_is_worth_a_look(source, english):
    assert "names.organisation" not in warnings(source, english)
    assert "names.organisation" in looks(source, english)


def test_a_role_a_law_gives_a_company_is_no_name():
    # 清算株式会社 "the liquidating stock company", 当該株式会社 "the stock company"
    assert list(companies_in("清算株式会社は、債権者に弁済する。")) == []
    assert list(companies_in("当該株式会社が議決権を有しないとき")) == []
    assert (
        warnings(
            "当該株式会社が事業の全部を譲渡したときは、その旨を公告しなければならない。",
            "When the stock company has transferred the whole of its business, it must give "
            "public notice of that fact.",
        )
        == []
    )


def test_a_company_is_one_name_not_a_body_inside_it():
    # 製作所 of 日立製作所 is no body of its own (names.organisation saw one before)
    assert [s for s, _ in organisations_in("株式会社日立製作所")] == ["株式会社日立製作所"]


def test_a_listed_name_alone_before_its_product():
    assert list(companies_in("川崎重工製のＣ２輸送機")) == [("川崎重工", "川崎重工")]


def test_a_place_added_to_a_company_name_is_a_warning():
    # 株式会社Box Japan → "Tokyo Box Japan" (real docx09 run): its words all there, yet
    # another company; 大阪ガス → "Tokyo Gas" is another company too
    assert "names.organisation" in warnings("株式会社Sample Japan", "Tokyo Sample Japan")
    assert "names.organisation" in warnings("大阪ガス株式会社", "Tokyo Gas Co., Ltd.")
    assert warnings("株式会社Sample Japan", "Sample Japan K.K.") == []
    assert warnings("大阪ガス株式会社", "Osaka Gas Co., Ltd.") == []


def test_the_name_is_cut_from_the_words_before_it():
    assert list(companies_in("委託先日本電気株式会社が")) == [("日本電気株式会社", "日本電気")]
    assert list(companies_in("受託者大阪ガス株式会社と")) == [("大阪ガス株式会社", "大阪ガス")]
    assert warnings("委託先日本電気株式会社", "The contractor NEC Corporation") == []
