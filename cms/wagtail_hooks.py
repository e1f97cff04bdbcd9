"""Wagtail hooks of the cms side: which served pages the page cache may keep."""

from wagtail import hooks

from cms.page_cache import mark_page

hooks.register("before_serve_page", mark_page)
