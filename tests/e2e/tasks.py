"""The task backend of the browser tests: every task at once, as under `make run`, but no refresh of all PDFs per edit.

Publishing or editing a published edition queues a refresh that builds its PDF in all seven languages. In the browser
tests that ran in the live server's thread after each save and each demo load: seven builds, tens of seconds, for
PDFs no journey opens. Here the refresh is only queued (and never run); a visitor who asks for a PDF still gets it
built at once for the current content, in the one language asked for, as the proceedings view does under `make run`.
The refresh itself is proven by tests/test_deployment.py (two servers, an edit, the PDFs rebuilt by the worker).
"""

from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend

from events.proceedings.tasks import refresh_published_proceedings


class PdfsWhenAskedBackend(ImmediateBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.left_queued = DummyBackend(alias, params)

    def enqueue(self, task, args, kwargs):
        if task.func is refresh_published_proceedings.func:
            return self.left_queued.enqueue(task, args, kwargs)
        return super().enqueue(task, args, kwargs)
