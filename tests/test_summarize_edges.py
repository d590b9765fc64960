"""Stories a reader meets that are not plain news prose: announcements, questions in other
scripts, text without full stops, capitals, datelines."""

from __future__ import annotations

from reader.summarize import summarize_story


def test_a_sentence_announcing_what_follows_is_not_the_summary() -> None:
    text = "\n\n".join(
        [
            "The Latest on the storm that flooded the coastal town of Harwick (all times local):",
            "The storm flooded the coastal town of Harwick on Tuesday and hundreds of residents "
            "left their homes.",
            "Rescue teams used boats to reach families trapped in houses near the harbour of the "
            "town.",
            "The mayor of Harwick said the town had never seen a storm like it.",
            "Schools in the town stayed closed on Wednesday.",
            "Forecasters expect more rain in the town this week.",
        ]
    )
    summary = summarize_story(text, 1)
    assert not summary.sentences[0].endswith(":")


def test_an_arabic_question_waits_for_its_answer() -> None:
    question = "ماذا يحدث في السودان اليوم بعد الاحتجاجات الكبيرة في العاصمة الخرطوم؟"
    text = " ".join(
        [
            question,
            "خرج آلاف المحتجين إلى شوارع العاصمة الخرطوم للمطالبة بإصلاحات سياسية واقتصادية.",
            "قالت الحكومة إنها ستدرس مطالب المحتجين في العاصمة.",
            "أغلقت المدارس في الخرطوم أبوابها يوم الأحد.",
            "دعت المعارضة إلى مزيد من الاحتجاجات في العاصمة الأسبوع المقبل.",
        ]
    )
    summary = summarize_story(text, 1, language="ar")
    assert summary.sentences != (question,)
