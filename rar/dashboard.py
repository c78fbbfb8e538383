"""Panels on the role start pages that apps above `rar` contribute, registered in their AppConfig.ready()."""

_panels = []  # (order, callable(request, role) -> dict | None with "template" and context)


def register_panel(func, order=50):
    if (order, func) in _panels:
        return
    _panels.append((order, func))
    _panels.sort(key=lambda item: item[0])


def panels_for(request, role) -> list[dict]:
    result = []
    for _, func in _panels:
        panel = func(request, role)
        if panel:
            result.append(panel)
    return result
