"""Loading a checker of the shared tools folder (pdfcheck.py, pagecheck.py)
as a module: a missing file or a missing PyMuPDF ends the run with one
error line and a hint, not a traceback. The checker's folder goes on the
import path (pagecheck imports pdfcheck beside it)."""
import importlib.util, os, sys


def load(path, name, how):
    """The checker `name` (pdfcheck or pagecheck) at `path`; `how` says in
    the hint how the user gives its path ("as the third argument")."""
    if not os.path.isfile(path):
        sys.exit(f"error: the checker {path} does not exist\n"
                 f"  hint: give the path of {name}.py (from the shared/tools folder) {how}")
    try:
        import pymupdf  # noqa: F401  (the checker reads PDFs with it)
    except ImportError:
        sys.exit("error: the checker needs PyMuPDF\n  hint: pip install pymupdf")
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location(name, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod
