"""Web service settings (CHIDAO_ environment variables) and the start-up rule on who may reach the service:
with no keys it serves the loopback address only; any other address needs reader and admin keys."""

from __future__ import annotations

import ipaddress

from pydantic import Field

from assistant.settings import Settings


class ExposureRefused(Exception):
    """The service would be reachable from the network without keys. `message` is Vietnamese."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class WebSettings(Settings):
    host: str = Field("127.0.0.1", description="address to listen on")
    port: int = Field(8000, ge=1, le=65535)
    # comma-separated lists, as they are typed in an environment file
    reader_keys: str = Field("", description="API keys for asking and reading (Authorization: Bearer KEY)")
    admin_keys: str = Field("", description="API keys for uploading and removing documents")
    cors_origins: str = Field("", description="host pages allowed to embed the widget, e.g. https://portal.tinh.vn")
    max_upload_bytes: int = Field(20 * 1024 * 1024, gt=0)
    max_question_chars: int = Field(2000, gt=0)

    def readers(self) -> frozenset[str]:
        return _split(self.reader_keys)

    def admins(self) -> frozenset[str]:
        return _split(self.admin_keys)

    def origins(self) -> list[str]:
        return sorted(_split(self.cors_origins))

    @property
    def open_access(self) -> bool:
        """No keys at all: anyone who can reach the address may ask (loopback only, see check_exposure)."""
        return not self.readers() and not self.admins()


def check_exposure(settings: WebSettings) -> str:
    """What the service tells at start-up about access; raises ExposureRefused for an unsafe setting."""
    loopback = _is_loopback(settings.host)
    if settings.open_access and not loopback:
        raise ExposureRefused(
            f"Không thể mở dịch vụ ra địa chỉ {settings.host} khi chưa có khóa truy cập. Hãy đặt "
            "CHIDAO_READER_KEYS và CHIDAO_ADMIN_KEYS, hoặc để CHIDAO_HOST=127.0.0.1."
        )
    if not loopback and (not settings.readers() or not settings.admins()):
        raise ExposureRefused(
            f"Để mở dịch vụ ra địa chỉ {settings.host} cần cả khóa đọc (CHIDAO_READER_KEYS) và khóa quản trị "
            "(CHIDAO_ADMIN_KEYS)."
        )
    if settings.open_access:
        return (
            f"Chưa đặt khóa truy cập: dịch vụ chỉ nghe trên {settings.host} (máy này). Tải lên và gỡ văn bản "
            "qua API bị tắt cho đến khi đặt CHIDAO_ADMIN_KEYS."
        )
    return f"Dịch vụ nghe trên {settings.host}; mọi yêu cầu cần khóa (Authorization: Bearer …)."


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything


def _split(value: str) -> frozenset[str]:
    return frozenset(part.strip() for part in value.split(",") if part.strip())
