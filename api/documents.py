"""Reading the corpus: documents (metadata, tree, assignments, references, stored text) and the
responsibility matrix of units; the admin's upload and removal of documents."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool

from api.auth import require_admin, require_reader
from api.schemas import (
    DocumentDetail,
    DocumentSummary,
    DocumentText,
    IngestOut,
    Problem,
    UnitDetail,
    UnitSummary,
)
from ingest.errors import IngestError
from ingest.export import document_json
from ingest.lookup import responsibility_matrix
from ingest.types import Document

reading = APIRouter(prefix="/api", tags=["văn bản"], dependencies=[Depends(require_reader)])
admin = APIRouter(prefix="/api", tags=["quản trị"], dependencies=[Depends(require_admin)])

_NOT_FOUND = {401: {"model": Problem}, 404: {"model": Problem}}


@reading.get("/documents", response_model=list[DocumentSummary], summary="Danh sách văn bản")
def list_documents(request: Request) -> list[dict]:
    service = request.app.state.service
    listed = [summary(document) for document in service.documents().values()]
    cited = [
        {"number": node.number, "type": node.doc_type or "", "issuer": node.issuer, "issued": node.issued,
         "title": node.title, "signer": None, "sections": 0, "assignments": 0, "references": 0, "has_text": False}
        for node in service.cited_only()
    ]
    return sorted(listed, key=lambda d: d["number"]) + sorted(cited, key=lambda d: d["number"])


# Numbers hold slashes ("3400-CV/TU"), so the path parameter takes the rest of the path; the /text route is
# declared first so that ".../text" is not read as part of a number.
@reading.get("/documents/{number:path}/text", response_model=DocumentText, responses=_NOT_FOUND,
             summary="Toàn văn đã lưu (vị trí trích dẫn tính trên văn bản này)")
def document_text(number: str, request: Request) -> dict:
    document = request.app.state.service.document(number)
    return {"number": document.number, "text": document.text}


@reading.get("/documents/{number:path}", response_model=DocumentDetail, responses=_NOT_FOUND,
             summary="Một văn bản: thông tin, cấu trúc, phân công, văn bản được dẫn")
def document_detail(number: str, request: Request) -> dict:
    return document_json(request.app.state.service.document(number))


@reading.get("/units", response_model=list[UnitSummary], summary="Các đơn vị được giao việc")
def list_units(request: Request) -> list[dict]:
    rows = responsibility_matrix(request.app.state.service.documents().values())
    return [
        {"name": unit, "assignments": len(items), "documents": list(dict.fromkeys(d.number for d, _ in items))}
        for unit, items in rows.items()
    ]


@reading.get("/units/{name}", response_model=list[UnitDetail], responses=_NOT_FOUND,
             summary="Ma trận trách nhiệm của đơn vị (chấp nhận viết tắt, không dấu)")
def unit_detail(name: str, request: Request) -> list[dict]:
    rows = responsibility_matrix(request.app.state.service.documents().values(), name)
    if not rows:
        raise HTTPException(404, f"Không thấy đơn vị nào khớp với “{name}”. Thử tên đầy đủ, ví dụ: Ban Tổ chức Tỉnh ủy.")
    return [{"name": unit, "tasks": [task_json(d, item) for d, item in items]} for unit, items in rows.items()]


@admin.post("/documents", response_model=IngestOut, status_code=201,
            responses={401: {"model": Problem}, 403: {"model": Problem}, 413: {"model": Problem}, 422: {"model": Problem}},
            summary="Tải lên và nạp một văn bản (cần khóa quản trị)")
async def upload_document(file: UploadFile, request: Request) -> dict:
    limit = request.app.state.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"Tệp lớn hơn giới hạn {limit // (1024 * 1024)} MB. Hãy tách văn bản hoặc nén ảnh trong tệp.")
    service = request.app.state.service
    try:
        document, result = await run_in_threadpool(service.ingest_upload, file.filename or "", data, limit)
    except IngestError as error:
        raise HTTPException(422, f"{error.message}") from None
    return {
        "number": document.number, "status": result.status, "passages": result.passages,
        "sections": sum(1 for _ in document.walk()), "assignments": len(document.assignments),
        "warnings": list(document.warnings),
    }


@admin.delete("/documents/{number:path}", status_code=204, responses=_NOT_FOUND | {403: {"model": Problem}},
              summary="Gỡ một văn bản khỏi chỉ mục (cần khóa quản trị)")
def delete_document(number: str, request: Request) -> None:
    request.app.state.service.remove(number)


def summary(document: Document) -> dict:
    return {
        "number": document.number, "type": document.doc_type, "issuer": document.issuer,
        "issued": document.issued, "title": document.title, "signer": document.signer,
        "sections": sum(1 for _ in document.walk()), "assignments": len(document.assignments),
        "references": len(document.references), "has_text": True,
    }


def task_json(document: Document, item) -> dict:
    section = document.find(item.locator)
    return {
        "doc_number": document.number, "role": item.role, "task": item.task, "deadline": item.deadline,
        "report_to": list(item.report_to), "locator": list(item.locator),
        "label": section.label if section else " > ".join(item.locator), "start": item.start, "end": item.end,
    }
