"""Imports every feature area's models so that Alembic and the app see the whole schema."""

from marketplace.accounts.models import User  # noqa: F401
from marketplace.businesses.models import Business, BusinessCertification  # noqa: F401
from marketplace.media import Image  # noqa: F401
from marketplace.sentra.models import (  # noqa: F401
    Membership,
    Sentra,
    SentraFacility,
    SentraPhoto,
    SentraProgramme,
)
