"""The ``<year:…>`` path converter: a year in an address is four digits.

``<int:…>`` took any number, and a year that no calendar has (0, 10000) reached ``date(year, 12, 31)``
and answered 500; such an address now does not resolve (404), like any other wrong address.
"""


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
