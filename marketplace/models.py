"""Imports every feature area's models so that Alembic and the app see the whole schema."""

from marketplace.accounts import models as accounts_models  # noqa: F401
from marketplace.businesses import models as businesses_models  # noqa: F401
from marketplace.buyers import models as buyers_models  # noqa: F401
from marketplace.catalog import models as catalog_models  # noqa: F401
from marketplace.forum import models as forum_models  # noqa: F401
from marketplace.media import Image  # noqa: F401
from marketplace.notifications import models as notifications_models  # noqa: F401
from marketplace.sentra import models as sentra_models  # noqa: F401
