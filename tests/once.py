"""What a test run computes once for all its xdist workers: a lock file, and values kept beside the workers'
temporary folders."""

import fcntl
import os
import pickle
from contextlib import contextmanager


@contextmanager
def locked(path):
    """Hold an exclusive lock on the file at `path` (made if missing) while the block runs."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def once_per_run(tmp_path_factory, name, make):
    """`make()`, called by the first xdist worker that asks; the others wait for it and read its pickled value.

    The folder above the workers' temporary folders is this run's alone, so nothing is kept from one run to the
    next. Without xdist it is simply `make()`.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return make()
    path = tmp_path_factory.getbasetemp().parent / f"{name}.pickle"
    with locked(path.with_suffix(".lock")):
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = make()
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(value))
        os.replace(partial, path)
        return value
