"""The test suite. A package, so test modules, benches and mypy all import `tests.support`."""
