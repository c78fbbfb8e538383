"""Submit an admin page's form as a browser would: every field the page offers, with the values it shows."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields = []  # (name, value) in page order, as a browser posts them
        self.names = set()  # every field the form offers, filled or not
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            self.names.add(name)
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.names.add(name)
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self.names.add(name)
            self._select = [name, None, "multiple" in attrs]
        elif tag == "option" and self._select is not None:
            self._option = attrs.get("value")
            if self._select[1] is None and not self._select[2]:
                self._select[1] = ("first", self._option or "")  # a browser posts the first option if none is selected
            if "selected" in attrs:
                if self._select[2]:
                    self.fields.append((self._select[0], self._option or ""))
                else:
                    self._select[1] = self._option or ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            value = self._textarea[1]
            self.fields.append((self._textarea[0], value[1:] if value.startswith("\n") else value))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, value, multiple = self._select
            if not multiple:
                value = value[1] if isinstance(value, tuple) else value
                self.fields.append((name, value if value is not None else ""))
            self._select = None
        elif tag == "option":
            self._option = None


def read_form(response, form_id):
    """The data a browser would post from the page's form, as a dict of lists, and the names it offers."""
    reader = _FormReader(form_id)
    reader.feed(response.content.decode())
    data = {}
    for name, value in reader.fields:
        data.setdefault(name, []).append(value)
    return data, reader.names


def change_form(client, url):
    """GET an admin change page; return the form's data (ready to post after edits) and the names it offers."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    model_name = url.rstrip("/").split("/")[-3]
    return read_form(response, f"{model_name}_form")
