from explorer.core.text.sentences import SentenceIndex, sentence_spans


def texts(t):
    return [t[s:e] for s, e in sentence_spans(t)]


def test_splits_on_full_stops_and_lines():
    t = "First one here. Second one there!\nA headline\nThird? Yes."
    assert texts(t) == ["First one here.", "Second one there!", "A headline", "Third?", "Yes."]


def test_abbreviations_and_initials_do_not_split():
    t = "The U.S. envoy met Gen. Munir in Rawalpindi on Jan. 29, 2024. Then J. Smith left."
    assert texts(t) == ["The U.S. envoy met Gen. Munir in Rawalpindi on Jan. 29, 2024.", "Then J. Smith left."]


def test_containing_returns_the_sentence_of_an_offset():
    t = "Alpha beta. Gamma in Quetta today. Delta."
    idx = SentenceIndex(t)
    i = t.index("Quetta")
    s, e = idx.containing(i, i + 6)
    assert t[s:e] == "Gamma in Quetta today."
