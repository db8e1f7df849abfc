"""Stage 1 of the pipeline: article files in, text out.

- :mod:`.registry`  the declared input formats (suffix -> reader, with its limits)
- :mod:`.decode`    bytes of one file, read safely (regular files only, capped) and decoded
- :mod:`.readers`   one reader per format (.txt, .md, .html, .jsonl)
- :mod:`.sources`   the files a batch reads (folder walk) and the ids their articles get
- :mod:`.clean`     masking what is not article text (same length as the raw text)
- :mod:`.sentences` sentence spans
- :mod:`.language`  the language an article is written in (offline detector)
"""
