#!/usr/bin/env python3
"""A real SMTP receiver on 127.0.0.1 for the mail tests: prints "PORT PID" once listening, then writes every message
it accepts to DIR/NNNN.json as {"mail_from", "rcpt_to", "to", "subject", "body", "content_type"} with the MIME
headers and the base64 body decoded by Python's email package (so the test checks what a mail client would show).
Python 3.11's smtpd module (deprecated, removed in 3.12) or, when missing, Debian's python3-aiosmtpd."""
import email
import email.policy
import json
import os
import sys
import warnings

out_dir = sys.argv[1]
counter = [0]


def store(mail_from, rcpt_to, data):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    record = {
        "mail_from": mail_from,
        "rcpt_to": list(rcpt_to),
        "to": str(msg["To"]),
        "subject": str(msg["Subject"]),
        "content_type": msg.get_content_type(),
        "charset": msg.get_content_charset(),
        "body": msg.get_content().replace("\r\n", "\n"),
    }
    tmp = os.path.join(out_dir, f"{counter[0]:04}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(record, f, ensure_ascii=False)
    os.rename(tmp, os.path.join(out_dir, f"{counter[0]:04}.json"))
    counter[0] += 1


try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import asyncore
        import smtpd

    class Sink(smtpd.SMTPServer):
        def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
            store(mailfrom, rcpttos, data)

    server = Sink(("127.0.0.1", 0), None, decode_data=False)
    print(server.socket.getsockname()[1], os.getpid(), flush=True)
    asyncore.loop()
except ImportError:
    import socket
    import time

    from aiosmtpd.controller import Controller

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            store(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    print(port, os.getpid(), flush=True)
    while True:
        time.sleep(3600)
