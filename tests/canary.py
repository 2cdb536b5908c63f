"""Canaries: a unique word in every confidential fixture, looked for in every response.

A test registers a canary with who may see it, written out by the test itself rather than
asked of the code under test:

    canary.register("KANARIE-…", lambda user: user.is_authenticated)

The test settings put `CanaryMiddleware` in front of every view, so every response that the
suite produces (test client, live server, GraphQL, downloads) is searched; a canary found in
a response to a user who may not see it fails the test that made the request.
"""

import threading

_lock = threading.Lock()
_registered = {}
_violations = []


def register(word, may_see):
    with _lock:
        _registered[word] = may_see


def reset():
    with _lock:
        _registered.clear()
        _violations.clear()


def violations():
    with _lock:
        return list(_violations)


def check(text, user, where):
    """Record every registered canary in `text` that `user` may not see."""
    with _lock:
        registered = list(_registered.items())
    for word, may_see in registered:
        if word in text and not may_see(user):
            with _lock:
                _violations.append(f"{word} in {where} for {user!r}")


class CanaryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _registered and not getattr(response, "streaming", False):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            body = response.content.decode("utf-8", "replace")
            headers = " ".join(f"{k}: {v}" for k, v in response.items())
            check(body + headers, getattr(request, "user", None), request.get_full_path())
        return response
