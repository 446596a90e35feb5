"""The one domain exception, carrying a message key and its parameters for translation."""


class CdsError(ValueError):
    """Bad input to the domain: ``key`` names the message in ``ui.i18n``/``cds_core.messages``."""

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(f"{key}: {params}" if params else key)
