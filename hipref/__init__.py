"""hipref: an offline reference for clinicians who treat hip pain."""

__version__ = "0.1.0"
