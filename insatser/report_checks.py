"""Checks on a status report that other apps contribute (registered in their AppConfig.ready()), so the report
page can show them without insatser importing the apps above it. Each check takes a report and returns
Swedish sentences for staff (an empty list when all is well)."""

_checks = []


def register(func):
    if func not in _checks:
        _checks.append(func)


def run(rapport) -> list[str]:
    notes = []
    for check in _checks:
        notes.extend(check(rapport))
    return notes
