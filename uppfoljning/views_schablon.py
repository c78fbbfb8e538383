"""Staff page for the standard amounts (schablonbelopp) the savings are computed with."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from rar import roles
from rar.errors import DomainError
from rar.params import YearForm, parse
from rar.permissions import require
from uppfoljning.schablon import SchablonForm, schablon_initial, schablon_save, schablon_years


@login_required
def schablonbelopp(request):
    require(roles.is_kansli(request.user), "Bara förbundets kansli ändrar schablonbeloppen.")
    if request.method == "POST":
        form = SchablonForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                schablon_save(user=request.user, ar=data["ar"], belopp=data["belopp"], kalla=data["kalla"],
                              per_kind=form.per_kind())
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, f"Schablonbeloppen för {data['ar']} är sparade.")
                return redirect("uppfoljning:schablonbelopp")
    else:
        year = parse(YearForm, request.GET)["ar"] or timezone.localdate().year - 1  # a bad ?ar= is a 400
        form = SchablonForm(initial=schablon_initial(year))
    return render(request, "uppfoljning/schablonbelopp.html", {"form": form, "years": schablon_years()},
                  status=400 if form.errors else 200)
