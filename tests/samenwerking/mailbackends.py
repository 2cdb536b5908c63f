"""Real mail backends for the tests of failing mail servers, set with override_settings."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(LocmemBackend):
    """A mail server that is down: every send raises, as SMTP does."""

    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        raise smtplib.SMTPServerDisconnected("Verbinding met de mailserver verbroken")


class FlakyBackend(LocmemBackend):
    """Fails the first two sends, then delivers to django.core.mail.outbox."""

    attempts = 0

    def send_messages(self, messages):
        type(self).attempts += 1
        if type(self).attempts <= 2:
            raise smtplib.SMTPServerDisconnected("Verbinding met de mailserver verbroken")
        return super().send_messages(messages)
