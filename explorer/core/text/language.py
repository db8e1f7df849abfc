"""Which language an article is written in, offline.

The geoparser and the event extractor read English. An article in another
language is still ingested (its place names may be found), with a warning
naming the language. Detection uses ``py3langid`` (a maintained fork of
langid.py, BSD licence): a naive Bayes model over byte n-grams for 97
languages that ships inside its wheel (about 4 MB), needs numpy only, loads
in about 0.4 s once per process, and classifies an article in under 1 ms
(its first ``SAMPLE_CHARS`` characters, about 150 words, are enough).

Short texts are not judged (a headline is too short to tell), and only a
confident answer counts: ``foreign_language`` returns None unless the text
has at least ``MIN_LETTERS`` letters and the detector gives another language
at least ``MIN_CONFIDENCE``.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass

SAMPLE_CHARS = 1000
MIN_LETTERS = 60
MIN_CONFIDENCE = 0.9

NAMES = {
    "af": "Afrikaans", "am": "Amharic", "ar": "Arabic", "as": "Assamese", "az": "Azerbaijani", "be": "Belarusian",
    "bg": "Bulgarian", "bn": "Bengali", "br": "Breton", "bs": "Bosnian", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "eo": "Esperanto",
    "es": "Spanish", "et": "Estonian", "eu": "Basque", "fa": "Persian", "fi": "Finnish", "fr": "French",
    "fy": "Frisian", "ga": "Irish", "gd": "Scottish Gaelic", "gl": "Galician", "gu": "Gujarati", "ha": "Hausa",
    "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "ht": "Haitian Creole", "hu": "Hungarian", "hy": "Armenian",
    "id": "Indonesian", "ig": "Igbo", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "jv": "Javanese",
    "ka": "Georgian", "kk": "Kazakh", "km": "Khmer", "kn": "Kannada", "ko": "Korean", "ku": "Kurdish",
    "ky": "Kyrgyz", "la": "Latin", "lb": "Luxembourgish", "lo": "Lao", "lt": "Lithuanian", "lv": "Latvian",
    "mg": "Malagasy", "mk": "Macedonian", "ml": "Malayalam", "mn": "Mongolian", "mr": "Marathi", "ms": "Malay",
    "mt": "Maltese", "my": "Burmese", "ne": "Nepali", "nl": "Dutch", "nn": "Norwegian Nynorsk", "no": "Norwegian",
    "oc": "Occitan", "om": "Oromo", "or": "Odia", "pa": "Punjabi", "pl": "Polish", "ps": "Pashto",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "rw": "Kinyarwanda", "sa": "Sanskrit",
    "sdh": "Southern Kurdish", "si": "Sinhala", "sk": "Slovak", "sl": "Slovenian", "so": "Somali",
    "sq": "Albanian", "sr": "Serbian", "sv": "Swedish", "sw": "Swahili", "ta": "Tamil", "te": "Telugu",
    "tg": "Tajik", "th": "Thai", "tk": "Turkmen", "tl": "Tagalog", "tr": "Turkish", "tt": "Tatar",
    "ug": "Uyghur", "uk": "Ukrainian", "ur": "Urdu", "uz": "Uzbek", "vi": "Vietnamese", "xh": "Xhosa",
    "yo": "Yoruba", "yue": "Cantonese", "zh": "Chinese", "zu": "Zulu", "arz": "Egyptian Arabic",
    "ary": "Moroccan Arabic",
}


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639 code, as the detector gives it
    confidence: float  # 0..1

    @property
    def name(self) -> str:
        return NAMES.get(self.code, self.code)


_IDENTIFIER = None
_LOCK = threading.Lock()


def _identifier():
    global _IDENTIFIER
    if _IDENTIFIER is None:
        with _LOCK:
            if _IDENTIFIER is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def detect(text: str) -> Language | None:
    """The language of ``text`` with the detector's confidence, or None when too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for ch in sample if ch.isalpha()) < MIN_LETTERS:
        return None
    try:
        identifier = _identifier()
    except ImportError:  # pragma: no cover - a dependency of the package
        return None
    code, confidence = identifier.classify(sample)
    if code in ("zxx", "und"):
        return None
    return Language(code, float(confidence))


# Words that make up about a quarter of any English prose and almost none of other languages' (no
# word here is common in a European language written in Latin script).
_ENGLISH_WORDS = frozenset(
    "the of and to was were said with that is for by from has have are this which their after its".split())
ENGLISH_SHARE = 0.12
_WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str) -> bool:
    """A quick yes for plain English prose: at least :data:`ENGLISH_SHARE` of the first 150 words are
    the commonest English function words. (A no only means: ask the detector.)"""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())[:150]
    return len(words) >= 20 and sum(w in _ENGLISH_WORDS for w in words) >= ENGLISH_SHARE * len(words)


def foreign_language(text: str) -> Language | None:
    """The language of ``text`` when it is confidently not English, else None.

    Plain English (:func:`looks_english`) is not handed to the detector: a
    thousandth of a second saved on almost every article of an ingest.
    """
    if looks_english(text):
        return None
    found = detect(text)
    if found is None or found.code == "en" or found.confidence < MIN_CONFIDENCE:
        return None
    return found
