"""A problem found in an interchange document: where it is, and what is wrong, in plain words."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str

    def __str__(self):
        return f"{self.path}: {self.message}"


class ProblemList(list):
    """Collects problems; ``add(path, message)`` keeps call sites short."""

    def add(self, path, message):
        self.append(Problem(path, str(message)))


def join(path, name):
    """Path of a field inside ``path``: "sessions[2]" + "title" -> "sessions[2].title"."""
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name
