"""Swedish everywhere (issue item 3): no framework default in English on a page, and counts agree with their
nouns ("1 ärende", "2 ärenden").

ENGLISH_DEFAULTS and english_defaults_in() are meant for reuse (e.g. by the browser tests): they look at what
a user sees (text, and the placeholder, title, aria-label, alt and button values), not at markup or scripts.
"""

import json
import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

# English strings that Django, crispy-forms or a widget put on a page unless they are translated or overridden.
ENGLISH_DEFAULTS = (
    "Select an option",
    "---------",
    "This field is required",
    "Enter a valid",
    "Submit",
    "Search",
    "Previous",
    "Next",
    "Page",
    "of",
)

_SEEN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt", "label"}
_PATTERN = re.compile("|".join(
    (rf"\b{re.escape(s)}\b" if s[0].isalnum() and s[-1].isalnum() else re.escape(s)) for s in ENGLISH_DEFAULTS))


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self._hidden += 1
        attrs = dict(attrs)
        for name in _SEEN_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag in ("input", "button") and attrs.get("type") in ("submit", "button", "reset") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def english_defaults_in(html: str) -> list[str]:
    """The English framework defaults in what a user sees of `html`, each with the text around it."""
    parser = _VisibleText()
    parser.feed(html)
    found = []
    for part in parser.parts:
        for match in _PATTERN.finditer(part):
            found.append(f"{match.group(0)!r} in {part[max(0, match.start() - 40):match.end() + 40]!r}")
    return found


def test_the_check_reads_what_a_user_sees():
    html = ('<p>Page 1 of 2</p><img alt="Search"><input type="submit" value="Submit"><select><option value="">'
            '---------</option></select><script>const Next = 1;</script><p class="offentlig">Sök offentliga</p>')
    assert [hit.split(" in ")[0] for hit in english_defaults_in(html)] == ["'Page'", "'of'", "'Search'", "'Submit'",
                                                                          "'---------'"]
    assert english_defaults_in("<p>Sida 1 av 2, offentlig, Nästa</p>") == []


# --- every form page with a select, as staff, on the demo data -----------------------------------------------------


def _form_pages():
    from insatser.models import Insats
    from rar.models import Sammantrade

    insats = Insats.objects.get(namn="Vägen vidare")
    meeting = Sammantrade.objects.order_by("-datum").first()
    return {
        "new application": reverse("insatser:ansokan_create"),
        "application list": reverse("insatser:ansokan_list"),
        "invoice": reverse("insatser:rekvisition_create", kwargs={"pk": insats.pk}),
        "invoice list": reverse("insatser:rekvisition_list"),
        "new meeting": reverse("sammantrade_create"),
        "agenda item": reverse("punkt_create", kwargs={"pk": meeting.pk}),
        "meeting": reverse("sammantrade_detail", kwargs={"pk": meeting.pk}),
        "diarium filter": reverse("arende_list"),
        "new case": reverse("arende_create"),
        "insats list": reverse("insatser:insats_list"),
        "new phase": reverse("insatser:fas_create", kwargs={"pk": insats.pk}),
        "new ESF project": reverse("esf:projekt_create"),
        "member report": reverse("uppfoljning:medlemsrapport"),
        "statistics": reverse("publik:statistik"),
        "catalogue": reverse("publik:katalog"),
    }


# The admin's add pages that it offers (cases, applications, invoices and meetings start in the app) ...
ADMIN_ADD_PAGES = ("admin:rar_organisation_add", "admin:rar_befolkning_add", "admin:rar_budgetpost_add",
                   "admin:rar_organ_add", "admin:rar_uppdrag_add", "admin:esf_utlysning_add")
# ... and its lists, whose search form (admin/search_form.html) hard-codes alt="Search" on the magnifier.
ADMIN_LISTS = ("admin:rar_arende_changelist", "admin:insatser_ansokan_changelist",
               "admin:insatser_rekvisition_changelist", "admin:rar_user_changelist")


def test_form_pages_show_no_english_framework_default(client, demo_data):
    client.force_login(get_user_model().objects.get(username="kansli"))
    found = {}
    for name, url in _form_pages().items():
        response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        html = response.content.decode()
        if english := english_defaults_in(html):
            found[name] = english
        if name in ("new application", "new meeting"):
            assert "– Välj –" in html, name
    assert not found, "\n".join(f"{name}: {english}" for name, english in found.items())


def _admin_english(client, names) -> dict:
    client.force_login(get_user_model().objects.create_superuser("admin-sv", "admin-sv@example.se", "x-Lösen-123"))
    found = {}
    for name in names:
        response = client.get(reverse(name))
        assert response.status_code == 200, (name, response.status_code)
        html = response.content.decode()
        if english := english_defaults_in(html):
            found[name] = english
        if name == "admin:rar_uppdrag_add":
            assert "– Välj –" in html
    return found


def test_admin_forms_show_no_english_framework_default(client, db):
    found = _admin_english(client, ADMIN_ADD_PAGES)
    assert not found, "\n".join(f"{name}: {english}" for name, english in found.items())


def test_admin_lists_show_no_english_framework_default(client, db):
    found = _admin_english(client, ADMIN_LISTS)
    assert not found, "\n".join(f"{name}: {english}" for name, english in found.items())


# --- Django speaks Swedish; the base forms' empty choice --------------------------------------------------------


def test_swedish_is_the_language_and_django_translates_its_own_messages(settings):
    from django import forms
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    assert settings.LANGUAGE_CODE == "sv" and settings.USE_I18N
    assert [code for code, _ in settings.LANGUAGES] == ["sv"]
    with translation.override(settings.LANGUAGE_CODE):
        assert str(BLANK_CHOICE_LABEL) == "– Välj –"  # locale/sv: Django 6.1 has no Swedish for it
        form = forms.Form()
        form.fields["datum"] = forms.DateField()
        form.fields["antal"] = forms.IntegerField(required=False)
        form.data, form.is_bound = {"antal": "många"}, True
        assert form.errors == {"datum": ["Detta fält måste fyllas i."], "antal": ["Fyll i ett heltal."]}


def test_the_gaps_in_djangos_swedish_are_filled(client, db):
    """locale/sv: what Django 6.1 ships untranslated, for the server's pages and the admin's scripts."""
    from django.utils import translation

    with translation.override("sv"):
        assert translation.gettext("Filter by %(field_name)s") == "Filtrera efter %(field_name)s"
        assert translation.ngettext("…and %(count)d more object.", "…and %(count)d more objects.", 3) == (
            "…och %(count)d objekt till.")
    client.force_login(get_user_model().objects.create_superuser("admin-sv", "admin-sv@example.se", "x-Lösen-123"))
    catalog = client.get(reverse("admin:jsi18n")).content.decode()
    for swedish in ("Föregående (%(month)s %(year)s)", "Nästa (%(month)s %(year)s)", "I dag (%(date)s)",
                    "%(day)s %(month)s %(year)s"):
        assert json.dumps(swedish) in catalog  # the catalogue is JSON, non-ASCII escaped
    assert json.dumps("Obs: Ange tider i tidszonen för %(timezone)s. (Du ligger %(offset)s timmar före.)") in catalog


def test_an_invalid_form_page_answers_in_swedish(client_for, staff):
    response = client_for(staff).post(reverse("sammantrade_create"), {"datum": "i morgon", "lank": "inte en länk"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Detta fält måste fyllas i." in html and "– Välj –" in html
    assert english_defaults_in(html) == []


def test_every_select_of_a_base_form_starts_with_the_swedish_empty_choice():
    """Even where the framework's label is not translated (English active) or is the old "---------"."""
    from django import forms
    from django.utils import translation

    from rar.forms_base import EMPTY_CHOICE, Form, ModelForm
    from rar.models import Organisation

    class Plain(Form):
        organisation = forms.ModelChoiceField(queryset=Organisation.objects.none())
        dash = forms.ChoiceField(choices=[("", "---------"), ("a", "A")])
        own = forms.ModelChoiceField(queryset=Organisation.objects.none(), empty_label="Välj paragraf")
        none = forms.ModelChoiceField(queryset=Organisation.objects.none(), empty_label=None, required=True)

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["later"] = forms.ModelChoiceField(queryset=Organisation.objects.none())  # after ours ran

    class FromModel(ModelForm):
        class Meta:
            model = Organisation
            fields = ["typ"]

    with translation.override("en"):
        plain = Plain().as_p()
        from_model = FromModel().as_p()
    assert plain.count(f'<option value="" selected>{EMPTY_CHOICE}</option>') == 3
    assert "Välj paragraf" in plain
    assert f'<option value="" selected>{EMPTY_CHOICE}</option>' in from_model
    assert english_defaults_in(plain + from_model) == []


# --- counts and their nouns --------------------------------------------------------------------------------------

# (template, the fixed text in it, its context for a count, what 1 gives, what 2 gives)
PLURALS = [
    ("partials/list_results.html", '{{ count }} {% if count == 1 %}{{ spec.noun.0 }}{% else %}{{ spec.noun.1 }}{% endif %}',
     lambda n: {"count": n, "spec": {"noun": ("ärende", "ärenden")}}, "1 ärende", "2 ärenden"),
    ("rar/start/_cases.html",
     '{{ antal.oppna }} öpp{{ antal.oppna|pluralize:"et,na" }} av {{ antal.totalt }} ärende{{ antal.totalt|pluralize:"n" }}',
     lambda n: {"antal": {"oppna": n, "totalt": n}}, "1 öppet av 1 ärende", "2 öppna av 2 ärenden"),
    ("esf/_panel_kansli.html", 'inom {{ panel.dagar }} dag{{ panel.dagar|pluralize:"ar" }}',
     lambda n: {"panel": {"dagar": n}}, "inom 1 dag", "inom 2 dagar"),
    ("esf/_panel_kansli.html",
     '{{ panel.dagar|pluralize:"den,de" }} närmaste {{ panel.dagar }} dag{{ panel.dagar|pluralize:"en,arna" }}',
     lambda n: {"panel": {"dagar": n}}, "den närmaste 1 dagen", "de närmaste 2 dagarna"),
    ("rar/befolkning_import.html",
     '{{ item.saknade_aldrar|length }} ål{{ item.saknade_aldrar|length|pluralize:"der,drar" }}',
     lambda n: {"item": {"saknade_aldrar": list(range(n))}}, "1 ålder", "2 åldrar"),
    ("rar/moten/beslut.html", '{{ quorum.platser }} ledam{{ quorum.platser|pluralize:"ot,öter" }}',
     lambda n: {"quorum": {"platser": n}}, "1 ledamot", "2 ledamöter"),
    ("uppfoljning/_arsuppfoljning_body.html", '{{ r.rar_aterbetalning }} månad{{ r.rar_aterbetalning|pluralize:"er" }}',
     lambda n: {"r": {"rar_aterbetalning": n}}, "1 månad", "2 månader"),
    ("uppfoljning/_resultatblad_body.html", '{{ aterbetalning }} månad{{ aterbetalning|pluralize:"er" }}',
     lambda n: {"aterbetalning": n}, "1 månad", "2 månader"),
    ("uppfoljning/_medlemsrapport_body.html", '{{ r.aterbetalning }} månad{{ r.aterbetalning|pluralize:"er" }}',
     lambda n: {"r": {"aterbetalning": n}}, "1 månad", "2 månader"),
    ("uppfoljning/_medlemsrapport_body.html", '{{ r.nadda }} person{{ r.nadda|pluralize:"er" }}',
     lambda n: {"r": {"nadda": n}}, "1 person", "2 personer"),
    ("uppfoljning/_esf_besparing.html", '{{ s.personer }} person{{ s.personer|pluralize:"er" }}',
     lambda n: {"s": {"personer": n}}, "1 person", "2 personer"),
    ("uppfoljning/underlag.html",
     '{{ summa }}</strong> person{{ summa|pluralize:"er" }} i {{ antal }} godkänd{{ antal|pluralize:",a" }} '
     'slutrapport{{ antal|pluralize:"er" }}',
     lambda n: {"summa": n, "antal": n}, "1</strong> person i 1 godkänd slutrapport",
     "2</strong> personer i 2 godkända slutrapporter"),
    ("uppfoljning/_stod_table.html", "{{ diff }}&nbsp;procentenhet{% if diff != 1 and diff != -1 %}er{% endif %}",
     lambda n: {"diff": n}, "1&nbsp;procentenhet", "2&nbsp;procentenheter"),
]


@pytest.mark.parametrize("template, text, context, one, two", PLURALS, ids=[f"{p[0]}:{p[3]}" for p in PLURALS])
def test_a_count_agrees_with_its_noun(template, text, context, one, two):
    from django.template import Context, Template
    from django.template.loader import get_template

    assert text in get_template(template).template.source
    assert Template(text).render(Context(context(1))) == one
    assert Template(text).render(Context(context(2))) == two
    if "pluralize" in text:  # none, as Swedish has it: "0 ärenden"
        assert Template(text).render(Context(context(0))) == two.replace("2", "0")


def test_minus_one_percentage_point_is_singular_too():
    from django.template import Context, Template

    text = PLURALS[-1][1]
    assert Template(text).render(Context({"diff": -1})) == "-1&nbsp;procentenhet"
    assert Template(text).render(Context({"diff": -3})) == "-3&nbsp;procentenheter"
