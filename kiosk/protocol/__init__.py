"""What the village station and the provincial hub share, and nothing else of the station.

The wire (``wire``: header, version, outcomes, content hash; ``models``: the pydantic body of
every request and answer; ``stages``: the hub's case stages), the one envelope of the signed
and encrypted files carried on USB (``envelope`` and the formats under ``files``), and the few
basics both sides need (``clock``, ``errors``, ``atomic``, ``workdays``, ``sealed``,
``case_numbers``). Imports only the standard library, pydantic and cryptography
(tests/test_layering.py); docs/architecture.md has the import table.
"""
