"""An in-process backend that replays scripted turns, for engine tests (not the LLM path)."""

import asyncio


class ScriptedBackend:
    """Streams each scripted reply word by word; ``delay`` seconds between words."""

    name = "scripted"
    model = ""

    def __init__(self, replies, delay: float = 0.0):
        self.replies = list(replies)
        self.delay = delay
        self.requests = []
        self.closed_streams = 0

    async def stream(self, request):
        self.requests.append(request)
        reply = self.replies.pop(0) if self.replies else "Nothing more to add."
        try:
            for word in reply.split(" "):
                yield word + " "
                await asyncio.sleep(self.delay)
        finally:
            self.closed_streams += 1

    async def complete_json(self, messages, schema):
        raise NotImplementedError

    async def aclose(self):
        return None
