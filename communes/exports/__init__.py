"""The portal's one export layer: every .xlsx is written with :mod:`communes.exports.xlsx`, every PDF
in the page frame of :mod:`communes.exports.pdf`.

It lives in the lowest app so that the score sheet (assessment), the officials' workbook (personnel)
and every report (reports) share one formula guard, one set of styles and one way to size columns.
"""
