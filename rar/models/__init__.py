from rar.models.core import (  # noqa: F401
    Arende,
    Befolkning,
    Budgetpost,
    Diarieserie,
    EgetKapital,
    Handling,
    Lansdel,
    Medlemsbidrag,
    Organisation,
    User,
    handling_upload_to,
)
from rar.models.moten import (  # noqa: F401
    JusteringSignatur,
    Narvaro,
    Organ,
    Paragraf,
    Reservation,
    Sammantrade,
    Uppdrag,
    Votering,
    Yrkande,
)
