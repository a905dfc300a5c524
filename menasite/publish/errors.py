"""The one error of publishing: a message for the publisher, in either language."""

from __future__ import annotations

from menasite.messages import Msg


class PublishError(Exception):
    """Publishing stopped; ``message`` says what is wrong and what to do."""

    def __init__(self, message: Msg):
        super().__init__(str(message))
        self.message = message
