"""False alarms of the translation checks on fresh law and Diet text (i12fa): each correct
reference below raised a warning on main before this work (heldout4/5/6, now tuning data);
each test also shows that the check still fires on a real fault of the same kind."""

from __future__ import annotations

from desk_assistant.tasks.translate.checks import check_segment
from desk_assistant.tasks.translate.clauses import anchors, clauses, dropped_clauses

from .conftest import alarm_checks as _checks


def _told(source: str, translation: str) -> set[str]:
    """Every check that speaks, also as worth a look (info: a weak signal alone, tiers.py)."""
    return {f.check for f in check_segment(source, translation, (), "ja", "en")}


def _found(check: str, source: str, fault: str) -> bool:
    """The fault is found by check: as a warning, or as worth a look only where the check
    reads "…/look" (and names.added, a weak signal alone)."""
    if check.endswith("/look"):
        check = check.removesuffix("/look")
        return check in _told(source, fault) and check not in _checks(source, fault)
    return check in (_told if check == "names.added" else _checks)(source, fault)


# 石綿障害予防規則 (heldout5): 様式第五号 is a form's number, not item 5 of an article.
PERMIT = (
    "都道府県労働局長は、令第十六条第二項第一号の許可をしたときは、申請者に対し、"
    "様式第五号による許可証を交付するものとする。"
)
PERMIT_EN = (
    "When the Director of the Prefectural Labour Bureau has granted the permission under "
    "Article 16, paragraph (2), item (i) of the Order, the Director is to issue a permit in "
    "Form No. 5, to the applicant."
)


def test_a_form_number_is_a_number_not_an_item():
    assert _checks(PERMIT, PERMIT_EN) == set()
    assert "number" in _checks(PERMIT, PERMIT_EN.replace("Form No. 5", "Form No. 6"))
    # An item of an article stays an article reference.
    assert "article" in _checks(PERMIT, PERMIT_EN.replace("item (i)", "item (iii)"))


# 衆議院文部科学委員会 2023 (heldout5): Diet records write decimals in kanji with a ・.
APATHY = (
    "この無気力、不安五一・八％の中には、実は、いじめであったり、あるいは家庭環境、"
    "勉強についていけないなど、様々な要因があるはずだと考えております。"
)
APATHY_EN = (
    "I believe that within this 51.8% for lethargy and anxiety, there must in fact be various "
    "factors, such as bullying, the home environment, or not being able to keep up with studies."
)


def test_a_kanji_decimal_is_not_an_added_figure():
    assert "figure.added" not in _checks(APATHY, APATHY_EN)
    assert "figure.added" in _checks(APATHY, APATHY_EN.replace("51.8%", "61.8%"))


# 第1回国会 1947 (heldout5): old kanji (議會, 勞働委員會, 國會) are the new forms' words.
OLD_KANJI = (
    "少くとも議會には勞働委員會もあるのだから、そういう重要な問題なら、私はこの國會の機關に"
    "當然非公式にでも御相談になつて、その意見を尊重して、この問題を決することが當然の處置でないか"
    "と思うのであります。"
)
OLD_KANJI_EN = (
    "At least the Diet has a Labour Committee, so for such an important matter, I think the "
    "proper course would be to consult this organ of the Diet, even informally, respect its "
    "opinion, and decide the matter."
)


def test_old_kanji_are_read_as_their_new_forms():
    assert _checks(OLD_KANJI, OLD_KANJI_EN) == set()
    # A made-up body is still added; a source copied unchanged is still untranslated.
    assert "names.added" in _checks(OLD_KANJI, OLD_KANJI_EN.replace("Diet", "Cabinet Office"))
    assert "untranslated" in _checks(OLD_KANJI, OLD_KANJI)


# 2024-07-30 Diet answers (heldout6 and heldout5).
ADDRESS = (
    "現時点で、その報道等は、今委員おっしゃったような報道等があるということは承知しておりますけれども、"
    "現在調査中でございますので、今の時点でお答えできる、お答えできないということは御理解いただきたい"
    "と思います。"
)
ADDRESS_EN = (
    "At present, I am aware that there are reports such as the ones you just mentioned, but "
    "since the matter is currently under investigation, I would ask for your understanding that "
    "I cannot answer at this point."
)


def test_a_member_addressed_as_you_is_no_lost_title():
    assert "names.title" not in _checks(ADDRESS, ADDRESS_EN)
    third_person = ADDRESS_EN.replace("the ones you just mentioned", "the ones just mentioned")
    third_person = third_person.replace("ask for your understanding", "ask for understanding")
    assert "names.title" in _checks(ADDRESS, third_person)
    # A speaker's label names the speaker: 幹事 must be there.
    label = "○渡辺幹事 御質問ありがとうございます。"
    assert "names.title" in _checks(label, "○ Watanabe: Thank you for your question.")
    assert "names.title" not in _checks(label, "○ Secretary Watanabe: Thank you for your question.")


CONFIRM = (
    "四十年前のことで長官自身、記憶がないと言うのはもう通らないと思うんですが、これは、"
    "もうそういうお答えは撤回されていると理解していいんですね。"
)
CONFIRM_EN = (
    "I think it no longer holds for the Commissioner himself to say that he has no memory, "
    "because it was forty years ago, so may we understand that such an answer has now been "
    "withdrawn?"
)


def test_a_sentence_ending_in_ne_may_become_a_question():
    assert "meaning.question" not in _checks(CONFIRM, CONFIRM_EN)
    statement = "そういうお答えは撤回されていると理解しております。"
    assert "meaning.question" in _checks(statement, "Has such an answer been withdrawn?")


JJOC = (
    "これを受けて、日米間で作業部会を御指摘のように設置をし、自衛隊のＪＪＯＣと米軍の"
    "カウンターパート関係等について議論を進めていくことで一致をいたしました。"
)
JJOC_EN = (
    "In response to this, Japan and the United States agreed to set up a working group, as you "
    "pointed out, and to move forward with discussions on matters such as the counterpart "
    "relationship between the JSDF's JJOC and the U.S. forces."
)


def test_an_acronym_of_a_source_word_is_not_added():
    assert "names.added" not in _checks(JJOC, JJOC_EN)
    assert "names.added" not in _checks(JJOC, JJOC_EN.replace("JSDF", "SDF"))
    assert "names.added" in _told(JJOC, JJOC_EN.replace("JSDF", "NATO"))  # worth a look


# 行政不服審査法 (heldout6): 前条第三項の規定の適用 → "where paragraph (3) … applies".
REVIEW = (
    "処分（事実上の行為を除く。以下この条及び第四十八条において同じ。）についての審査請求が理由が"
    "ある場合（前条第三項の規定の適用がある場合を除く。）には、審査庁は、裁決で、当該処分の全部若しくは"
    "一部を取り消し、又はこれを変更する。"
)
REVIEW_EN = (
    "If a request for review of a disposition (other than a factual act; the same applies in "
    "this Article and Article 48) is well-founded (except where paragraph (3) of the preceding "
    "Article applies), the reviewing agency revokes all or part of the disposition, or changes "
    "it, by a decision."
)
# 行政事件訴訟法: 規定 that follows no reference (当事者訴訟に関する規定) is still a word.
POPULAR = (
    "民衆訴訟又は機関訴訟で、前二項に規定する訴訟以外のものについては、第三十九条及び第四十条"
    "第一項の規定を除き、当事者訴訟に関する規定を準用する。"
)
POPULAR_DROPPED = (
    "For popular actions or actions between agencies other than those prescribed in the "
    "preceding two paragraphs, except for Article 39 and Article 40, paragraph 1."
)


def test_kitei_after_a_reference_is_left_implicit():
    assert dropped_clauses(REVIEW, REVIEW_EN) == []
    assert "implicit" in {a.kind for c in clauses(REVIEW) for a in anchors(c)}
    assert dropped_clauses(POPULAR, POPULAR_DROPPED) == ["当事者訴訟に関する規定を準用する。"]


# 航空法 (heldout6): the listed 入手 ("obtain") across 預入|手荷物 ("checked baggage").
CONTRACTOR = (
    "前項の規定により業務の委託を受けた者（次項及び第百三十四条第一項第十五号において"
    "「預入手荷物検査業務受託者」という。）は、国土交通省令で定める基準に従い、当該委託を受けた業務"
    "の適正な遂行を確保するために必要な措置を講じなければならない。"
)
CONTRACTOR_EN = (
    'A person entrusted with services under the preceding paragraph (referred to as a "checked '
    'baggage inspection contractor" in the following paragraph and Article 134, paragraph (1), '
    "item (xv)) must, in accordance with the standards set by Order of the Ministry of Land, "
    "Infrastructure, Transport and Tourism, take the measures necessary to ensure the proper "
    "performance of the entrusted services."
)
OBTAIN = (
    "航空機は、航空交通情報圏又は民間訓練試験空域において航行を行う場合は、当該空域における他の"
    "航空機の航行に関する情報を入手するため、国土交通省令で定めるところにより国土交通大臣に連絡"
    "した上、航行を行わなければならない。"
)


def test_a_listed_word_across_two_words_is_no_anchor():
    surfaces = {a.surface for c in clauses(CONTRACTOR) for a in anchors(c)}
    assert "入手" not in surfaces and {"預入", "手荷物"} <= surfaces
    assert "入手" in {a.surface for c in clauses(OBTAIN) for a in anchors(c)}
    assert "会長" in {a.surface for a in anchors("部会長")}  # a compound ends in its head
    assert dropped_clauses(CONTRACTOR, CONTRACTOR_EN) == []


# 2024-07-30 Diet answer (heldout6): the dictionary's 意識改革, not 意識 + 改革.
MINDSET = (
    "これからも、私は、ようやく長年のうみが出始めているというこの段階で、隊員の意識改革あるいは"
    "組織の体質改善など、再発防止策を徹底すること、その方向性を打ち出していきたいと思っています。"
)
MINDSET_EN = (
    "At this stage, when years of accumulated problems are finally coming to light, I intend "
    "to keep setting out the direction of thoroughly implementing measures to prevent a "
    "recurrence, such as changing the mindset of personnel and improving the culture of the "
    "organization."
)


def test_a_dictionary_compound_is_one_anchor():
    surfaces = {a.surface for c in clauses(MINDSET) for a in anchors(c)}
    assert "意識改革" in surfaces and "意識" not in surfaces
    assert dropped_clauses(MINDSET, MINDSET_EN) == []
    lost = MINDSET_EN.replace(
        ", such as changing the mindset of personnel and improving the culture of the organization",
        "",
    )
    assert dropped_clauses(MINDSET, lost) == ["隊員の意識改革あるいは組織の体質改善など、"]


# title_references.json: Sudachi reads 雨宮 as Amamiya; the member is Amemiya.
def test_a_person_name_read_with_another_vowel_is_there():
    source = "○藤田部会長 雨宮委員、お願いします。"
    assert "names.person" not in _checks(source, "○ Chair Fujita: Member Amemiya, please.")
    assert "names.person" in _checks(source, "○ Chair Fujita: Member Amano, please.")
    assert "names.person" in _checks(source, "○ Chair Fujita: Member Suzuki, please.")


# trust_references.json: （2次利用） → "(secondary use)".
def test_a_degree_word_states_its_figure():
    source = "普及したアプリで読み取ることができる（2次利用）ことが必要です。"
    assert "number" not in _checks(
        source, "It must be readable with widely used apps (secondary use)."
    )
    assert "number" in _checks(source, "It must be readable with widely used apps (further use).")


# Real demo-model outputs (office-run pptx02, xlsx06): the dictionary compound 地理空間
# ("geospatial") rendered word by word is there; a lost deputy post keeps meaning.title.
def test_a_dictionary_compound_rendered_word_by_word_is_there():
    assert "meaning.title" not in _checks(
        "地理空間情報活用", "Geographic space information utilization"
    )
    assert "meaning.title" in _checks("地理空間情報活用", "Land information utilization")


# A demo-model run (i12names pdf06): 堂薗 is a person's name in its own old form; folding
# 薗 → 園 would read it as a place.
def test_person_names_keep_their_old_forms():
    source = "なお、堂薗委員は７月２５日付けで御異動となります。"
    # (Sudachi reads ドウソノ, so "Dozono" is a names.person matter of its own, as before.)
    assert "names.place" not in _checks(
        source, "Note that Member Dozono will be transferred as of July 25."
    )
    assert "names.person" in _checks(
        source, "Note that Member Sato will be transferred as of July 25."
    )


# heldout7 (seen after its one measurement): reference lists of one unit and a half hour.
def test_lists_of_items_and_articles_keep_every_reference():
    source = "ただし、同項第二号又は第四号に掲げる請求をするには、発起人の定めた費用を支払わなければならない。"
    english = (
        "However, to make a request set forth in item (ii) or (iv) of that paragraph, the person"
    )
    assert "article" not in _checks(source, english + " must pay the fee set by the incorporators.")
    assert "article" in _checks(
        source, english.replace("(iv)", "(v)") + " must pay the fee set by the incorporators."
    )
    span = "新法第四百七十条から第四百七十二条の四までの規定は、施行日前に締結された債務の引受けに関する契約については、適用しない。"
    english = "Articles 470 through 472-4 of the New Act do not apply to contracts for the assumption of obligations concluded before the effective date."
    assert _checks(span, english) == set()
    assert "article" in _checks(span, english.replace("472-4", "472-5"))


def test_half_past_is_thirty_minutes():
    assert (
        _checks(
            "明日午前九時半に理事会を開きます。",
            "The directors will meet at 9:30 tomorrow morning.",
        )
        == set()
    )
    assert "figure.added" in _checks(
        "明日午前九時に理事会を開きます。", "The directors will meet at 9:30 tomorrow morning."
    )


# 民法 Article 1043 (heldout7, seen after its measurement): the source says 財産の価額 three
# times, so "the value of the property" three times is faithful; a real loop still is one.
RESERVED = (
    "遺留分を算定するための財産の価額は、被相続人が相続開始の時において有した財産の価額に"
    "その贈与した財産の価額を加えた額から債務の全額を控除した額とする。"
)
RESERVED_EN = (
    "The value of the property used to calculate the legally reserved portion is the value of "
    "the property the decedent held at the time the inheritance commenced, plus the value of the "
    "property the decedent gave as gifts, less the full amount of the decedent's debts."
)


def test_a_phrase_the_source_repeats_is_no_loop():
    assert "degeneration.loop" not in _checks(RESERVED, RESERVED_EN)
    looped = RESERVED_EN + " The value of the property the value of the property."
    assert "degeneration.loop" in _checks(RESERVED, looped)


# Diet speech (heldout7, seen after its measurement): 二三年二月 is February 2023, and 今年
# folds into "this September".
def test_short_years_and_now_words_in_diet_speech():
    source = "二三年二月、八月にも事件が続いていたことも判明しました。"
    english = "It also emerged that incidents had continued in February and August 2023."
    assert _checks(source, english) == set()
    assert "figure.added" in _checks(source, english.replace("2023", "2019"))
    september = "本法律案の内容が広く明らかになったのは、今年九月、有識者議員の懇談会においてです。"
    english = "The content of this bill first became widely known this September, at a meeting of expert members."
    assert "omission.clause" not in _checks(september, english)
    assert "omission.clause" in _checks(
        september, "The content of this bill first became widely known this September."
    )


# --- heldout8 (i12fa2; committed before these fixes, seen once, then tuned on) ------------

# 衆議院文部科学委員会 2023: 文科省 is MEXT, and a Parliamentary Vice-Minister (政務官)
# is a post, not the Diet.
SECRETARIAT = (
    "そのことについて釈明をされて、なおかつ、委員会で、文科省の官房長から、"
    "直接山田前政務官とやり取りした内容が実は文書で報告されているんですよ。"
)
SECRETARIAT_EN = (
    "You gave an explanation about that, and moreover, in committee, the Director-General of "
    "the Minister's Secretariat of MEXT has in fact reported in writing on what was exchanged "
    "directly with former Parliamentary Vice-Minister Yamada."
)


def test_short_ministry_names_and_parliamentary_posts():
    found = _checks(SECRETARIAT, SECRETARIAT_EN)
    assert not {"names.organisation", "names.added"} & found
    assert "names.organisation" in _checks(
        SECRETARIAT, SECRETARIAT_EN.replace("of MEXT", "of the Ministry of Commerce")
    )
    assert "names.added" in _checks(
        SECRETARIAT, SECRETARIAT_EN.replace("in committee", "in the Supreme Court")
    )


# 参議院本会議 2023: the dictionary knows 盛山 only as a place (Sakariyama); said with 大臣
# it is a person, read kanji by kanji (Moriyama). A name the dictionary reads two ways
# (柚木: Yuzuki, Yunoki) is there under either.
def test_a_name_said_with_a_post_may_be_read_kanji_by_kanji():
    source = "盛山大臣、こうした学生の悔しい思いに対して大臣はどうお答えになりますか。"
    english = "Minister Moriyama, how do you respond to the frustration these students feel?"
    assert not {"names.place", "names.person"} & _checks(source, english)
    assert "names.place" in _checks(source, english.replace("Moriyama", "Morita"))
    source = "柚木委員の御質問にお答えいたします。"
    assert "names.person" not in _checks(source, "I will answer Mr. Yunoki's question.")
    assert "names.person" in _checks(source, "I will answer Mr. Yoshida's question.")


# 2024-07-30 外交防衛委員会: years said digit by digit (九七年, 九五年) are 1997 and 1995.
def test_years_said_digit_by_digit():
    source = "九七年の通報手続は、九五年少女暴行事件を契機に策定されており、被害者のプライバシー保護は大前提です。"
    english = (
        "The 1997 reporting procedure was drawn up in response to the 1995 rape of a "
        "schoolgirl, and protecting the victim's privacy is its fundamental premise."
    )
    assert "figure.added" not in _checks(source, english)
    assert "figure.added" in _checks(source, english.replace("1995", "1996"))


# Same meeting: Ｃ17 and Ｃ２ are the aircraft written "C-17" and "C-2".
def test_latin_terms_with_a_hyphen_before_their_number():
    source = "また、一機当たり、ライフサイクルコストは、Ｃ17が三百四十三億円なのに対し、Ｃ２はその二・五倍以上の八百九十九億円です。"
    english = (
        "Also, the life-cycle cost per aircraft is 34.3 billion yen for the C-17, while for "
        "the C-2 it is 89.9 billion yen, more than 2.5 times as much."
    )
    assert "names.term" not in _checks(source, english)
    assert "names.term" in _checks(source, english.replace("C-17", "C-130"))


# pdf06 (法制審議会商法部会 minutes): 御教授 is "guidance" (no professor), and 北澤委員 is
# "Mr. Kitazawa"; a member made chairman is still a finding.
def test_a_member_named_mister_and_guidance_that_is_no_professor():
    source = (
        "今、北澤委員からいろいろ御教授いただきましたけれども、まず作成地について、"
        "もし書く必要性があるのであれば、もちろん残した方がいいと思うんですが、"
    )
    english = (
        "Mr. Kitazawa has just given us a good deal of guidance. First, on the place of "
        "issue: if it really needs to be stated, then of course it is better to keep it."
    )
    assert "names.title" not in _checks(source, english)
    chairman = english.replace("Mr. Kitazawa", "Mr. Kitazawa, the chairman,")
    assert "names.title" in _checks(source, chairman)


# trust_references (held out): 件 counts the requests of a fee table.
def test_the_thing_a_counter_counts():
    assert _checks("（１件３００円）", "(300 yen per request)") == set()
    assert "meaning.added" in _checks("（１件３００円）", "(300 yen per request) in Tokyo")


# The real Diet speakers and their readings (bench/speaker_names_eval.py: 15/132 → 1/132):
# a "place" before a given name is a surname (盛山 + 正仁), and a surname's reading may be
# voiced or not (比嘉: Sudachi Hika, the member is Higa).
def test_full_names_of_diet_speakers_with_a_post():
    source = "盛山正仁委員から説明がありました。"
    assert not {"names.place", "names.person"} & _checks(source, "Mr. Masahito Moriyama explained.")
    assert "names.person" in _checks(source, "Mr. Masahito Morita explained.")
    source = "比嘉奈津美委員から説明がありました。"
    assert "names.person" not in _checks(source, "Ms. Natsumi Higa explained.")
    assert "names.person" in _checks(source, "Ms. Natsumi Hayashi explained.")


# heldout4 (tuned): 新型コロナウイルス is COVID(-19); COVID with no コロナ is still added.
def test_covid_is_the_english_of_new_coronavirus():
    source = (
        "新型コロナウイルス症の感染拡大防止のため学生生活が大きく制限される中、現在、"
        "大学や大学院に通う多くの学生の皆さんが、様々な創意工夫により教育研究活動に懸命に"
        "励まれてきたことに心から敬意を表したいと思います。"
    )
    english = (
        "While student life has been greatly restricted to prevent the spread of COVID-19, "
        "many students now attending universities and graduate schools have worked hard at "
        "their education and research activities, through all kinds of ingenuity, and I would "
        "like to express my heartfelt respect to them."
    )
    assert "names.added" not in _checks(source, english)
    assert "names.added" in _told(  # alone: worth a look (tiers.py)
        "学生生活が大きく制限される中、学生の皆さんに敬意を表します。",
        "While student life has been restricted by COVID-19, I express my respect to students.",
    )


# heldout8 (after i12silent's polarity check landed): 不作為 is "inaction", and 以外 may be
# said with a negation ("suspects who were not U.S. military personnel").
def test_negations_said_with_a_negative_english_word():
    source = (
        "長年にわたる政治の不作為によって財産を失い、家族崩壊、人生破滅の被害に遭った"
        "被害者たちに、この先も自ら闘えと言うのでしょうか。"
    )
    english = (
        "Are you telling the victims, who lost their property and saw their families break "
        "apart and their lives ruined because of years of political inaction, to keep "
        "fighting on their own from now on?"
    )
    assert "meaning.negation" not in _checks(source, english)
    assert "meaning.negation" in _checks(source, english.replace("inaction", "action"))
    source = (
        "沖縄県警察からは、令和五年一月から本年六月末までに検挙した米軍関係者以外の者を被疑者と"
        "する性犯罪事件は百六件あり、このうち、検挙時に報道発表を行ったものは十件と報告を受けて"
        "おります。"
    )
    english = (
        "We have been informed by the Okinawa Prefectural Police that, from January 2023 to "
        "the end of June this year, they cleared 106 sexual offence cases whose suspects were "
        "not U.S. military personnel, and that 10 of these were announced to the press at the "
        "time of the arrest."
    )
    assert "meaning.restriction" not in _checks(source, english)
    dropped = english.replace("were not U.S. military personnel", "were U.S. military personnel")
    assert "meaning.restriction" in _checks(source, dropped)


# --- i12fa3: the tuning half of clean_references_heldout10.json (even rows) -----------------

# 衆議院文部科学委員会 2023: a kanji decimal of a scale (四・二兆円) is "4.2 trillion yen".
TRILLIONS = "この間、日本も、二〇〇〇年の四・二兆円が二〇二二年には九・四兆円となっております。"
TRILLIONS_EN = "Over this period, Japan too has gone from 4.2 trillion yen in 2000 to 9.4 trillion yen in 2022."


def test_a_kanji_decimal_of_trillions_is_the_same_amount():
    assert _checks(TRILLIONS, TRILLIONS_EN) == set()
    wrong = TRILLIONS_EN.replace("9.4 trillion", "9.5 trillion")
    assert "figure.added" in _checks(TRILLIONS, wrong)


# 参議院本会議 2023: 二十八日付けの is "of November 28" (付け after a date says "dated").
NIKKEI = (
    "この区分けが非常に分かりづらく、十一月二十八日付けの日本経済新聞では、"
    "文科省の苦肉の策と批判されていました。"
)
NIKKEI_EN = (
    "This division is very hard to understand, and the Nikkei of November 28 criticised it "
    "as a desperate measure by MEXT."
)


def test_dated_is_said_by_the_date():
    assert _checks(NIKKEI, NIKKEI_EN) == set()
    assert not [a for a in anchors("十一月二十八日付けの") if a.surface.endswith("付け")]
    lost = "This division is very hard to understand, and it was criticised as a desperate measure by MEXT."
    assert "omission.clause" in _checks(NIKKEI, lost)


# 参議院本会議 2023: 課税 "taxation" is said by its verb ("taxing … more heavily").
TAX = "株の売買や内部留保への課税強化など、格差を是正する公平な税制度に改善すべきです。"
TAX_EN = (
    "The tax system should be reformed into a fair one that corrects inequality, for example "
    "by taxing share trading and retained earnings more heavily."
)


def test_a_noun_of_action_is_shown_by_its_verb():
    assert _checks(TAX, TAX_EN) == set()
    lost = "The tax system should be reformed into a fair one that corrects inequality."
    assert "omission.clause" in _checks(TAX, lost)


# pdf01 公用文作成の考え方 (a table cell): 専門的 is 専門 "speciality" said as an adjective.
def test_a_word_in_teki_is_shown_by_its_stem():
    assert _checks("専門的な知識", "Specialist knowledge") == set()
    assert "meaning.title" in _checks("専門的な知識", "General knowledge")


# pdf13 (a public-comment submitter): ティービーケー spells the letters TBK, and the ・ joins
# the parts of a company's name, not a list.
def test_letters_spelled_in_katakana_are_the_acronym():
    company = "ティービーケー・システムズ株式会社"
    assert _checks(company, "TBK Systems Co., Ltd.") == set()
    assert "names.added" in _checks(company, "TBS Systems Co., Ltd.")
    # a list of two items stays a list
    assert "meaning.list_item" in _checks("証明・通知", "Certificate")


# 第1回国会 1947: 根本趣旨 is the "fundamental principle"; Sudachi reads 根本 as the surname.
SEAFARERS = (
    "次に船員勞働者の管轄問題ですが、米窪さんの御意見では、運輸省の管轄になつたということで"
    "ありますが、少くとも強力なる勞働行政を行う上において、殊に船員法等においても、"
    "根本趣旨はやはりこの勞働基準法と同じようなことからできている。"
)
SEAFARERS_EN = (
    "Next, on the question of jurisdiction over seafarers: in Mr. Yonekubo's view it has come "
    "under the Ministry of Transport, but at least as far as carrying out strong labour "
    "administration is concerned, the Mariners Act and others in particular rest on basically "
    "the same principles as this Labour Standards Act."
)


def test_a_common_word_read_as_a_surname_is_the_word():
    assert _checks(SEAFARERS, SEAFARERS_EN) == set()
    assert "names.person" in _checks(SEAFARERS, SEAFARERS_EN.replace("Yonekubo", "Kubota"))
    # with a given name it is a person: the name must be there
    assert "names.person" in _checks("根本匠君から説明があった。", "The principle was explained.")


# --- i12fa3: heldout8's last alarms (omission.clause), tuned on ------------------------------


def _heldout8(index: int) -> tuple[str, str]:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench/data/clean_references_heldout8.json"
    row = json.loads(path.read_text(encoding="utf-8"))["segments"][index]
    return row["source"], row["reference"]


def test_terms_of_art_of_the_civil_code_and_the_companies_act():
    # 動産 is "movables", 組織変更 an "entity conversion", 持分会社 a "membership company".
    rent, rent_en = _heldout8(2)
    assert _checks(rent, rent_en) == set()
    assert "omission.clause" in _checks(rent, rent_en.replace("movables, ", ""))
    conversion, conversion_en = _heldout8(4)
    assert _checks(conversion, conversion_en) == set()
    lost = "It must be prescribed" + conversion_en.split("it must be prescribed")[1]
    assert "omission.clause" in _checks(conversion, lost)


def test_everyday_words_said_another_way_in_diet_speech():
    # 策定 "drawn up", 契機 "in response to"; 中止 "cancel", 決断 "decide" (decision), 万博
    # "Expo"; 自ら "on their own"; 北澤委員 "Mr. Kitazawa" and 必要性 "needs" (with 御教授
    # "guidance" one of two words).
    for index, lost in [
        (30, "The 1997 reporting procedure exists, and protecting the victim's privacy is its "
             "fundamental premise."),
        (38, "The Government pours in tax money like water and bleeds the public dry, which it "
             "should reconsider."),
        (39, "Are you telling the victims, who lost their property and saw their families break "
             "apart and their lives ruined because of years of political inaction?"),
        (41, "First, on the place of issue: if it really needs to be stated, then of course it "
             "is better to keep it, but if not, I thought one possible direction would be, "
             "conversely, to take this opportunity to delete the provision on the place of "
             "issue for paper bills of lading."),
    ]:  # fmt: skip
        source, reference = _heldout8(index)
        assert _checks(source, reference) == set(), index
        assert "omission.clause" in _checks(source, lost), index


# --- i12fa3: labels and table cells of the tuning supplement (clean_references_tune10b.json) --


def test_labels_and_cells_of_forms_and_guidebooks_said_as_a_translator_would():
    for source, clean, fault, check in [
        # a law's part headings are "… Provisions" (雑則, 総則, 附則)
        # One word replaced while the source's words are all said (雑則's gloss is
        # "miscellaneous provisions"): worth a look (tiers.py)
        ("（雑則）", "(Miscellaneous Provisions)", "(Miscellaneous Fees)", "meaning.added/look"),
        # 秘匿 is "kept confidential"
        ("６ 秘匿すべき情報", "6 Information to Be Kept Confidential",
         "6 Information to Be Published", "meaning.title"),
        # 別記 is "appended"; (第十六条関係) is a form's note, "(re Article 16)"
        ("別記様式第二(第十六条関係)", "Appended Form 2 (re Article 16)",
         "Form 2 (re Article 16)", "meaning.title"),
        # 出生 "birth": the person was born
        ("個人が出生した日を表す暦上の日付",
         "The calendar date of the day on which the individual was born",
         "The calendar date of the day on which the individual died", "meaning.title"),
        # 許可を得た: the person granted permission
        ("開発許可を得た者の住所及び氏名",
         "Address and name of the person granted development permission",
         "Address and name of the person who appealed against development permission",
         "meaning.added"),
    ]:  # fmt: skip
        assert _checks(source, clean) == set(), source
        assert _found(check, source, fault), source


def test_a_word_said_twice_inside_two_kanji_compounds_is_said_twice():
    # docx02 (a law's title in a table cell): 一般 and 法人 are in both names
    title = "・一般社団法人及び一般財団法人に関する法律"
    english = "• Act on General Incorporated Associations and General Incorporated Foundations"
    assert _checks(title, english) == set()
    # two loanwords that end alike are still two things (i12terms' real loss)
    lost = _checks(
        "ロジカルシンキングやクリエイティブシンキングのスキル",
        "Skills for creative thinking and creative thinking",
    )
    assert "meaning.repeated" in lost


def _clause_set(n: int, index: int) -> tuple[str, str]:
    import json
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / f"bench/data/clause_references_heldout{n}.json"
    row = json.loads(path.read_text(encoding="utf-8"))["segments"][index]
    return row["source"], row["reference"]


def test_legal_terms_and_administrative_phrases_of_the_tuning_clause_sets():
    # 過失 "negligence", 対抗 "assert against", 復旧 "recovery", プッシュ型 "proactive",
    # 周知活動 "publicizing", 種目 "types", 資金提供 "funding"
    for n, index, cut in [
        (5, 3, ", or did not know of it due to gross negligence"),
        (5, 20, ", for example by holding briefings on the system for affected local governments"),
        (6, 25, " types, principal amounts,"),
        (4, 29, ", regarding what the universities receiving funding should aim to be,"),
    ]:
        source, reference = _clause_set(n, index)
        assert _checks(source, reference) == set(), (n, index)
        assert cut in reference, (n, index)
        lost = reference.replace(cut, "," if cut.endswith(",") else "")
        assert "omission.clause" in _checks(source, lost), (n, index)


def test_labels_of_the_second_tuning_supplement():
    # tune10c: a style guide's 'corner brackets', 着手 'commencement', 臨機応変 'flexibly as the
    # situation requires', 2022年度 'FY2022', 自己 "one's own"
    for source, clean, fault, check in [
        # かぎ is kana, which unrendered_kanji does not read: worth a look (tiers.py)
        ("かぎ括弧【「」】", "Corner brackets [「」]", "Round brackets [「」]", "meaning.added/look"),
        ("工事着手年月日", "Date of commencement of the work", "Date of inspection of the work",
         "meaning.added"),
        ("４：臨機応変に使用できる", "4: Can use it flexibly as the situation requires",
         "4: Can use it", "meaning.title"),
        ("（2022年度）\n\n\n\n（システム更改時：202●年度）",
         "(FY2022)\n\n\n\n(At system renewal: FY202●)",
         "(IMF 2022)\n\n\n\n(At system renewal: FY202●)", "names.added"),
        ("自己の業務の用に供するもの、", "for one's own business use,",
         "for the business use of the city,", "meaning.added"),
    ]:  # fmt: skip
        assert _checks(source, clean) == set(), source
        assert _found(check, source, fault), source


def test_sentences_of_the_third_tuning_supplement():
    # tune10d: Webサイト is "websites" (a term glued to a loanword is one English word);
    # 第八章 is "Chapter VIII" (Japanese Law Translation writes chapters in Roman numerals)
    web = "Webサイトについてはサーバ証明書等を活用できる可能性が考えられます。"
    assert _checks(web, "For websites, server certificates and the like could be used.") == set()
    assert "names.term" in _checks(
        web, "For sites, server certificates and the like could be used."
    )
    chapter = "前編第八章第二節の規定は、適用しない。"
    english = "The provisions of Chapter VIII, Section 2 of the preceding Part do not apply."
    assert _checks(chapter, english) == set()
    assert "article" in _checks(chapter, english.replace("VIII", "VII"))
