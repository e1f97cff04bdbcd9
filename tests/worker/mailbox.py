"""An email backend for the tests that start a real Celery worker: each message becomes a
file ``<n>.eml`` in ``$NOTIFY_TEST_MAILDIR``, which the test reads. While a file ``block``
exists there, a send announces itself (file ``sending``) and waits: the test kills the worker
in the middle of a send that way."""

import os
import time
import uuid
from pathlib import Path


class FileMailbox:
    def __init__(self, *args, **kwargs):
        self.folder = Path(os.environ["NOTIFY_TEST_MAILDIR"])

    def send_messages(self, messages) -> int:
        for message in messages:
            (self.folder / "sending").touch()
            while (self.folder / "block").exists():
                time.sleep(0.02)
            content = message.message().as_bytes()
            temporary = self.folder / f".{uuid.uuid4().hex}.tmp"
            temporary.write_bytes(content)
            temporary.rename(self.folder / f"{time.time_ns()}-{uuid.uuid4().hex[:6]}.eml")
        return len(messages)
