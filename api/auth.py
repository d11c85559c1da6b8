"""Who may call what: reader keys for asking and reading, admin keys for uploading and removing documents.

With no keys configured the service listens on loopback only (api.config.check_exposure) and reading is open;
the admin endpoints stay closed until an admin key is set, since anyone on the machine could otherwise
rewrite the corpus.
"""

from __future__ import annotations

import hmac

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.config import WebSettings

_bearer = HTTPBearer(auto_error=False, description="Khóa đọc hoặc khóa quản trị")


def settings_of(request: Request) -> WebSettings:
    return request.app.state.settings


def require_reader(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    settings = settings_of(request)
    if settings.open_access:
        return
    if not _matches(credentials, settings.readers() | settings.admins()):
        raise HTTPException(
            401,
            "Thiếu hoặc sai khóa truy cập. Hãy gửi tiêu đề Authorization: Bearer <khóa đọc>.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_admin(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> None:
    settings = settings_of(request)
    if not settings.admins():
        raise HTTPException(
            403, "Chức năng quản trị đang tắt. Hãy đặt CHIDAO_ADMIN_KEYS rồi khởi động lại dịch vụ."
        )
    if not _matches(credentials, settings.admins()):
        raise HTTPException(
            401,
            "Cần khóa quản trị. Hãy gửi tiêu đề Authorization: Bearer <khóa quản trị>.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def _matches(credentials: HTTPAuthorizationCredentials | None, keys: frozenset[str]) -> bool:
    if credentials is None:
        return False
    given = credentials.credentials.encode()
    # compare with every key in constant time, so timing does not tell how much of a key was right
    return any(hmac.compare_digest(given, key.encode()) for key in keys)
