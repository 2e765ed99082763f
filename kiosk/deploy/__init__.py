"""Field deployment: provisioning files, signed offline updates, side-by-side versions,
the launcher that picks the current version, and the diagnostics bundle. No Qt here."""
