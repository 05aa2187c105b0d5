"""What the tests share, and what the benches import too (never a test module).

- `clocks`: `FakeClock`, the one fake clock (sleeps advance it at once; every sleep recorded).
- `canary`: `CANARY_API_KEY`, the credential that must never be seen.
- `sandboxes`: fresh seed-7 sandboxes, in process or behind a loopback server.
- `results`: reading a tool result as the model does (`text_of`).
- `faults`, `fault_scenarios`: the fault rig and the scenarios run by test_faults.py and
  bench/fault_report.py.
- `load`: the load runner (test_load.py, bench/fault_report.py).
- `tool_calls`: one representative call of every tool, for the rendered-output snapshots.
- `snapshots`: the snapshot files, and the one command that regenerates them all.
"""
