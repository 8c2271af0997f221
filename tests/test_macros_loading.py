"""The `macros` package loads both by name (mkdocs-macros: `module_name: macros`)
and from its file path, as other generators do (Zensical 0.0.70 stopped at
`from . import ...` with "No module named 'macros'"). Each way runs in a fresh
Python started outside the project, so nothing is already imported or on sys.path."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

INIT = ROOT / "macros" / "__init__.py"
SUBMODULES = ("case_studies", "downloads", "jargon", "model_macros", "readability_report", "self_assessment")

LOADERS = {
    "package import": f"""
import importlib, sys
sys.path.insert(0, {str(ROOT)!r})
module = importlib.import_module("macros")
""",
    "file path": f"""
import importlib.util
spec = importlib.util.spec_from_file_location("macros", {str(INIT)!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
""",
    "file path, registered first": f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("site_macros", {str(INIT)!r})
module = importlib.util.module_from_spec(spec)
sys.modules["site_macros"] = module
spec.loader.exec_module(module)
""",
}

CHECK = """
import sys
name = module.__name__
assert callable(module.define_env)
for sub in {submodules!r}:
    assert hasattr(sys.modules[name + "." + sub], "register"), sub
summary = sys.modules[name + ".downloads"].pdf_summary({{"pages": 2, "size_bytes": 5000}})
print(summary)
"""


@pytest.mark.parametrize("way", LOADERS)
def test_the_macros_load_by_name_and_by_file_path(tmp_path, way):
    code = LOADERS[way] + CHECK.format(submodules=SUBMODULES)
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "PDF, 2 pages, A4, 5 KB"
