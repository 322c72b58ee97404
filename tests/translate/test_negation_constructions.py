"""Japanese constructions whose negative morpheme (ない, ぬ, ず, ません) does not make the
English negative, or makes it negative in a form English says another way, swept as a class
(issue 12: false alarms of meaning.negation on correct translations). Each row is a sentence
of our own in official or Diet register with a correct English a translator would write;
where the English must carry the negation, a faulty English drops or turns it and must
still be flagged."""

from __future__ import annotations

import pytest

from desk_assistant.tasks.translate.checks import check_segment

POLARITY = {
    "meaning.negation",
    "meaning.restriction",
    "meaning.contrast",
    "meaning.loss",
    "meaning.direction",
}


def _polarity(source: str, translation: str) -> set[str]:
    found = check_segment(source, translation, (), "ja", "en")
    return {f.check for f in found if f.check in POLARITY and f.severity != "info"}


# (construction, source, correct English)
CORRECT = [
    # double negatives: a plain statement in English
    (
        "ないわけではない",
        "課題がないわけではありませんが、制度全体としては機能していると考えております。",
        "While there are some issues, we believe the system as a whole is functioning.",
    ),
    (
        "ないことはない",
        "御指摘の方法も検討できないことはありませんが、費用の面で課題がございます。",
        "The method you suggest could be considered, but it raises issues of cost.",
    ),
    (
        "なくはない",
        "その可能性もなくはないと考えております。",
        "We think there is some possibility of that.",
    ),
    (
        "ないでもない",
        "委員の御懸念も分からないでもありません。",
        "I can to some extent understand the member's concern.",
    ),
    (
        "ないとも限らない",
        "同様の事故が再び起きないとも限りません。",
        "A similar accident could happen again.",
    ),
    (
        "ざるを得ない",
        "予算の制約から、計画を見直さざるを得ません。",
        "Owing to budget constraints, we have to review the plan.",
    ),
    (
        "ずにはいられない",
        "被災地の現状を見るにつけ、支援の遅れを憂慮せずにはいられません。",
        "Seeing the state of the affected areas, I am deeply concerned at the delay in support.",
    ),
    (
        "ないではいられない",
        "国民の不安を思うと、早急な対応を求めないではいられません。",
        "Considering the public's anxiety, I must call for a prompt response.",
    ),
    (
        "を禁じ得ない",
        "今回の不祥事には、遺憾の念を禁じ得ません。",
        "I must express my deep regret at this scandal.",
    ),
    # obligation
    (
        "なければならない",
        "事業者は、毎年度、報告書を提出しなければならない。",
        "The business operator must submit a report every fiscal year.",
    ),
    (
        "なくてはならない",
        "地方の声を国政に反映させなくてはなりません。",
        "We must reflect the voices of the regions in national policy.",
    ),
    (
        "ないといけない",
        "早急に制度を見直さないといけないと考えております。",
        "We believe the system needs to be reviewed urgently.",
    ),
    (
        "ねばならない",
        "政府は説明責任を果たさねばならない。",
        "The Government must fulfil its duty of accountability.",
    ),
    (
        "ないわけにはいかない",
        "国民の安全に関わる以上、対策を講じないわけにはいきません。",
        "Since public safety is at stake, we have to take measures.",
    ),
    # permission
    (
        "なくてもよい",
        "様式第二号の添付書類は、提出しなくてもよい。",
        "The attachments to Form No. 2 need not be submitted.",
    ),
    (
        "ても構わない",
        "会議資料は公表しても構いません。",
        "The meeting materials may be made public.",
    ),
    ("差し支えない", "代理人が出席しても差し支えない。", "A representative may attend."),
    # set phrases
    (
        "すみません",
        "すみません、先ほどの数字を訂正いたします。",
        "I'm sorry, let me correct the figure I gave earlier.",
    ),
    (
        "申し訳ない",
        "御迷惑をおかけし、誠に申し訳ございません。",
        "We sincerely apologise for the inconvenience caused.",
    ),
    (
        "仕方がない",
        "批判を受けても仕方がない対応であったと受け止めております。",
        "We accept that the response deserved criticism.",
    ),
    (
        "間違いない",
        "この数値が過去最高であることは間違いありません。",
        "This figure is certainly the highest on record.",
    ),
    (
        "に違いない",
        "担当者も状況を把握していたに違いない。",
        "The official in charge must have known the situation.",
    ),
    (
        "にほかならない",
        "今回の改正は、制度への信頼を回復するための取組にほかなりません。",
        "This amendment is precisely an effort to restore trust in the system.",
    ),
    ("に過ぎない", "これは一つの試算に過ぎません。", "This is merely one estimate."),
    (
        "しかない",
        "この問題は、法改正によって解決するしかない。",
        "This problem can only be solved by amending the law.",
    ),
    ("少なくない", "同様の事例は少なくありません。", "There are many such cases."),
    (
        "欠かせない",
        "事業の推進には地域の理解と協力が欠かせません。",
        "The understanding and cooperation of local communities are essential to the project.",
    ),
    (
        "否めない",
        "対応が後手に回った感は否めません。",
        "Admittedly, the response lagged behind events.",
    ),
    (
        "やむを得ない",
        "感染症の影響により、事業の中止はやむを得ない判断でした。",
        "Owing to the pandemic, cancelling the project was an unavoidable decision.",
    ),
    (
        "やむを得ず",
        "天候不良のため、やむを得ず式典を延期いたしました。",
        "Because of bad weather, we had to postpone the ceremony.",
    ),
    ("とんでもない", "それはとんでもない言いがかりです。", "That is an outrageous accusation."),
    (
        "もったいない",
        "まだ使える備品を廃棄するのはもったいない。",
        "It is wasteful to discard equipment that can still be used.",
    ),
    (
        "何気ない",
        "何気ない日常の会話から、住民の要望をくみ取ることが大切です。",
        "It is important to pick up residents' wishes from everyday conversation.",
    ),
    (
        "さりげない",
        "職員のさりげない気配りが利用者に好評です。",
        "The staff's quiet attentiveness is popular with users.",
    ),
    (
        "少なからず",
        "制度改正は現場に少なからず影響を与えました。",
        "The reform had a considerable impact on the front line.",
    ),
    (
        "絶えず",
        "制度は絶えず見直していく必要があります。",
        "The system needs to be reviewed continually.",
    ),
    (
        "思わず",
        "その報告を聞いて、思わず耳を疑いました。",
        "When I heard the report, I could hardly believe my ears.",
    ),
    (
        "相変わらず",
        "相変わらず待機児童の解消が課題となっています。",
        "Eliminating waiting lists for childcare remains an issue.",
    ),
    (
        "かねない",
        "このままでは重大な事故につながりかねません。",
        "If things stay as they are, this could lead to a serious accident.",
    ),
    (
        "かもしれない",
        "来年度は予算が増えるかもしれません。",
        "The budget may increase next fiscal year.",
    ),
    (
        "てもおかしくない",
        "いつ大規模な地震が起きてもおかしくない状況です。",
        "A major earthquake could strike at any time.",
    ),
    (
        "に越したことはない",
        "準備は早いに越したことはありません。",
        "The earlier the preparations, the better.",
    ),
    ("てならない", "今回の結果は残念でなりません。", "This result is most regrettable."),
    (
        "てやまない",
        "皆様の御健勝を心から祈ってやみません。",
        "I sincerely wish you all good health.",
    ),
    (
        "に堪えない",
        "多大な御支援をいただき、感謝に堪えません。",
        "I am deeply grateful for your generous support.",
    ),
    ("滞りなく", "式典は滞りなく終了いたしました。", "The ceremony ended smoothly."),
    (
        "余儀なく",
        "住民は長期の避難を余儀なくされました。",
        "The residents were forced into a long evacuation.",
    ),
    ("間もなく", "間もなく開会いたします。", "The meeting will begin shortly."),
    (
        "漏れなく",
        "対象者には漏れなく通知を送付いたします。",
        "A notice will be sent to every person concerned.",
    ),
    # rhetorical and tag questions, suggestions, invitations
    (
        "ではないか",
        "これこそが制度の本来の趣旨ではないか。",
        "Surely this is the very purpose of the system.",
    ),
    (
        "じゃないですか",
        "大臣も以前そうおっしゃっていたじゃないですか。",
        "You said so yourself before, Minister, didn't you?",
    ),
    (
        "ないでしょうか",
        "この点は、改めて検討すべきではないでしょうか。",
        "I believe this point should be examined again.",
    ),
    (
        "のではないかと思う",
        "更なる周知が必要なのではないかと考えております。",
        "We think further publicity may be needed.",
    ),
    ("ませんか", "皆様、ご一緒に考えてみませんか。", "Shall we all think about this together?"),
    ("いただけませんか", "資料を御提出いただけませんか。", "Could you submit the materials?"),
    ("ございませんか", "ほかに御質問はございませんか。", "Are there any other questions?"),
    (
        "ないものか",
        "何とか早期に解決できないものでしょうか。",
        "I wonder if this could somehow be resolved soon.",
    ),
    ("ですね tag", "これは第三条の規定ですね。", "This is the provision of Article 3, isn't it?"),
    # ないし, 未 compounds, かねる
    ("ないし", "第一号ないし第三号に掲げる者", "Persons listed in items (i) to (iii)"),
    ("未成年", "未成年者の契約について御説明します。", "I will explain contracts made by minors."),
    ("未満", "三十歳未満の者を対象とする。", "It covers persons under 30 years of age."),
    ("かねる", "個別の案件についてはお答えしかねます。", "I cannot comment on individual cases."),
    # negations English says in its own negative words
    (
        "必ずしも…ない",
        "必ずしも全員が参加する必要はない。",
        "Not everyone necessarily needs to take part.",
    ),
    (
        "とは限らない",
        "全ての自治体が同じ対応を取るとは限りません。",
        "Not every municipality will necessarily take the same approach.",
    ),
    (
        "ないうちに",
        "日が暮れないうちに点検を終えるよう指示しました。",
        "We instructed them to finish the inspection before dark.",
    ),
    (
        "ないように",
        "誤解を招かないように、表現を改めました。",
        "We revised the wording to avoid misunderstanding.",
    ),
    (
        "ずに",
        "届出をせずに営業した者は、罰金に処する。",
        "A person who has operated without notification shall be punished by a fine.",
    ),
    (
        "てはならない",
        "会議資料を外部に持ち出してはならない。",
        "Meeting materials must not be taken outside.",
    ),
    (
        "ないでください",
        "会場内では撮影しないでください。",
        "Please do not take photographs in the hall.",
    ),
    ("思わぬ", "思わぬ事故が発生しました。", "An unforeseen accident occurred."),
    ("足りない", "人員が足りない状況が続いております。", "Staff shortages continue."),
    (
        "ない限り",
        "特段の事情がない限り、会議は公開とする。",
        "Unless there are special circumstances, meetings shall be open to the public.",
    ),
]

# (construction, source, faulty English, the check that must see it)
FAULTS = [
    (
        "なくてもよい",
        "様式第二号の添付書類は、提出しなくてもよい。",
        "The attachments to Form No. 2 must be submitted.",
        "meaning.negation",
    ),
    (
        "必ずしも…ない",
        "必ずしも全員が参加する必要はない。",
        "Everyone needs to take part.",
        "meaning.negation",
    ),
    (
        "とは限らない",
        "全ての自治体が同じ対応を取るとは限りません。",
        "Every municipality will take the same approach.",
        "meaning.negation",
    ),
    (
        "ないように",
        "誤解を招かないように、表現を改めました。",
        "We revised the wording to invite confusion.",
        "meaning.negation",
    ),
    (
        "ずに",
        "届出をせずに営業した者は、罰金に処する。",
        "A person who has operated after notification shall be punished by a fine.",
        "meaning.negation",
    ),
    (
        "てはならない",
        "会議資料を外部に持ち出してはならない。",
        "Meeting materials must be taken away from the premises.",
        "meaning.negation",
    ),
    (
        "ないでください",
        "会場内では撮影しないでください。",
        "Please take photographs in the hall.",
        "meaning.negation",
    ),
    (
        "に過ぎない",
        "これは一つの試算に過ぎません。",
        "This is one estimate.",
        "meaning.restriction",
    ),
    (
        "しかない",
        "この問題は、法改正によって解決するしかない。",
        "This problem can be solved by amending the law.",
        "meaning.restriction",
    ),
    (
        "足りない",
        "人員が足りない状況が続いております。",
        "Staffing remains adequate.",
        "meaning.negation",
    ),
    (
        "すみません beside a negation",
        "すみません、本日は資料を配付できません。",
        "I'm sorry, we will hand out the materials today.",
        "meaning.negation",
    ),
    (
        "ないうちに",
        "日が暮れないうちに点検を終えるよう指示しました。",
        "We instructed them to finish the inspection after dark.",
        "meaning.negation",
    ),
    (
        "かねる",
        "個別の案件についてはお答えしかねます。",
        "I will comment on individual cases.",
        "meaning.negation",
    ),
    (
        "ない限り",
        "特段の事情がない限り、会議は公開とする。",
        "Where there are special circumstances, meetings shall be open to the public.",
        "meaning.negation",
    ),
    (
        "欠かせない beside a real negation",
        "地域の協力が欠かせないが、まだ得られていない。",
        "Local cooperation is essential and has been obtained.",
        "meaning.negation",
    ),
    (
        "欠かせない said by no word of need",
        "事業の推進には地域の理解と協力が欠かせません。",
        "The understanding and cooperation of local communities help the project.",
        "meaning.negation",
    ),
]


@pytest.mark.parametrize(
    ("construction", "source", "english"), CORRECT, ids=[r[0] for r in CORRECT]
)
def test_correct_translation_raises_no_polarity_warning(construction, source, english) -> None:
    assert _polarity(source, english) == set(), construction


@pytest.mark.parametrize(
    ("construction", "source", "english", "check"), FAULTS, ids=[r[0] for r in FAULTS]
)
def test_lost_or_turned_negation_is_flagged(construction, source, english, check) -> None:
    assert check in _polarity(source, english), construction
