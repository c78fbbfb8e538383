"""Forms of insatser, one module per sub-domain (ansokan, avtal, rapporter, ekonomi); import them from here."""

from insatser.forms.ansokan import (  # noqa: F401
    AnsokanForm,
    BaseBudgetFormSet,
    BudgetFormSet,
    BudgetRadForm,
    DATE,
    KommentarForm,
    MAX_KRONOR,
    MalForm,
    MalFormSet,
    NyAnsokanForm,
)
from insatser.forms.avtal import (  # noqa: F401
    AvtalVillkorForm,
    FasForm,
    StyrgruppForm,
)
from insatser.forms.rapporter import (  # noqa: F401
    GranskaForm,
    LagesrapportForm,
    MalRapportForm,
    MalRapportFormSet,
    ReportForm,
    SlutMalForm,
    SlutMalFormSet,
    SlutrapportForm,
)
from insatser.forms.ekonomi import (  # noqa: F401
    ArsavslutForm,
    AvslagForm,
    BetalningForm,
    RekvisitionForm,
)
