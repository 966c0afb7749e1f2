"""Release check: the built wheel installs into a fresh venv and runs the README's first command
offline (slow: it builds a wheel and makes a venv; CI runs it, see .ci/run).

The fresh venv gets the wheel with ``--no-deps --no-index`` (nothing is downloaded); its
dependencies come from this test's environment through a ``.pth`` path placed after the venv's
own site-packages, so the ``bilingual`` that runs is the one the wheel installed. The command
runs in a new network namespace when ``unshare -n`` is allowed (root), so "offline" is real.
"""

from __future__ import annotations

import os
import shutil
import site as pysite
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from bilingual.extras import DISTRIBUTION

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def _offline(cmd: list[str]) -> list[str]:
    unshare = shutil.which("unshare")
    if unshare is None:
        return cmd
    probe = subprocess.run([unshare, "-n", "true"], capture_output=True)
    return [unshare, "-n", *cmd] if probe.returncode == 0 else cmd


def test_wheel_installs_and_runs_the_readme_command_offline(tmp_path: Path) -> None:
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "-o", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("*.whl")
    # nothing from the checkout: no PYTHONPATH pointing at it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    assert wheel.name.startswith(DISTRIBUTION.replace("-", "_") + "-")

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=True)
    py = fresh / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # zz_: after the venv's own packages; the test environment's dependencies, not its bilingual
    deps = dict.fromkeys([*pysite.getsitepackages(), sysconfig.get_path("purelib")])
    (Path(site) / "zz_deps.pth").write_text("".join(f"{d}\n" for d in deps))
    subprocess.run(
        [str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        env=env,
        check=True,
        capture_output=True,
    )

    # The README's first command, in a folder holding only the sample data: the code that
    # runs must come from the installed wheel, not from a checkout next to it.
    work = tmp_path / "work"
    (work / "data").mkdir(parents=True)
    for f in ("sample.en.txt", "sample.zh.txt"):
        shutil.copy(ROOT / "data" / f, work / "data" / f)
    where = subprocess.run(
        [str(py), "-c", "import bilingual; print(bilingual.__file__)"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(site), where
    for cmd in (
        [str(py), "-m", "bilingual", "align"],
        [str(fresh / "bin" / "bilingual"), "align"],
    ):
        run = subprocess.run(
            _offline([*cmd, "data/sample.en.txt", "data/sample.zh.txt", "--format", "md"]),
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert run.returncode == 0, run.stderr
        lines = run.stdout.splitlines()
        assert lines[0].startswith("<!-- Signature: bilingual:")
        assert sum(line.startswith("| ") for line in lines) > 10
