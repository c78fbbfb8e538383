"""Applications (ansökan), funded interventions (insats), agreements, phases, reports and money, one module each."""

from insatser.models.ansokan import (  # noqa: F401
    Ansokan,
    AnsokanQuerySet,
    BudgetAr,
    Inriktning,
    Karaktar,
    Mal,
    PrioriteradGrupp,
)
from insatser.models.ekonomi import Overforing, Rekvisition  # noqa: F401
from insatser.models.insats import Avtal, Beviljat, Fas, Insats, InsatsQuerySet  # noqa: F401
from insatser.models.rapporter import Lagesrapport, MalRapport, SlutMalResultat, Slutrapport  # noqa: F401
