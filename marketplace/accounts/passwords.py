"""Password policy: long enough and not a commonly used password."""

from zxcvbn import zxcvbn

from marketplace.i18n import lazy_gettext as _l

MIN_LENGTH = 12
MAX_LENGTH = 128
# Easy words that zxcvbn does not know but every Indonesian attacker tries first.
LOCAL_COMMON = ["sentranusantara", "sentra", "nusantara", "indonesia", "bismillah", "sayang",
                "rahasia", "katasandi", "merdeka", "jakarta", "batik", "tenun", "tapis"]


def password_problem(password, user_inputs=()):
    """A message saying why this password is refused, or None when it is acceptable."""
    if len(password or "") < MIN_LENGTH:
        return _l("Use at least %(n)d characters.", n=MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        return _l("Use at most %(n)d characters.", n=MAX_LENGTH)
    inputs = [str(v) for v in user_inputs if v] + LOCAL_COMMON
    result = zxcvbn(password[:MAX_LENGTH], user_inputs=inputs)
    if result["score"] < 3:
        return _l("This password is too common or too easy to guess. "
                  "Try a few unrelated words together.")
    return None
