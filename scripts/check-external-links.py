"""Check the links to other websites. Needs a network, so it is not part of the build.

    .venv/bin/python scripts/check-external-links.py [site/readability.json | site/] [--summary FILE]

GitHub runs it once a week (.github/workflows/links.yml) and shows the broken
links in the run's summary: --summary, or $GITHUB_STEP_SUMMARY when it is set,
gets a Markdown list of them.

The build cannot check links to other sites (it runs offline), so it lists
them in site/readability.json, each with the file and line it comes from.
This script asks each site for its page (HEAD first, then GET if HEAD is
refused), prints a table and exits with 1 if any link is broken.
If there is no readability.json, it collects the links from the built HTML.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_SECONDS = 15
# Some sites refuse requests without a browser-like name; say who we are.
HEADERS = {"User-Agent": "coproduction-model link checker (+https://github.com/)"}
HREF = re.compile(r'<a [^>]*href="(https?://[^"#]+)[^"]*"')


def links_from_report(report: Path) -> dict[str, list[str]]:
    """url -> where it is used ("docs/page.md:12"), from the build report."""
    found: dict[str, list[str]] = {}
    for page in json.loads(report.read_text(encoding="utf-8"))["pages"]:
        for link in page.get("external_links", []):
            found.setdefault(link["url"], []).append(f"{page['file']}:{link.get('line', '?')}")
    return found


def links_from_html(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        for url in HREF.findall(page.read_text(encoding="utf-8")):
            found.setdefault(url.replace("&amp;", "&"), []).append(page.relative_to(site).as_posix())
    return found


def check(url: str) -> tuple[str, str]:
    """('ok' | 'broken', what the site said)."""
    try:
        response = requests.head(url, headers=HEADERS, timeout=TIMEOUT_SECONDS, allow_redirects=True)
        if response.status_code >= 400:  # many sites refuse HEAD: ask properly
            response = requests.get(url, headers=HEADERS, timeout=TIMEOUT_SECONDS, allow_redirects=True,
                                    stream=True)
            response.close()
    except requests.RequestException as error:
        return "broken", type(error).__name__
    verdict = "ok" if response.status_code < 400 else "broken"
    moved = f" -> {response.url}" if response.url.rstrip("/") != url.rstrip("/") else ""
    return verdict, f"{response.status_code}{moved}"


# Link addresses and page paths come from pages anyone can edit: shown as text, never as Markdown.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~])")


def _text(words: str) -> str:
    return _MARKDOWN.sub(r"\\\1", " ".join(words.split()))


def summary_markdown(links: dict[str, list[str]], results: dict[str, tuple[str, str]]) -> str:
    """The broken links in Markdown, for GitHub's job summary: each with what the site
    said and the pages (file:line) that use it."""
    broken = sorted(url for url, (verdict, _) in results.items() if verdict != "ok")
    lines = ["## Links to other websites", ""]
    if not broken:
        lines.append(f"All {len(links)} links to other websites work." if len(links) != 1
                     else "The one link to another website works.")
        return "\n".join(lines) + "\n"
    lines.append(f"{len(broken)} of the {len(links)} links to other websites "
                 f"{'is' if len(broken) == 1 else 'are'} broken. Check each one in a browser: "
                 "some sites refuse checks like this one. If a page has moved, update the link "
                 "and its entry in data/sources.yml.")
    lines.append("")
    for url in broken:
        used = ", ".join(f"`{place.replace('`', '')}`" for place in links[url])
        lines.append(f"- {_text(url)} ({_text(results[url][1])}), used in {used}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description="Check links to other websites (needs a network).")
    parser.add_argument("source", nargs="?", type=Path, default=ROOT / "site" / "readability.json",
                        help="the build report, or a built site folder (default: site/readability.json)")
    parser.add_argument("--summary", type=Path, default=os.environ.get("GITHUB_STEP_SUMMARY") or None,
                        help="also add a Markdown list of broken links to this file (default: $GITHUB_STEP_SUMMARY)")
    args = parser.parse_args()
    source = args.source
    if source.is_dir():
        report = source / "readability.json"
        source = report if report.exists() else source
    if source.is_file():
        links = links_from_report(source)
    elif source.is_dir():
        links = links_from_html(source)
    else:
        print(f"{source} does not exist. Run `make build` first.", file=sys.stderr)
        return 2
    if not links:
        print("No links to other websites found.")
        return 0

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(check, links)))
    width = min(70, max(len(url) for url in links))
    print(f"{'result':<7} {'link':<{width}}  status, used in")
    for url in sorted(links, key=lambda u: (results[u][0] == "ok", u)):
        verdict, status = results[url]
        print(f"{verdict:<7} {url:<{width}}  {status}; {', '.join(links[url][:3])}")
    broken = sum(1 for verdict, _ in results.values() if verdict != "ok")
    print(f"\n{len(links)} links, {broken} broken.")
    if broken == len(links) and all(status == "ConnectionError" for _, status in results.values()):
        print("No site answered at all: is this computer online?")
    if args.summary:
        with Path(args.summary).open("a", encoding="utf-8") as handle:  # shared by the job's steps
            handle.write(summary_markdown(links, results))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
