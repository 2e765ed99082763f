"""The devices on a service point's desk, spoken to in their own protocols.

ID-card readers (a SAM module behind a serial bridge, or a vendor library in a helper
process), ESC/POS receipt printers, the keyboard-wedge scanner's burst detector and the
signed receipt code, and the image work behind the document camera. Nothing here imports
Qt: the camera itself (QtMultimedia) lives in kiosk/ui. Every device has a simulator here
that speaks the same protocol, for the tests and the demo. See docs/devices.md.
"""
