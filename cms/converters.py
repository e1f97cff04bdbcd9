"""Path converters for the site's URLs (registered in ``CmsConfig.ready``)."""


class IdConverter:
    """A database id in a URL: at most 18 digits. A longer number is no row of ours, and
    looked up it overflows the 64-bit integer column (a server error on SQLite and
    PostgreSQL alike, for lookups through a foreign key); it now simply does not match."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
