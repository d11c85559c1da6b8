"""Evaluation: every suite document uploaded through the admin endpoint, as an administrator would, into a fresh
data folder; prints a Markdown table: file, HTTP status, number, type, sections, assignments (or the error).

Run: python -m evals.directives.upload_all [--data-dir DIR]  (embeds every document: minutes, not seconds)
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from evals.directives.gold import suite_documents

ADMIN_KEY = "upload-check"


def upload_all(data_dir: Path) -> list[dict]:
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.config import WebSettings

    settings = WebSettings(data_dir=data_dir, admin_keys=ADMIN_KEY, reader_keys="reader")
    rows = []
    headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
    with TestClient(create_app(settings), headers=headers) as client:
        for doc in suite_documents():
            with doc.path.open("rb") as handle:
                response = client.post("/api/documents", files={"file": (doc.path.name, handle)})
            body = response.json()
            rows.append({"file": doc.path.name, "part": doc.part, "status": response.status_code,
                         "number": body.get("number"), "detail": body.get("detail")})
        listed = {item["number"]: item for item in client.get("/api/documents").json()}
    for row in rows:
        item = listed.get(row["number"] or "", {})
        row.update(type=item.get("type"), sections=item.get("sections"), assignments=item.get("assignments"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="default: a temporary folder")
    args = parser.parse_args(argv)
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="chidao-upload-"))
    rows = upload_all(folder)
    print("| tệp | phần | HTTP | số | loại | mục | phân công |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        tail = row["detail"] if row["status"] >= 300 else f"{row['type']} | {row['sections']} | {row['assignments']}"
        print(f"| {row['file']} | {row['part']} | {row['status']} | {row['number'] or ''} | {tail} |")
    failed = [row for row in rows if row["status"] >= 300]
    print(f"\n{len(rows) - len(failed)} / {len(rows)} tệp đã nạp.")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
