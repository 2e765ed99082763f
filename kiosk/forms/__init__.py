"""Form definitions, field types and validators. Shared by the UI, CLI, batch import and hub."""
