"""Pictures of the built pages for the README and reviews, with Debian's headless Chromium.

Writes into reports/_scratch/ (never the published tree): the index and one page as PNG, the same page
printed to PDF (A4, the print stylesheet), and a copy of the page that shows one number's hover title
(its source) opened, since a headless browser cannot hover.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
OUT = REPORTS / "_scratch"
PAGE = "2021-08/lkdata_surplus"
SHOW_TITLE = (
    "<style>td[title]{position:relative}td.vss-open::after{content:attr(title);position:absolute;left:0;top:1.6em;"
    "z-index:9;background:#ffffe1;border:1px solid #888;padding:.2rem .4rem;font-size:.75rem;width:38rem;"
    "white-space:normal;box-shadow:1px 1px 3px #888}</style>"
)


def chromium(*args: str) -> None:
    """Run headless Chromium with a throw-away profile and nothing fetched from the network."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}", *args],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip


def main() -> None:
    """Write the pictures and the PDF into reports/_scratch/."""
    OUT.mkdir(parents=True, exist_ok=True)
    page = REPORTS / f"{PAGE}.html"
    if not page.exists():
        sys.exit(f"{page} is missing: run `make run` first")
    chromium("--window-size=1200,1600", f"--screenshot={OUT / 'index.png'}", (REPORTS / "index.html").as_uri())
    chromium("--window-size=1200,2400", f"--screenshot={OUT / 'page.png'}", page.as_uri())
    chromium("--no-pdf-header-footer", f"--print-to-pdf={OUT / 'page.pdf'}", page.as_uri())
    html = page.read_text(encoding="utf-8").replace("</head>", SHOW_TITLE + "</head>", 1)
    html = re.sub(r"<td ([^>]*)title=", r'<td class="vss-open" \1title=', html, count=1)
    demo = page.with_name(".hover-demo.html")  # beside the page, so its relative links hold; removed below
    demo.write_text(html, encoding="utf-8")
    try:
        chromium("--window-size=1200,1100", f"--screenshot={OUT / 'hover.png'}", demo.as_uri())
    finally:
        demo.unlink()
    for name in ("index.png", "page.png", "page.pdf", "hover.png"):
        print(OUT / name)


if __name__ == "__main__":
    main()
