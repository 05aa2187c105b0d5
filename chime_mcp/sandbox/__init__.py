"""The built-in sandbox: an HTTP emulator of the Chime/Lofty API with demo data."""
