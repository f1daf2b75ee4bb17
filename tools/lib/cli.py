"""The tools' common entry: a script's main() run so that a file it cannot
read or write ends it with one line on stderr (error: PATH: reason), not a
traceback, and Ctrl-C with status 130."""
import sys


def run(main, *args):
    try:
        main(*args)
    except OSError as e:
        where = f"{e.filename}: " if getattr(e, "filename", None) else ""
        sys.exit(f"error: {where}{e.strerror or e}")
    except KeyboardInterrupt:
        sys.exit(130)
