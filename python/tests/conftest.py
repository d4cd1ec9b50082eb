"""Shared pytest fixtures: the repository paths, the CLI binary the results are compared
with, and the list of inputs (every fixture and every .docx/.txt of ../shared/corpus)."""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
CERD_DOCX = CORPUS / "CERD_C_URY_CO_21-23.docx"


def input_files() -> list[str]:
    """Every fixture (as /work/baseline/dump.sh lists them) and every .docx and .txt under
    ../shared/corpus, as paths relative to the repository root (the tests run there), sorted."""
    found = []
    for p in (REPO / "fixtures").rglob("*"):
        if p.is_file() and p.suffix.lower() in (".txt", ".docx", ".doc", ".bin"):
            found.append(os.path.relpath(p, REPO))
    if CORPUS.is_dir():
        for p in CORPUS.rglob("*"):
            if p.is_file() and p.suffix.lower() in (".txt", ".docx"):
                found.append(os.path.relpath(p, REPO))
    return sorted(found)


@pytest.fixture(scope="session", autouse=True)
def in_repo_root():
    """Paths are given relative to the repository root, as a user of the CLI would."""
    old = os.getcwd()
    os.chdir(REPO)
    yield
    os.chdir(old)


@pytest.fixture(scope="session")
def cli() -> str:
    """The `treatydoc` binary: $TREATYDOC_BIN, or this checkout's debug build (built here if
    missing, which is a no-op after `cargo test`)."""
    env = os.environ.get("TREATYDOC_BIN")
    if env:
        return env
    subprocess.run(
        ["cargo", "build", "--locked", "--quiet", "--bin", "treatydoc"], cwd=REPO, check=True
    )
    return str(REPO / "target" / "debug" / "treatydoc")


@pytest.fixture(scope="session")
def files() -> list[str]:
    fs = input_files()
    assert CERD_DOCX.is_file(), f"{CERD_DOCX} is missing: the tests need ../shared beside the repo"
    assert len(fs) > 100, fs
    return fs
