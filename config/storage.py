"""The static files storage of production and the demo."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class CompressedHashedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (hashed names, brotli and gzip copies), with hashed addresses under DEBUG too.

    Django's manifest storage gives unhashed addresses when DEBUG is on, which WhiteNoise may not
    cache for long; the demo runs with DEBUG on and must load like production: every file fetched
    once, compressed, then kept by the browser for a year.
    """

    def url(self, name: str | None, force: bool = False) -> str:
        return super().url(name, force=True)
