"""Fixtures of the drilltwin Python tests: the source tree and the command-line binary, as ctest
passes them (python/CMakeLists.txt), else found from this file's place."""
import os
import pathlib
import subprocess

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("DRILLTWIN_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
BINARY = pathlib.Path(os.environ.get("DRILLTWIN_BINARY", SOURCE_DIR / "build" / "bin" / "drilltwin"))


@pytest.fixture(scope="session")
def source_dir():
    return SOURCE_DIR


@pytest.fixture(scope="session")
def scenario():
    return lambda name: str(SOURCE_DIR / "scenarios" / name)


@pytest.fixture(scope="session")
def cli():
    """Runs the drilltwin executable; returns the CompletedProcess (text)."""
    def run(*args, check=True):
        r = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True, cwd=SOURCE_DIR,
                           env=dict(os.environ, DRILLTWIN_LANG="en"))
        if check:
            assert r.returncode == 0, r.stderr
        return r
    return run
