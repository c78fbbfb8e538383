"""Text built from files or other objects (an upload's name, a title made from an insats's name) cut to fit its
column. What a user types is held to the column by the form's max_length instead; this is for what we compose."""

from pathlib import PurePath

ELLIPSIS = "…"


def max_length(model, field_name: str) -> int:
    return model._meta.get_field(field_name).max_length


def fit(model, field_name: str, text: str, *, keep: str = "") -> str:
    """`text` + `keep` within the column of `model.field_name`; a cut in `text` ends in "…", `keep` stays whole."""
    room = max_length(model, field_name) - len(keep)
    if len(text) > room:
        text = text[: room - len(ELLIPSIS)].rstrip() + ELLIPSIS
    return text + keep


def fit_filename(model, field_name: str, name: str) -> str:
    """A file name within its column, keeping its extension (a download keeps its type)."""
    suffix = PurePath(name).suffix
    if len(suffix) > 16:  # not an extension worth keeping
        suffix = ""
    return fit(model, field_name, name[: len(name) - len(suffix)], keep=suffix)
