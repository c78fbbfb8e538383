"""No template carries text or figures copied from the source documents (shared/seeds): reports are computed from
the data, for any member and span, not written once for the example in the seed."""

import re
from pathlib import Path

from django.conf import settings

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"
TEMPLATES = Path(settings.BASE_DIR) / "templates"
SHINGLE = 7  # words in a row that count as a copied sentence


def words(text: str) -> list[str]:
    return re.sub(r"[^a-zåäöéü0-9]+", " ", text.lower()).split()


def template_text(source: str) -> str:
    """What a template prints of its own: no template tags, variables, comments or HTML tags."""
    for pattern in (r"<style.*?</style>", r"\{#.*?#\}", r"\{%.*?%\}", r"\{\{.*?\}\}", r"<[^>]*>", r"&[#\w]+;",
                    r"\b\d{4}:\d+\b"):  # (a law's number, SFS 2003:1210, is a citation, not a figure)
        source = re.sub(pattern, " ", source, flags=re.S)
    return source


def seed_texts():
    return {path.name: path.read_text(encoding="utf-8", errors="replace") for path in sorted(SEEDS.glob("0*.txt"))}


def seed_figures() -> set[str]:
    """Figures of the follow-up and plan seeds: decimals (23,8), grouped thousands (142 000) and numbers of three or
    more digits that are not years."""
    figures = set()
    for name, text in seed_texts().items():
        if not name.startswith(("001", "003")):
            continue
        figures |= set(re.findall(r"\b\d+,\d+\b", text))
        figures |= {m.replace("\u00a0", " ") for m in re.findall(r"\b\d{1,3}(?:[ \u00a0]\d{3})+\b", text)}
        figures |= {m for m in re.findall(r"\b\d{3,}\b", text) if not 1990 <= int(m) <= 2030}
    return figures - {"100"}  # a whole (100 %) is nobody's figure


def templates():
    return {path.relative_to(TEMPLATES).as_posix(): template_text(path.read_text(encoding="utf-8"))
            for path in sorted(TEMPLATES.rglob("*.html"))}


def test_the_seeds_are_there_to_compare_with():
    assert len(seed_texts()) >= 5 and {"23,8", "142 000", "263"} <= seed_figures()


def test_no_template_contains_a_sentence_from_the_seeds():
    seeds = set()
    for text in seed_texts().values():
        tokens = words(text)
        seeds |= {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}
    copied = []
    for name, text in templates().items():
        tokens = words(text)
        for i in range(len(tokens) - SHINGLE + 1):
            if tuple(tokens[i:i + SHINGLE]) in seeds:
                copied.append(f"{name}: {' '.join(tokens[i:i + SHINGLE])}")
    assert copied == []


def test_no_template_contains_a_figure_from_the_seeds():
    figures = seed_figures()
    found = []
    for name, text in templates().items():
        flat = text.replace("\u00a0", " ")
        for figure in figures:
            if re.search(rf"(?<![\d,]){re.escape(figure)}(?![\d,])", flat):
                found.append(f"{name}: {figure}")
    assert found == []
