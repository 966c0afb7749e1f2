"""Sentence encoders: the Encoder protocol, a registry, and lazily loaded backends."""

from bilingual.encode.base import Encoder, available_encoders, get_encoder

__all__ = ["Encoder", "available_encoders", "get_encoder"]
