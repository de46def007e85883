"""The suite's task backend: every task at once, as under `make run`, but no refresh of all PDFs per edit.

Publishing or editing a published edition queues a refresh that builds its PDF in all seven languages. Run at once,
that is seven builds after every committed save: a fixture that makes an edition record by record outside a test's
transaction, or a browser test's live server, spent minutes building PDFs nothing reads. Here the refresh is only
queued (and never run); a visitor who asks for a PDF still gets it built at once for the current content, in the one
language asked for, as the proceedings view does under `make run`. The refresh itself is proven by the tests that
queue tasks and play the worker (`queued_tasks`, `run_queued`) and by tests/test_deployment.py (two servers, an edit,
the PDFs rebuilt by the worker).
"""

from django_tasks.backends.dummy import DummyBackend
from django_tasks.backends.immediate import ImmediateBackend

REFRESH = "events.proceedings.tasks.refresh_published_proceedings"  # by name: the backend loads before that module


class PdfsWhenAskedBackend(ImmediateBackend):
    def __init__(self, alias, params):
        super().__init__(alias, params)
        self.left_queued = DummyBackend(alias, params)

    def enqueue(self, task, args, kwargs):
        if task.module_path == REFRESH:
            return self.left_queued.enqueue(task, args, kwargs)
        return super().enqueue(task, args, kwargs)
