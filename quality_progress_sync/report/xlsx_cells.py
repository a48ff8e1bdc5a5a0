# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the workbooks' cells need done fast, a hundred thousand times: the
values of their records read by columns, the garbage collector paused while
they are built, their writers by type of value, the dates as Excel's serial
numbers, the measures as text."""

import contextlib
import functools
import gc
from datetime import date, datetime

from odoo.tools import float_repr, float_round

# Day 0 of Excel's serial dates (its 1900 date system, xlsxwriter's default).
EXCEL_EPOCH = datetime(1899, 12, 31)


@contextlib.contextmanager
def paused_gc():
    """Python's cyclic garbage collector paused while a workbook is built:
    its hundred thousand cells, kept until the end, would otherwise start
    collections of the whole process's objects, a sixth of the time. It
    runs again after (unless it was paused before); memory is freed by
    reference counting meanwhile."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@functools.lru_cache(maxsize=4096)
def format_measure(value, digits):
    """A measure to ``digits``, without trailing zeros: once per value and
    digits (measures repeat)."""
    text = float_repr(float_round(value, digits), digits)
    return text.rstrip("0").rstrip(".") if "." in text else text


def excel_date(value):
    """A naive date or datetime as the serial number Excel stores (days
    since 1899-12-31, 1900 counted as a leap year as Excel does), the
    number xlsxwriter's ``write_datetime`` stores, without its checks
    per cell."""
    if not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    delta = value - EXCEL_EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    # Excel's day 60 is the 29 February 1900 that never was.
    return serial + 1 if serial > 59 else serial


def cached_columns(records, field_names):
    """{field name: its values for ``records``, in their order}, as
    ``read(load=None)`` gives them (many2ones as ids), for ``records`` whose
    stored fields are in memory (``fetch``, ``search_fetch``): each field
    read for all the records at once (a non-stored one computed in one
    batch), not a value at a time as ``read`` formats them."""
    columns = {"id": list(records._ids)}
    cache = records.env.cache
    for name in field_names:
        field = records._fields[name]
        values = records.mapped(name)
        if field.type == "many2one":
            # The ids in the records' order (mapped gives each one once).
            ids = cache.get_until_miss(records, field)
            values = [value or False for value in ids]
            if len(values) < len(records):
                values = [record[name].id for record in records]
        columns[name] = values
    return columns


def cell_writers(sheet):
    """{type of value: the writer of its cells on ``sheet``}: xlsxwriter's
    writers without the decorator of the public ones, which reads "A1"
    notations (the rows and columns are numbers here), when it has them."""
    write_string = getattr(sheet, "_write_string", sheet.write_string)
    write_number = getattr(sheet, "_write_number", sheet.write_number)

    def write_datetime(row, col, value, cell_format):
        write_number(row, col, excel_date(value), cell_format)

    return {
        str: write_string,
        float: write_number,
        int: write_number,
        datetime: write_datetime,
        date: write_datetime,
    }
