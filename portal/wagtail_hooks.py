from wagtail import hooks

from .pagecache import mark_cacheable

hooks.register("before_serve_page", mark_cacheable)
