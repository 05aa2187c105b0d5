"""The built-in sandbox: an HTTP emulator of the Chime/Lofty API with demo data.

- `app.py`: `create_app(SandboxConfig)` and the `Sandbox` (routes from the catalog, one dispatcher)
- `handlers/`: what each operation does, one module per toolset; `store.py`: the state and its
  SQLite persistence
- `faults.py`, `limiter.py`: fault injection and the rate limit (`ratelimit.py`: the old name)
- `inprocess.py`: a ChimeClient on the app without a socket; `serve.py`: `chime-mcp sandbox`
- `demo.py`: the deterministic demo CRM

Nothing is imported here, so `import chime_mcp.sandbox.demo` stays cheap.
"""
