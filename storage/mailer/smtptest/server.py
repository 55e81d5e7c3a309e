# An SMTP server for Convene's tests, run by smtptest with Debian's
# python3-aiosmtpd: each message accepted is written to the folder given
# as its argument, one file per message (written, then renamed, so that a
# reader never sees half a message). Recipients whose address starts with
# "reject" are refused with 550, for tests of permanent failures.
import os
import uuid

class Handler:
    def __init__(self, folder):
        self.folder = folder

    @classmethod
    def from_cli(cls, parser, *args):
        return cls(*args)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        tmp = os.path.join(self.folder, "." + name)
        with open(tmp, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(tmp, os.path.join(self.folder, name + ".eml"))
        return "250 Message accepted for delivery"
