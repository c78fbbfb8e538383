from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject

from insatser import permissions as insats_permissions
from rar import permissions as rar_permissions
from rar import dataversion, lists, roles
from rar.errors import DomainError
from uppfoljning import exports, permissions, selectors, services
from uppfoljning import lists as uppfoljning_lists
from uppfoljning.charts import bar_chart, support_chart
from uppfoljning.forms import DeltagareForm, ImportForm


@login_required
def deltagare(request, pk):
    insats = permissions.get_insats_for_participants(request.user, pk)
    rows = permissions.participant_rows(insats)
    import_form, add_form, import_errors = ImportForm(), DeltagareForm(), None
    status = 200
    if request.method == "POST" and "fil" in request.FILES:
        import_form = ImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            try:
                result = services.deltagare_import_csv(insats=insats, user=request.user, upload=import_form.cleaned_data["fil"])
            except services.ImportErrors as error:
                import_errors = error.errors
                messages.error(request, error.message)
                status = 400
            except DomainError as error:
                import_form.add_error("fil", error.message)
                status = 400
            else:
                messages.success(request, f"Importen är klar: {result['nya']} nya och {result['uppdaterade']} uppdaterade deltagare.")
                return redirect("uppfoljning:deltagare", pk=insats.pk)
        else:
            status = 400
    elif request.method == "POST":
        add_form = DeltagareForm(request.POST)
        if add_form.is_valid():
            try:
                created = services.deltagare_save(insats=insats, user=request.user, values=add_form.cleaned_data)
            except DomainError as error:
                add_form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, "Deltagaren är registrerad." if created else "Deltagaren är uppdaterad.")
                return redirect("uppfoljning:deltagare", pk=insats.pk)
        else:
            status = 400
    services.deltagare_visning_log(insats=insats, user=request.user)  # every look: the page, a table update, an export
    listing = lists.run(request, uppfoljning_lists.deltagare_list(insats), selectors.deltagare_rows(rows))
    export = listing.export() if request.method == "GET" else None
    if export is not None:
        return export
    first, last = insats.period_start.year, max(insats.period_slut.year, insats.period_start.year)
    context = {
        "insats": insats, "figures": SimpleLazyObject(lambda: dataversion.cached(  # not for the table alone
            "deltagarsiffror", (insats.pk, first, last), lambda: selectors.figures(rows, first, last))),
        "import_form": import_form, "add_form": add_form, "import_errors": import_errors,
    }
    response = lists.render(request, "uppfoljning/deltagare.html", listing, context)
    if status != 200:  # a refused form; else the listing's own (400 for a filter that does not parse)
        response.status_code = status
    return response


def _may_see_member_report(user, organisation) -> bool:
    from rar import roles

    return bool(roles.roles_of(user) & roles.READ_ALL) or user.organisation_id == organisation.pk


@login_required
def medlemsrapport(request):
    from rar.pdf import pdf_response
    from uppfoljning.forms import MedlemsrapportForm
    from uppfoljning.member_report import member_report

    form = MedlemsrapportForm(request.GET or None)
    context = {"form": form}
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        rar_permissions.require(_may_see_member_report(request.user, organisation),
                                "Du kan se rapporten för din egen organisation.")
        report = member_report(organisation, form.cleaned_data["fran"], form.cleaned_data["till"])
        for row in report.insatser:  # participant rows behind a figure: staff and the insats owner's organisation only
            row.visa_deltagare = permissions.can_handle_participants(request.user, row)
        visa_alla = all(row.visa_deltagare for row in report.insatser)
        context.update(report=report, visa_alla_deltagare=visa_alla, chart=support_chart(report.stod),
                       andel_chart=bar_chart([(name, share, "%") for name, share in report.andelar], label_width=230))
        if request.GET.get("format") == "csv":
            return _csv(f"medlemsrapport-{organisation.pk}-{form.cleaned_data['fran']}-{form.cleaned_data['till']}",
                        exports.member_report_rows(context["report"]))
        if request.GET.get("format") == "pdf":
            name = f"medlemsrapport-{organisation.namn.lower().replace(' ', '-')}-{form.cleaned_data['fran']}-{form.cleaned_data['till']}.pdf"
            return pdf_response("uppfoljning/medlemsrapport_pdf.html", context, name)
    return render(request, "uppfoljning/medlemsrapport.html", context, status=400 if form.errors else 200)


def _require_reader(request):
    from rar import roles

    if not (roles.roles_of(request.user) & roles.READ_ALL):
        raise Http404


def _year_params(request):
    """`?ar=` (default: last year) and `?format=`, read by a form: a garbled value is a 400, never a guess."""
    from django.utils import timezone

    from rar.params import YearForm, parse

    params = parse(YearForm, request.GET)
    return params["ar"] or timezone.localdate().year - 1, params["format"]


@login_required
def arsuppfoljning(request):
    from rar.pdf import pdf_response
    from uppfoljning.annual import annual_report

    _require_reader(request)
    year, fmt = _year_params(request)
    report = annual_report(year)
    context = {"r": report, "ar": year, "chart": support_chart(report.stod), "visa_deltagare": roles.is_kansli(request.user)}
    if fmt == "csv":
        return _csv(f"arsuppfoljning-{year}", exports.annual_rows(report))
    if fmt == "pdf":
        return pdf_response("uppfoljning/arsuppfoljning_pdf.html", context, f"arsuppfoljning-{year}.pdf")
    return render(request, "uppfoljning/arsuppfoljning.html", context)


@login_required
def resultatblad(request, pk):
    from rar.pdf import pdf_response
    from uppfoljning.annual import result_sheet

    insats = insats_permissions.get_insats_for(request.user, pk)
    context = result_sheet(insats)
    context["chart"] = support_chart(context["stod"])
    context["visa_deltagare"] = permissions.can_handle_participants(request.user, insats)
    if roles.is_kansli(request.user):
        from uppfoljning.report_check import insats_report_differences

        context["rapportavvikelser"] = insats_report_differences(insats)
    if request.GET.get("format") == "csv":
        return _csv(f"resultatblad-{insats.pk}", exports.result_sheet_rows(context))
    if request.GET.get("format") == "pdf":
        return pdf_response("uppfoljning/resultatblad_pdf.html", context, f"resultatblad-{insats.pk}.pdf")
    return render(request, "uppfoljning/resultatblad.html", context)


@login_required
def finsam(request):
    from rar.exports import export_response
    from uppfoljning.finsam import FINSAM_HEADERS, finsam_figures

    _require_reader(request)
    year, fmt = _year_params(request)
    figures = finsam_figures(year)
    if fmt == "csv":
        return export_response(fmt="csv", filename=f"uppfoljning-finsam-{year}", headers=FINSAM_HEADERS, rows=figures["rader"])
    context = {"f": figures, "ar": year, "headers": FINSAM_HEADERS}
    if fmt == "pdf":
        from rar.pdf import pdf_response

        return pdf_response("uppfoljning/finsam_pdf.html", context, f"uppfoljning-finsam-{year}.pdf")
    return render(request, "uppfoljning/finsam.html", context)


def _csv(filename, rows):
    from rar.exports import export_response

    return export_response(fmt="csv", filename=filename, headers=exports.CSV_HEADERS, rows=rows)
