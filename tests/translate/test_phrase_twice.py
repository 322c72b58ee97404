"""A long phrase said twice is a loop (degeneration.loop): real demo-model outputs from
the stored Office runs (pptx01, pptx02, xlsx01, xlsx06) that no check flagged, and the
bench's correct references, which must stay quiet."""

import json
from pathlib import Path

import pytest

from desk_assistant.tasks.translate.degeneration import check_loop, find_loop

BENCH = Path(__file__).resolve().parents[2] / "bench" / "data"

RESTATED = [
    (
        "行政やスマートシティなど分野ごとに特化したデータセットに関するデータモデル。"
        "コアデータモデルの組み合わせやカスタマイズによって定義することが可能。",
        "Data model for the use of data sets for the development of smart cities and other "
        "fields. The combination of the data model and customization can be defined by the "
        "combination of the data model and customization.",
    ),
    (
        "データの検索性を高めることが重要であり、プラットフォームの中で",
        "To improve the usability of the platform, it is important to improve the usability "
        "of the platform.",
    ),
    (
        "要求があった時のみ、データ品質とプロセスパフォーマンスの測定が実施されている",
        "When the data quality and process performance of the requirements are measured, the "
        "data quality and process performance are measured.",
    ),
    (
        "都市整備局下水道部下水道業務課",
        "Under the Water Supply Department of the Water Supply Bureau, the Water Supply "
        "Department of the Water Supply Bureau",
    ),
    (
        "大野小学校",
        "The school of the same name is located in the same building as the school of the "
        "same name.",
    ),
]


@pytest.mark.parametrize(("source", "output"), RESTATED)
def test_a_long_phrase_said_twice_is_a_loop(source, output):
    [finding] = check_loop(source, output)
    assert finding.check == "degeneration.loop"


def test_a_phrase_the_source_says_twice_may_be_said_twice():
    # 申請書の写し twice in the source: "a copy of the application form" twice is faithful.
    source = "申請書の写しを添付し、申請書の写しを五年間保存すること。"
    output = (
        "Attach a copy of the application form and keep a copy of the application form "
        "for five years."
    )
    assert find_loop(output, source) is None
    assert find_loop(output, "申請書の写しを添付すること。")  # said once: a loop


def test_short_function_word_runs_are_no_loop():
    # "of the … of the" recurs in any long English sentence.
    source = "この法律の規定は、前条の規定による届出に係る事項の変更について準用する。"
    output = (
        "The provisions of this Act apply mutatis mutandis to a change in the matters "
        "pertaining to the notification under the provisions of the preceding Article."
    )
    assert find_loop(output, source) is None


def test_no_correct_reference_of_the_bench_is_called_a_loop():
    checked = 0
    for path in sorted(BENCH.glob("*references*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for row in data.get("segments", []) + data.get("titles", []):
            if row.get("reference"):
                checked += 1
                assert find_loop(row["reference"], row["source"]) is None, row["source"]
    assert checked >= 300
