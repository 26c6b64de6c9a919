"""A local SMTP server for the e2e tests (Debian's python3-aiosmtpd): prints "ready", then
one JSON line per message received ({"from", "to", "subject"}); exits when stdin closes.

  /usr/bin/python3 test/e2e/smtp_sink.py PORT
"""
import asyncio
import email
import email.header
import json
import os
import sys
import threading

from aiosmtpd.smtp import SMTP


class Sink:
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        subject = str(email.header.make_header(email.header.decode_header(message["Subject"] or "")))
        print(json.dumps({"from": envelope.mail_from, "to": sorted(envelope.rcpt_tos), "subject": subject}), flush=True)
        return "250 OK"


def exit_when_stdin_closes():
    # The test's end (or death) closes the pipe: nothing outlives it.
    sys.stdin.read()
    os._exit(0)


async def main(port):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(Sink()), "127.0.0.1", port)
    print("ready", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    asyncio.run(main(int(sys.argv[1])))
