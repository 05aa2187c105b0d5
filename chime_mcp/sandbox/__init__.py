"""The built-in sandbox: an HTTP emulator of the Chime/Lofty API with demo data.

- `app.py`: `create_app(SandboxConfig)` and the `Sandbox` (routes from the catalog, one dispatcher)
- `handlers.py`: what each operation does; `store.py`: the state and its SQLite persistence
- `faults.py`, `ratelimit.py`: fault injection and the rate limit
- `inprocess.py`: a ChimeClient on the app without a socket; `serve.py`: `chime-mcp sandbox`
- `demo.py`: the deterministic demo CRM

Nothing is imported here, so `import chime_mcp.sandbox.demo` stays cheap.
"""
