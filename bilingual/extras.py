"""Optional extras: which packages each needs, and the install command that fits this copy.

A command checks its extras before any work (``require_extra``), so a 5-second alignment never
ends in "install openpyxl". The command shown depends on how bilingual was installed: from
the package index (``pip install 'bilingual-enzh[formats]'``) or from a checkout
(``pip install '/path/to/clone[formats]'``); pip's own record (``direct_url.json``) says which.
"""

from __future__ import annotations

import importlib.util
import json
from importlib import metadata
from pathlib import Path

from bilingual.errors import DependencyError

__all__ = [
    "DISTRIBUTION",
    "EXTRAS",
    "foreign_package",
    "install_command",
    "missing_modules",
    "require_extra",
]

# The name on the package index. ``bilingual`` there is an unrelated Bangla NLP toolkit (whose
# import name is also ``bilingual``); the command and the import name stay ``bilingual``.
DISTRIBUTION = "bilingual-enzh"

# extra -> the modules it brings (what we import, not the distribution names)
EXTRAS: dict[str, tuple[str, ...]] = {
    "formats": ("translate", "openpyxl", "rapidfuzz"),
    "dask": ("distributed",),
    "parquet": ("pyarrow",),
}


def _checkout() -> Path | None:
    """The folder of the checkout this copy runs from or was installed from, if any."""
    # Running inside a checkout (editable install, PYTHONPATH, `python cli.py`): that folder.
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file():
        return root
    try:
        record = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not record:
        return None  # installed from the index (or a wheel file)
    origin = json.loads(record)
    url = origin.get("url", "")
    if "dir_info" in origin and url.startswith("file://"):
        return Path(url.removeprefix("file://"))  # `pip install .` copied it from there
    return None


def install_command(extra: str) -> str:
    """``pip install '...[extra]'`` for how this copy was installed (index or checkout)."""
    where = _checkout()
    if where is None:
        return f"pip install '{DISTRIBUTION}[{extra}]'"
    here = Path.cwd().resolve()
    target = "." if where.resolve() == here else str(where)
    return f"pip install '{target}[{extra}]'"


def missing_modules(extra: str) -> list[str]:
    """The modules of ``extra`` that cannot be imported here (found without importing them)."""
    return [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]


def require_extra(extra: str, purpose: str, modules: tuple[str, ...] | None = None) -> None:
    """Raise DependencyError naming the install command unless ``extra``'s modules are present.

    ``modules`` narrows the check to what ``purpose`` needs (e.g. only openpyxl for XLSX).
    """
    wanted = modules if modules is not None else EXTRAS[extra]
    missing = [m for m in missing_modules(extra) if m in wanted]
    if missing:
        raise DependencyError(
            f"{purpose} needs the {extra!r} extra ({', '.join(missing)} missing); "
            f"run: {install_command(extra)}"
        )


# Our own summary starts so (pyproject's description); a distribution called "bilingual" with
# another summary is the unrelated index package, whose files share our import name.
_OUR_SUMMARY = "English–Chinese alignment"


def foreign_package() -> str | None:
    """A warning when the unrelated ``bilingual`` distribution is installed here, else None.

    Both install files into ``bilingual/``, so one overwrites the other. Reading metadata costs
    ~0.1 s, so only ``--version`` and the internal-error message ask.
    """
    try:
        summary = metadata.distribution("bilingual").metadata.get("Summary", "")
    except metadata.PackageNotFoundError:
        return None
    if summary.startswith(_OUR_SUMMARY):
        return None  # our own checkout, installed under its old name
    return (
        "an unrelated package named 'bilingual' is installed in this environment "
        f"({summary[:60]}); it shares the import name bilingual, so the two overwrite each "
        f"other's files: run pip uninstall bilingual, then pip install --force-reinstall "
        f"{DISTRIBUTION}."
    )
