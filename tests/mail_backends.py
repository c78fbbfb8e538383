"""A mail backend for tests that fails as a real server does: addresses at `nere.example.se` meet a server that
drops the connection (worth trying again later), addresses starting with `okand@` are refused for good."""

import smtplib

from django.core.mail.backends import locmem


class FlakyBackend(locmem.EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            for address in message.recipients():
                if address.endswith("@nere.example.se"):
                    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
                if address.startswith("okand@"):
                    raise smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)
