import pytest

from rar.models import Organisation
from tests.factories import OrganisationFactory


@pytest.fixture
def af(db):
    return OrganisationFactory(namn="Arbetsförmedlingen", typ=Organisation.Typ.STAT, lansdel="")
