# Copyright 2026 quality_progress_sync contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The quality story of manufacturing orders: one line per event (a failure
and its nonconformance, a rework work order, a concession, a scrap, a
nonconformance closed) in the order's chatter, linked to its records. A
helper of the failure loop (``quality.nonconformance``), not a model.

A message is stored as it is posted: its lines are written in the order's
language (its responsible's, else its company's), whoever records the event.
Lines told inside :func:`quality_story` are posted at its end, one message
per order, all orders at once."""

from contextlib import contextmanager

from markupsafe import Markup

from odoo.tools import format_datetime

# {production id: [line]}, kept on the cursor for the duration of a
# quality_story() block only.
STORY = "quality_progress_sync.story"


def reader_env(record, reader=None):
    """The environment in which a text stored on ``record`` is written: in
    the language and time zone of its ``reader`` (a user: an activity's
    assignee, a record's responsible), else of ``record``'s company, else of
    the current company, whoever records the event. A stored note stays as
    it was written: it is written for whom reads it."""
    company = record.env.company
    if "company_id" in record._fields:
        # Read on the record itself (not on record[:1], a recordset of its
        # own): one query for all the records of its prefetch set.
        company = record.company_id[:1] or company
    partner = company.sudo().partner_id
    reader = reader.sudo() if reader else reader
    lang = (reader and reader.lang) or partner.lang or record.env.lang
    tz = (reader and reader.tz) or partner.tz or record.env.context.get("tz")
    return record.with_context(lang=lang, tz=tz).env


def format_when(env, value):
    """``value`` (a UTC datetime) as its reader reads dates: ``env``'s
    language and time zone (see :func:`reader_env`), short format."""
    if not value:
        return "-"
    return format_datetime(env, value, tz=env.context.get("tz"), dt_format="short")


def get_story_env(production):
    """The environment in whose language ``production``'s story is told:
    its responsible's, else its company's."""
    return reader_env(production, production.user_id)


def tell_story(production, line):
    """Tell ``line`` (markup) on ``production``'s chatter: at the end of the
    current :func:`quality_story` block, or now outside one."""
    if not production:
        return
    stories = production.env.cr.cache.get(STORY)
    if stories is None:
        _post_stories(production.env, {production.id: [line]})
    else:
        stories.setdefault(production.id, []).append(line)


@contextmanager
def quality_story(env):
    """Inside, the lines told on orders are kept, then posted together when
    the outermost block ends (not when it raises: nothing happened)."""
    if STORY in env.cr.cache:
        yield
        return
    stories = env.cr.cache[STORY] = {}
    try:
        yield
    finally:
        env.cr.cache.pop(STORY, None)
    _post_stories(env, stories)


def _post_stories(env, stories):
    """One log note per order, its lines one under the other, in one batch
    (the author is the user; what the user may do was checked by the
    actions that made the events)."""
    if not stories:
        return
    env["mrp.production"].browse(list(stories)).sudo()._message_log_batch(
        bodies={
            production_id: Markup("<br/>").join(lines)
            for production_id, lines in stories.items()
        }
    )
