"""Sentence encoders (protocol, registry, lazily loaded backends) and the aligner's other channels.

``base`` (registry), ``use`` and ``local`` (backends) and ``vectors`` make sentence vectors;
``lexical`` (hashed dictionary/lexical vectors) and ``length`` (Gale–Church) are channels the
aligner scores beside them, not encoders. See ARCHITECTURE.md for the words "encoding"
(bytes, ``bilingual.io``) and "features" (``bilingual.align.encoding``).
"""

from bilingual.encode.base import (
    Encoder,
    available_encoders,
    get_encoder,
    register_encoder,
    unregister_encoder,
)

__all__ = ["Encoder", "available_encoders", "get_encoder", "register_encoder", "unregister_encoder"]
