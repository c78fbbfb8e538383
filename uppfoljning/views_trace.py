"""The lists behind the follow-up's figures (underlag), one view for every kind."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from uppfoljning import trace

TITLES = {"deltagare": "Deltagare bakom siffran", "medel": "Beviljade medel bakom siffran",
          "bidrag": "Medlemsbidrag bakom siffran", "esf": "ESF-uppgifter bakom siffran",
          "slutrapporter": "Slutrapporter bakom siffran"}


@login_required
def underlag(request, kind):
    if kind not in trace.LISTS:
        raise Http404
    form = trace.UnderlagForm(request.GET)
    if not form.is_valid():
        return render(request, "uppfoljning/underlag.html", {"form": form, "kind": kind, "title": TITLES[kind]}, status=400)
    data = form.cleaned_data
    context = {"form": form, "kind": kind, "title": TITLES[kind], "d": data, "till": data["till"] or data["fran"],
               **trace.LISTS[kind](request.user, data)}
    return render(request, "uppfoljning/underlag.html", context)
