"""The signed and encrypted files carried on USB sticks; every one is built from
:mod:`kiosk.protocol.envelope` (docs/protocol.md §8)."""
